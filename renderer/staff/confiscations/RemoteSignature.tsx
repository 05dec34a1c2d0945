/**
 * On a two-screen desk, the person collecting signs on the visitor-facing screen (issue 7): the
 * office asks for the signature there, waits for it, and sees it before releasing. With one
 * screen (or none open) nothing shows here and they sign in the box on this screen.
 */
import { useEffect, useRef, useState } from 'react';
import { call, useLoad } from '../../app/api';
import { Button, Notice } from '../../components/ui';

export const VISITOR_SCREEN_PROMPT = 'Please sign below to confirm you have collected the item.';
const POLL_MS = 1000;

type State = { kind: 'idle' } | { kind: 'waiting'; requestId: string } | { kind: 'signed'; signature: string } | { kind: 'problem'; message: string };

interface Props {
  /** The signature drawn on the visitor screen, or null (sign on this screen). */
  onSignature(signature: string | null): void;
}

export function RemoteSignature({ onSignature }: Props) {
  const screens = useLoad('getScreens');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const onSignatureRef = useRef(onSignature);
  onSignatureRef.current = onSignature;

  // While waiting: ask every second whether the signature has arrived.
  const waitingFor = state.kind === 'waiting' ? state.requestId : null;
  useEffect(() => {
    if (!waitingFor) return;
    let live = true;
    const timer = setInterval(() => {
      void call('getPublicSignature', { requestId: waitingFor }).then((r) => {
        if (!live || !r.ok) return;
        if (r.value.status === 'signed') {
          setState({ kind: 'signed', signature: r.value.signature });
          onSignatureRef.current(r.value.signature);
        } else if (r.value.status === 'gone') {
          setState({ kind: 'problem', message: 'The visitor screen no longer shows the request. Ask again, or sign on this screen.' });
        }
      });
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [waitingFor]);

  // Leaving the form takes the request off the visitor screen.
  useEffect(
    () => () => {
      if (waitingFor) void call('cancelPublicSignature', { requestId: waitingFor });
    },
    [waitingFor],
  );

  if (!screens.data?.visitorScreen) return null;

  async function ask() {
    const r = await call('requestPublicSignature', { prompt: VISITOR_SCREEN_PROMPT });
    if (!r.ok) return setState({ kind: 'problem', message: r.error.message });
    onSignatureRef.current(null);
    setState({ kind: 'waiting', requestId: r.value.requestId });
  }

  function signHere() {
    if (state.kind === 'waiting') void call('cancelPublicSignature', { requestId: state.requestId });
    onSignatureRef.current(null);
    setState({ kind: 'idle' });
  }

  return (
    <div className="conf-remote-signature" aria-live="polite">
      {state.kind === 'idle' && (
        <p>
          <Button kind="secondary" onClick={() => void ask()}>
            Ask them to sign on the visitor screen
          </Button>
        </p>
      )}
      {state.kind === 'waiting' && (
        <div className="conf-remote-waiting">
          <p role="status">Waiting for the signature on the visitor screen…</p>
          <Button kind="secondary" onClick={signHere}>
            Sign on this screen instead
          </Button>
        </div>
      )}
      {state.kind === 'signed' && (
        <div className="conf-remote-signed">
          <p role="status">Signed on the visitor screen:</p>
          <img src={state.signature} alt="The signature drawn on the visitor screen" className="conf-signature-image" />
          <p>
            <Button kind="secondary" onClick={() => void ask()}>
              Ask them to sign again
            </Button>{' '}
            <Button kind="secondary" onClick={signHere}>
              Sign on this screen instead
            </Button>
          </p>
        </div>
      )}
      {state.kind === 'problem' && (
        <Notice kind="warning">
          <p>{state.message}</p>
          <Button kind="secondary" onClick={() => void ask()}>
            Ask again
          </Button>
        </Notice>
      )}
    </div>
  );
}

/**
 * The visitor-facing screen of a two-screen desk (its session says publicScreen): over whatever
 * kiosk screen shows, the tasks the host gives it. A signature the office asked for (a parent
 * collecting a confiscated device signs here, issue 7), and a visitor badge scanned at the desk
 * (signed out here, with the goodbye) or an invitation code (the sign-in starts with it). It asks for its next task every second; nothing is shown
 * about anyone but the person in front of it.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../app/api';
import { handOffCode } from './visitors/handoff';
import { isStaff, useApp } from '../app/store';
import { SignaturePad, type SignatureHandle } from '../components/SignaturePad';
import { Button } from '../components/ui';
import './public-screen.css';

const POLL_MS = 1000;
const SHOW_MS = 8000;

type Overlay =
  | { kind: 'sign'; requestId: string; prompt: string; error: string | null; busy: boolean }
  | { kind: 'message'; text: string; testId: string; until: number };

export function PublicScreenTasks() {
  const session = useApp((s) => s.session);
  const publicScreen = !!session && !isStaff(session) && session.publicScreen === true;
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [, navigate] = useLocation();
  const busyRef = useRef(false);
  busyRef.current = overlay?.kind === 'sign';

  useEffect(() => {
    if (!publicScreen) return;
    let live = true;
    const timer = setInterval(() => {
      void call('getPublicTask', {}).then(async (r) => {
        if (!live || !r.ok || !r.value) return;
        const task = r.value;
        if (task.kind === 'signature') {
          setOverlay((o) => (o?.kind === 'sign' && o.requestId === task.id ? o : { kind: 'sign', requestId: task.id, prompt: task.prompt, error: null, busy: false }));
          return;
        }
        if (busyRef.current) return; // someone is signing: a scan waits for the office to ask again
        if (task.token.startsWith('KV')) {
          const out = await call('kioskSignOut', { token: task.token });
          if (!live) return;
          setOverlay(
            out.ok
              ? { kind: 'message', text: `Goodbye, ${out.value.name}. Thank you for visiting.`, testId: 'goodbye', until: Date.now() + SHOW_MS }
              : { kind: 'message', text: out.error.message, testId: 'public-problem', until: Date.now() + SHOW_MS },
          );
        } else {
          // an invitation code or a regular visitor's card: the sign-in takes it as if typed
          handOffCode(task.token);
          navigate('/visitors/sign-in');
        }
      });
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [publicScreen, navigate]);

  // A message goes by itself.
  useEffect(() => {
    if (overlay?.kind !== 'message') return;
    const t = setTimeout(() => setOverlay(null), Math.max(0, overlay.until - Date.now()));
    return () => clearTimeout(t);
  }, [overlay]);

  if (!publicScreen || !overlay) return null;
  if (overlay.kind === 'message') {
    return (
      <div className="public-overlay" role="status" data-testid={overlay.testId}>
        <p className="public-message">{overlay.text}</p>
      </div>
    );
  }
  return <SignHere overlay={overlay} onChange={setOverlay} />;
}

function SignHere({ overlay, onChange }: { overlay: Extract<Overlay, { kind: 'sign' }>; onChange: (o: Overlay | null) => void }) {
  const pad = useRef<SignatureHandle>(null);
  async function done() {
    if (!pad.current || pad.current.isEmpty()) return onChange({ ...overlay, error: 'Please sign in the box first.' });
    onChange({ ...overlay, busy: true, error: null });
    const r = await call('submitPublicSignature', { requestId: overlay.requestId, signature: pad.current.toDataURL() });
    if (!r.ok) return onChange({ ...overlay, busy: false, error: r.error.message });
    onChange({
      kind: 'message',
      text: r.value.received ? 'Thank you. Please let the office know you have signed.' : 'Please see the office: they will ask you to sign again.',
      testId: 'signed',
      until: Date.now() + 5000,
    });
  }
  return (
    <section className="public-overlay public-sign" aria-labelledby="public-sign-title">
      <h1 id="public-sign-title" className="public-sign-title">
        {overlay.prompt}
      </h1>
      <SignaturePad
        ref={pad}
        label="Your signature"
        hint="Sign in the box with your finger or the pen."
        error={overlay.error ?? undefined}
        onSign={() => overlay.error && onChange({ ...overlay, error: null })}
      />
      <div className="public-sign-actions">
        <Button kind="primary" className="kiosk-btn" onClick={() => void done()} disabled={overlay.busy}>
          {overlay.busy ? 'Sending…' : 'Done'}
        </Button>
      </div>
    </section>
  );
}

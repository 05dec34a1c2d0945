/**
 * The signature box on a release (issue 7), on the office screen or the visitor screen: the person collecting signs once with a finger, a pen
 * or the mouse, on a <canvas> run by the `signature_pad` package. The parent form reads it through
 * the ref: isEmpty(), toDataURL() (a PNG data URL, white background) and clear().
 */
import SignaturePadLib from 'signature_pad';
import { useEffect, useId, useImperativeHandle, useRef, type Ref } from 'react';
import { Button } from './ui';
import './signature-pad.css';

export interface SignatureHandle {
  isEmpty(): boolean;
  toDataURL(): string;
  clear(): void;
}

interface Props {
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Called when the person starts signing (so a "must sign" message can go). */
  onSign?: () => void;
  ref?: Ref<SignatureHandle>;
}

export function SignaturePad({ label, hint, error, onSign, ref }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  const onSignRef = useRef(onSign);
  onSignRef.current = onSign;
  const id = useId();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadLib(canvas, { backgroundColor: '#ffffff', penColor: '#161616', minWidth: 1, maxWidth: 3 });
    padRef.current = pad;
    const begin = () => onSignRef.current?.();
    pad.addEventListener('beginStroke', begin);

    // The drawing surface matches the box's size on screen (and the screen's pixel density).
    // Resizing a canvas wipes it, so the strokes are kept and drawn again.
    let size = '';
    const fit = () => {
      const width = canvas.offsetWidth;
      const height = canvas.offsetHeight;
      if (width === 0 || height === 0) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const next = `${width}x${height}x${ratio}`;
      if (next === size) return;
      size = next;
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      const strokes = pad.toData();
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (strokes.length > 0) pad.fromData(strokes);
    };
    fit();
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
      pad.removeEventListener('beginStroke', begin);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => padRef.current?.isEmpty() ?? true,
      toDataURL: () => padRef.current?.toDataURL('image/png') ?? '',
      clear: () => padRef.current?.clear(),
    }),
    [],
  );

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field conf-signature ${error ? 'field-invalid' : ''}`.trim()} role="group" aria-labelledby={`${id}-label`}>
      <p className="conf-signature-label" id={`${id}-label`}>
        {label}
      </p>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <canvas
        ref={canvasRef}
        id={id}
        className="conf-signature-canvas"
        role="img"
        aria-label={`${label}: the box to sign in`}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
      />
      <div className="conf-signature-actions">
        <Button
          kind="secondary"
          onClick={() => padRef.current?.clear()}
        >
          Clear the signature
        </Button>
      </div>
    </div>
  );
}

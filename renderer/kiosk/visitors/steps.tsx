/**
 * The sign-in's screens before the rules: "Who are you?" (a large tile per visitor type, and one
 * for an invitation code), the code, and one question a screen with the on-screen keyboard. Each
 * has Back; each shows its problem beside the field. Nothing here is kept once the flow ends.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { KioskVisitorForm } from '../../../electron/api/contract';
import { OnScreenKeyboard, type Capitalise } from '../../components/OnScreenKeyboard';
import { Button, Notice } from '../../components/ui';
import { ScreenHeading } from '../common';
import { invitationCode, useWedgeScan } from './scan';
import './visitors.css';

export type VisitorTypeChoice = KioskVisitorForm['types'][number];

export function StepActions({ onBack, backLabel = 'Back', children }: { onBack: () => void; backLabel?: string; children?: ReactNode }) {
  return (
    <div className="kiosk-actions kiosk-actions-split vstep-actions">
      <Button kind="secondary" className="kiosk-btn" onClick={onBack}>
        {backLabel}
      </Button>
      <div className="vstep-forward">{children}</div>
    </div>
  );
}

export function TypeStep({
  types,
  error,
  kicker,
  onChoose,
  onCode,
  onScanCode,
  onBack,
}: {
  types: VisitorTypeChoice[];
  error: string | null;
  kicker: string;
  onChoose: (key: string) => void;
  onCode: () => void;
  /** An invitation code scanned on this screen (no field is focused here). */
  onScanCode: (code: string) => void;
  onBack: () => void;
}) {
  useWedgeScan((text) => {
    const code = invitationCode(text);
    if (code) onScanCode(code);
  });
  return (
    <main className="surface kiosk kiosk-screen visitors vstep vtype">
      <ScreenHeading kicker={kicker}>Who are you?</ScreenHeading>
      {error && <Notice kind="error">{error}</Notice>}
      <ul className="vtype-tiles" aria-label="Who are you?">
        {types.map((t) => (
          <li key={t.key}>
            <button type="button" className="vtile" onClick={() => onChoose(t.key)}>
              {t.label}
            </button>
          </li>
        ))}
        <li className="vtype-code">
          <button type="button" className="vtile vtile-code" onClick={onCode}>
            I have an invitation code
          </button>
        </li>
      </ul>
      <StepActions onBack={onBack} />
    </main>
  );
}

/** A text field on the kiosk: never remembered or corrected by the browser, no system keyboard. */
export function KioskInput({
  label,
  hint,
  error,
  value,
  onValue,
  maxLength,
  inputRef,
  capitalise,
  labelAsHeading = false,
}: {
  label: string;
  hint?: string | undefined;
  error: string | null;
  value: string;
  onValue: (v: string) => void;
  maxLength: number;
  inputRef: RefObject<HTMLInputElement | null>;
  capitalise: Capitalise;
  labelAsHeading?: boolean;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const labelEl = (
    <label htmlFor={id} className="vquestion">
      {label}
    </label>
  );
  return (
    <div className={`field vfield ${error ? 'field-invalid' : ''}`.trim()}>
      {labelAsHeading ? <h1 className="vquestion-heading">{labelEl}</h1> : labelEl}
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
      <input
        ref={inputRef}
        id={id}
        type="text"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        maxLength={maxLength}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize={capitalise === 'characters' ? 'characters' : capitalise === 'words' ? 'words' : 'sentences'}
        spellCheck={false}
        inputMode="none"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}

export interface QuestionProps {
  kicker: string;
  question: string;
  hint?: string | undefined;
  value: string;
  error: string | null;
  maxLength: number;
  capitalise: Capitalise;
  onValue: (v: string) => void;
  onNext: () => void;
  onBack: () => void;
  /** An optional question: a button that moves on with nothing typed ("No car"). */
  skipLabel?: string | undefined;
  onSkip?: (() => void) | undefined;
  nextLabel?: string;
  busy?: boolean;
}

/** One question a screen: the question is the field's label and the screen's heading. */
export function QuestionStep({ kicker, question, hint, value, error, maxLength, capitalise, onValue, onNext, onBack, skipLabel, onSkip, nextLabel = 'Next', busy = false }: QuestionProps) {
  const input = useRef<HTMLInputElement>(null);
  // Focus the field when the question opens (and again when an error comes back for it).
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
  }, [question, error]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onNext();
  };
  return (
    <main className="surface kiosk kiosk-screen visitors vstep vquestion-step">
      <form onSubmit={onSubmit} noValidate className="vquestion-form">
        <p className="kiosk-kicker">{kicker}</p>
        <KioskInput label={question} hint={hint} error={error} value={value} onValue={onValue} maxLength={maxLength} inputRef={input} capitalise={capitalise} labelAsHeading />
        <StepActions onBack={onBack}>
          {onSkip && skipLabel && (
            <Button kind="secondary" className="kiosk-btn" onClick={onSkip} disabled={busy}>
              {skipLabel}
            </Button>
          )}
          <button type="submit" className="btn btn-primary kiosk-btn kiosk-btn-wide" disabled={busy}>
            {nextLabel}
          </button>
        </StepActions>
      </form>
      <OnScreenKeyboard target={input} value={value} onChange={onValue} capitalise={capitalise} maxLength={maxLength} disabled={busy} />
    </main>
  );
}

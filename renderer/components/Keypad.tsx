/**
 * A PIN keypad for touch and keyboard: digits 1 to 9 and 0, Delete and a submit key, with a masked
 * display (dots, never the digits) and the count announced to screen readers. There is no text
 * input, so a PIN never reaches the page's history, autofill or an on-screen keyboard.
 *
 * With focus anywhere inside it: digits type, Backspace (or Delete) removes the last digit, Enter
 * submits (Enter or Space on a focused key presses that key, as for any button). Pressing a key
 * with a finger or mouse leaves focus on the keypad, so typing can carry on either way.
 */
import { useId, useRef, type KeyboardEvent, type Ref } from 'react';
import '../kiosk/kiosk.css';

export interface KeypadProps {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  /** What is being typed, for screen readers and the empty display ("PIN"). */
  label?: string;
  maxLength?: number;
  /** Everything off (while a request is on its way). */
  disabled?: boolean;
  /** Only the submit key off (while a wait runs); digits can still be typed. */
  submitDisabled?: boolean;
  submitLabel?: string;
  /** A message about what was typed, shown (and announced) right above the display. */
  error?: string | null;
  /** The keypad itself, to put focus back on it. */
  ref?: Ref<HTMLDivElement>;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function Keypad({
  value,
  onChange,
  onSubmit,
  label = 'PIN',
  maxLength = 12,
  disabled = false,
  submitDisabled = false,
  submitLabel = 'Unlock',
  error = null,
  ref,
}: KeypadProps) {
  const id = useId();
  const root = useRef<HTMLDivElement | null>(null);
  const count = value.length;
  const full = count >= maxLength;

  const setRoot = (el: HTMLDivElement | null) => {
    root.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  const type = (digit: string) => {
    if (disabled || full) return;
    onChange(value + digit);
  };
  const remove = () => {
    if (disabled || count === 0) return;
    onChange(value.slice(0, -1));
  };
  const submit = () => {
    if (disabled || submitDisabled) return;
    onSubmit();
  };

  /** A key pressed by finger or mouse: keep (or bring) focus on the keypad for the physical keyboard. */
  const keepFocus = () => {
    const el = root.current;
    if (el && !el.contains(document.activeElement)) el.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      type(e.key);
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      remove();
    } else if (e.key === 'Enter') {
      // Enter on a focused key presses that key; anywhere else in the keypad it submits.
      if (e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      submit();
    }
  };

  const key = (content: string, action: () => void, opts: { className?: string; off?: boolean } = {}) => (
    <button
      key={content}
      type="button"
      className={`keypad-key ${opts.className ?? ''}`.trim()}
      disabled={disabled || opts.off}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        action();
        keepFocus();
      }}
    >
      {content}
    </button>
  );

  const errorId = `${id}-error`;
  const countId = `${id}-count`;
  return (
    <div
      ref={setRoot}
      className={`keypad ${error ? 'keypad-invalid' : ''}`.trim()}
      role="group"
      aria-label={`${label} keypad`}
      aria-describedby={[error ? errorId : null, countId].filter(Boolean).join(' ')}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {error && (
        <p className="keypad-error field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="keypad-display" aria-hidden="true">
        {count === 0 ? (
          <span className="keypad-placeholder">Type your {label}</span>
        ) : (
          Array.from({ length: count }, (_, i) => <span key={i} className="keypad-dot" />)
        )}
      </div>
      <p className="visually-hidden" id={countId} aria-live="polite">
        {count === 0 ? 'No digits entered' : `${count} ${count === 1 ? 'digit' : 'digits'} entered`}
        {full ? `, the most a ${label} can have` : ''}
      </p>
      <div className="keypad-keys">
        {DIGITS.map((d) => key(d, () => type(d)))}
        {key('Delete', remove, { className: 'keypad-delete' })}
        {key('0', () => type('0'))}
        {key(submitLabel, submit, { className: 'keypad-submit', off: submitDisabled })}
      </div>
    </div>
  );
}

/**
 * A new PIN typed twice, as set-up, recovery, My PIN and staff accounts ask for it: two masked
 * fields, the check that they are the same (its message beside the second field, before anything
 * is sent) and the server's message about the PIN beside the first. Each screen keeps its words.
 */
import { useState } from 'react';
import { TextField } from './ui';

/** Why the second PIN was refused: it differs from the first, or it was left empty. */
export type PinMismatch = 'different' | 'missing';

export interface NewPin {
  pin: string;
  again: string;
  setPin(value: string): void;
  setAgain(value: string): void;
  /** What the last `check()` found wrong with the second PIN, or null. */
  mismatch: PinMismatch | null;
  /** On submit: true when the two PINs are the same; otherwise says so beside the second field. */
  check(): boolean;
  /** Empty both fields and forget the last check. */
  clear(): void;
}

export function useNewPin(): NewPin {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<PinMismatch | null>(null);
  return {
    pin,
    again,
    setPin,
    setAgain,
    mismatch,
    check() {
      const found = again === pin ? null : again ? 'different' : 'missing';
      setMismatch(found);
      return found === null;
    },
    clear() {
      setPin('');
      setAgain('');
      setMismatch(null);
    },
  };
}

interface NewPinFieldsProps {
  value: NewPin;
  label: string;
  againLabel: string;
  /** Under the first field's label. */
  hint?: string | undefined;
  /** The server's message about the new PIN, beside the first field. */
  error?: string | undefined;
  /** Beside the second field when the two PINs differ. */
  notSame: string;
  /** Beside the second field when it was left empty (otherwise `notSame`). */
  notTyped?: string | undefined;
  /** On the kiosk: no password manager, and no more than the 12 digits a PIN can have. */
  kiosk?: boolean;
}

export function NewPinFields({ value, label, againLabel, hint, error, notSame, notTyped, kiosk = false }: NewPinFieldsProps) {
  const entry = kiosk ? { autoComplete: 'off', maxLength: 12 } : { autoComplete: 'new-password' };
  const mismatch = value.mismatch === 'missing' ? (notTyped ?? notSame) : value.mismatch === 'different' ? notSame : undefined;
  return (
    <>
      <TextField label={label} hint={hint} type="password" inputMode="numeric" {...entry} value={value.pin} onValue={value.setPin} error={error} />
      <TextField label={againLabel} type="password" inputMode="numeric" {...entry} value={value.again} onValue={value.setAgain} error={mismatch} />
    </>
  );
}

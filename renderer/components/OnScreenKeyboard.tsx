/**
 * An on-screen keyboard for the public touchscreen: UK QWERTY letters, a row of digits, space,
 * Delete, Shift (one letter) and Caps lock, and the - ' . @ , keys; every key at least 56 px.
 * It types into the field on screen (at the caret, or over a selection), keeps focus in that
 * field so a physical keyboard or a scanner can carry on, and never takes focus itself (its keys
 * are out of the Tab order: a keyboard user types on the real keyboard).
 *
 * Capitals come by themselves where a person expects them: 'words' (names: after a space, a hyphen
 * or an apostrophe, as in O'Brien), 'sentences' (at the start), 'characters' (car registrations, codes). Shift overrides
 * that for the next letter.
 */
import { useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import './on-screen-keyboard.css';

export type Capitalise = 'none' | 'words' | 'sentences' | 'characters';

export interface OnScreenKeyboardProps {
  /** The field the keys type into. */
  target: RefObject<HTMLInputElement | null>;
  value: string;
  onChange(value: string): void;
  capitalise?: Capitalise;
  maxLength?: number;
  disabled?: boolean;
  /** Read out for the group of keys. */
  label?: string;
}

type Key =
  | { kind: 'char'; char: string; width?: number }
  | { kind: 'letter'; char: string }
  | { kind: 'delete' | 'shift' | 'caps' | 'space'; width: number }
  | { kind: 'gap'; width: number };

const chars = (s: string): Key[] => s.split('').map((char) => ({ kind: 'char', char }));
const letters = (s: string): Key[] => s.split('').map((char) => ({ kind: 'letter', char }));

/** Each row adds up to 11.5 key widths, so keys line up from row to row. */
const ROWS: Key[][] = [
  [...chars('1234567890'), { kind: 'delete', width: 1.5 }],
  [{ kind: 'gap', width: 0.5 }, ...letters('qwertyuiop'), { kind: 'char', char: '\'' }],
  [{ kind: 'caps', width: 1.5 }, ...letters('asdfghjkl'), { kind: 'char', char: '@' }],
  [{ kind: 'shift', width: 1.5 }, ...letters('zxcvbnm'), ...chars(',.-')],
  [{ kind: 'gap', width: 2 }, { kind: 'space', width: 7.5 }, { kind: 'gap', width: 2 }],
];

/** Whether the next letter is a capital by itself, given the text before the caret. */
export function autoCapital(before: string, capitalise: Capitalise): boolean {
  switch (capitalise) {
    case 'characters':
      return true;
    case 'words':
      return before === '' || /[\s'-]$/.test(before);
    case 'sentences':
      return before.trim() === '' || /[.!?]\s+$/.test(before);
    default:
      return false;
  }
}

export function OnScreenKeyboard({ target, value, onChange, capitalise = 'none', maxLength, disabled = false, label = 'On-screen keyboard' }: OnScreenKeyboardProps) {
  /** Shift for the next letter: true/false when pressed, null to follow `capitalise`. */
  const [shift, setShift] = useState<boolean | null>(null);
  const [caps, setCaps] = useState(false);
  const caret = useRef<number | null>(null);

  // After a key, put the caret just after what it typed (React moves it to the end otherwise).
  useLayoutEffect(() => {
    const el = target.current;
    const at = caret.current;
    caret.current = null;
    if (!el || at === null) return;
    try {
      el.setSelectionRange(at, at);
    } catch {
      // a field type without a caret: nothing to place
    }
  }, [value, target]);

  const selection = (): [number, number] => {
    const el = target.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    // A field that was never focused reports 0: type at the end then.
    if (el && document.activeElement !== el) return [value.length, value.length];
    return [Math.min(start, value.length), Math.min(end, value.length)];
  };
  // Just after a key the field still holds the old text: the caret it is about to get counts.
  const selStart = caret.current ?? selection()[0];
  const upper = caps || (shift ?? autoCapital(value.slice(0, selStart), capitalise));

  const refocus = () => target.current?.focus({ preventScroll: true });

  const insert = (text: string) => {
    const [start, end] = selection();
    const next = value.slice(0, start) + text + value.slice(end);
    if (maxLength !== undefined && next.length > maxLength) return refocus();
    caret.current = start + text.length;
    onChange(next);
    refocus();
  };

  const remove = () => {
    const [start, end] = selection();
    if (start === end && start === 0) return refocus();
    const from = start === end ? start - 1 : start;
    caret.current = from;
    onChange(value.slice(0, from) + value.slice(end));
    refocus();
  };

  const press = (key: Key) => {
    if (disabled) return;
    switch (key.kind) {
      case 'letter':
        insert(upper ? key.char.toUpperCase() : key.char);
        setShift(null);
        return;
      case 'char':
        insert(key.char);
        return;
      case 'space':
        insert(' ');
        return;
      case 'delete':
        remove();
        return;
      case 'shift':
        setShift(!upper);
        refocus();
        return;
      case 'caps':
        setCaps((c) => !c);
        setShift(null);
        refocus();
        return;
      default:
        return;
    }
  };

  // The field keeps focus: a key pressed by finger or mouse does not take it.
  const keepFocus = (e: MouseEvent) => e.preventDefault();

  return (
    <div className={`osk ${disabled ? 'osk-disabled' : ''}`.trim()} role="group" aria-label={label}>
      {ROWS.map((row, r) => (
        <div className="osk-row" key={r}>
          {row.map((key, k) => {
            const style = { flexGrow: 'width' in key && key.width !== undefined ? key.width : 1 };
            if (key.kind === 'gap') return <span key={k} className="osk-gap" style={style} aria-hidden="true" />;
            let text: ReactNode;
            let name: string;
            let pressed: boolean | undefined;
            let cls = 'osk-key';
            switch (key.kind) {
              case 'letter':
                name = upper ? key.char.toUpperCase() : key.char;
                text = name;
                break;
              case 'char':
                text = key.char;
                name = key.char === '\'' ? 'Apostrophe' : key.char === '-' ? 'Hyphen' : key.char === ',' ? 'Comma' : key.char === '.' ? 'Full stop' : key.char === '@' ? 'At' : key.char;
                break;
              case 'space':
                text = 'Space';
                name = 'Space';
                cls += ' osk-wide';
                break;
              case 'delete':
                text = (
                  <>
                    <span className="osk-icon">⌫</span> Delete
                  </>
                );
                name = 'Delete';
                cls += ' osk-wide osk-action';
                break;
              case 'shift':
                text = (
                  <>
                    <span className="osk-icon">⇧</span> Shift
                  </>
                );
                name = 'Shift';
                pressed = upper && !caps;
                cls += ' osk-wide osk-action';
                break;
              case 'caps':
                text = 'Caps';
                name = 'Caps lock';
                pressed = caps;
                cls += ' osk-wide osk-action';
                break;
            }
            return (
              <button
                key={k}
                type="button"
                tabIndex={-1}
                className={cls}
                style={style}
                aria-label={name === text ? undefined : name}
                aria-pressed={pressed}
                disabled={disabled}
                onMouseDown={keepFocus}
                onClick={() => press(key)}
              >
                <span aria-hidden={name === text ? undefined : true}>{text}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

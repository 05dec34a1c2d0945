/** The on-screen keyboard: types into the field on screen at the caret, capitals where expected, never takes focus. */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { autoCapital, OnScreenKeyboard, type Capitalise } from '../../../renderer/components/OnScreenKeyboard';

afterEach(cleanup);

function Harness({ capitalise = 'none', maxLength, initial = '' }: { capitalise?: Capitalise; maxLength?: number; initial?: string }) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <label htmlFor="f">Your name</label>
      <input id="f" ref={ref} value={value} onChange={(e) => setValue(e.target.value)} />
      <OnScreenKeyboard target={ref} value={value} onChange={setValue} capitalise={capitalise} {...(maxLength !== undefined ? { maxLength } : {})} />
    </>
  );
}

const field = () => screen.getByLabelText('Your name') as HTMLInputElement;
const keys = () => within(screen.getByRole('group', { name: 'On-screen keyboard' }));

async function press(user: ReturnType<typeof userEvent.setup>, ...names: string[]) {
  for (const name of names) await user.click(keys().getByRole('button', { name }));
}

describe('OnScreenKeyboard', () => {
  it('has UK QWERTY letters, digits, space, delete, shift, caps lock and - \' . @ ,', () => {
    render(<Harness />);
    for (const k of [...'qwertyuiopasdfghjklzxcvbnm1234567890', 'Space', 'Delete', 'Shift', 'Caps lock', 'Hyphen', 'Apostrophe', 'Full stop', 'At', 'Comma']) {
      expect(keys().getByRole('button', { name: k })).toBeTruthy();
    }
    const rows = Array.from(document.querySelectorAll('.osk-row'), (r) => Array.from(r.querySelectorAll('button'), (b) => b.textContent).join(''));
    expect(rows[1]).toBe("qwertyuiop'");
    expect(rows[2]).toMatch(/asdfghjkl@$/);
    // keys are out of the Tab order and never take focus from the field
    expect(keys().getByRole('button', { name: 'q' }).tabIndex).toBe(-1);
  });

  it('types into the field and keeps focus there; the physical keyboard works as well', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(field());
    await press(user, 'h', 'i', 'Space', 'At', '1');
    expect(field().value).toBe('hi @1');
    expect(document.activeElement).toBe(field());
    await user.keyboard('x');
    await press(user, 'Full stop');
    expect(field().value).toBe('hi @1x.');
    await press(user, 'Delete', 'Delete');
    expect(field().value).toBe('hi @1');
  });

  it('types at the caret, not only at the end', async () => {
    const user = userEvent.setup();
    render(<Harness initial="Smth" />);
    field().focus();
    field().setSelectionRange(2, 2);
    await press(user, 'i');
    expect(field().value).toBe('Smith');
    expect(field().selectionStart).toBe(3);
  });

  it('names get capitals by themselves; Shift is for one letter; Caps lock stays', async () => {
    const user = userEvent.setup();
    render(<Harness capitalise="words" />);
    await user.click(field());
    await press(user, 'M', 'a', 'r', 'y', 'Hyphen', 'J', 'o', 'Space', 'O', 'Apostrophe', 'N');
    expect(field().value).toBe("Mary-Jo O'N");
    await press(user, 'Shift', 'E', 'i');
    expect(field().value).toBe("Mary-Jo O'NEi");
    await press(user, 'Caps lock', 'L', 'L');
    expect(keys().getByRole('button', { name: 'Caps lock' }).getAttribute('aria-pressed')).toBe('true');
    expect(field().value).toBe("Mary-Jo O'NEiLL");
  });

  it('stops at the field’s length', async () => {
    const user = userEvent.setup();
    render(<Harness maxLength={3} />);
    await user.click(field());
    await press(user, 'a', 'b', 'c', 'd');
    expect(field().value).toBe('abc');
  });

  it('knows where a capital comes by itself', () => {
    expect(autoCapital('', 'words')).toBe(true);
    expect(autoCapital('Sam ', 'words')).toBe(true);
    expect(autoCapital('Sam', 'words')).toBe(false);
    expect(autoCapital('', 'sentences')).toBe(true);
    expect(autoCapital('A meeting. ', 'sentences')).toBe(true);
    expect(autoCapital('A meeting ', 'sentences')).toBe(false);
    expect(autoCapital('ab1', 'characters')).toBe(true);
    expect(autoCapital('', 'none')).toBe(false);
  });
});

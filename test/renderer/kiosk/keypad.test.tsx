import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Keypad } from '../../../renderer/components/Keypad';

afterEach(cleanup);

function Harness({ onSubmit, maxLength, submitDisabled }: { onSubmit: (pin: string) => void; maxLength?: number; submitDisabled?: boolean }) {
  const [value, setValue] = useState('');
  return <Keypad value={value} onChange={setValue} onSubmit={() => onSubmit(value)} maxLength={maxLength} submitDisabled={submitDisabled} />;
}

const count = () => screen.getByText(/digits? entered/).textContent;
const key = (name: string) => screen.getByRole('button', { name });

describe('Keypad', () => {
  it('has a key for every digit, Delete and the submit label', () => {
    render(<Harness onSubmit={vi.fn()} />);
    for (const d of '1234567890') expect(key(d)).toBeTruthy();
    expect(key('Delete')).toBeTruthy();
    expect(key('Unlock')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'PIN keypad' })).toBeTruthy();
  });

  it('types digits by clicking, deletes the last one, and submits what was typed', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} />);
    expect(count()).toBe('No digits entered');
    await user.click(key('9'));
    await user.click(key('7'));
    await user.click(key('5'));
    expect(count()).toBe('3 digits entered');
    await user.click(key('Delete'));
    expect(count()).toBe('2 digits entered');
    await user.click(key('3'));
    await user.click(key('Unlock'));
    expect(onSubmit).toHaveBeenCalledWith('973');
  });

  it('takes digits, Backspace and Enter from the keyboard, and keeps focus on the keypad after a click', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} />);
    await user.click(key('8'));
    expect(document.activeElement).toBe(screen.getByRole('group', { name: 'PIN keypad' }));
    await user.keyboard('642x{Backspace}1');
    expect(count()).toBe('4 digits entered');
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith('8641');
  });

  it('presses a focused key with Enter instead of submitting', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} />);
    key('4').focus();
    await user.keyboard('{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(count()).toBe('1 digit entered');
  });

  it('stops at maxLength', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} maxLength={4} />);
    screen.getByRole('group', { name: 'PIN keypad' }).focus();
    await user.keyboard('975318');
    await user.click(key('2'));
    expect(count()).toMatch(/^4 digits entered/);
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('9753');
  });

  it('never shows the digits typed', async () => {
    const user = userEvent.setup();
    render(<Harness onSubmit={vi.fn()} />);
    screen.getByRole('group', { name: 'PIN keypad' }).focus();
    await user.keyboard('975318');
    expect(document.body.textContent).not.toContain('975318');
    expect(document.querySelectorAll('input')).toHaveLength(0);
    expect(count()).toBe('6 digits entered');
  });

  it('does not submit while submitting is switched off', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} submitDisabled />);
    screen.getByRole('group', { name: 'PIN keypad' }).focus();
    await user.keyboard('2580{Enter}');
    expect((key('Unlock') as HTMLButtonElement).disabled).toBe(true);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(count()).toBe('4 digits entered');
  });
});

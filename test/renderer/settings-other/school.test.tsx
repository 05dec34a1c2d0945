import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SchoolSettings } from '../../../renderer/staff/settings/SchoolSettings';
import { fail, installKiosk, ok, STATUS } from '../fake-kiosk';

afterEach(cleanup);

/** The smallest real PNG header (the server checks the signature; here only type and size matter). */
function pngFile(name: string, bytes: number): File {
  const data = new Uint8Array(bytes);
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new File([data], name, { type: 'image/png' });
}

describe('Settings: School', () => {
  it('sends only the school name when only the name changed, says it is saved and reloads the app status', async () => {
    const kiosk = installKiosk();
    render(<SchoolSettings />);
    const name = await screen.findByLabelText('School name');
    expect(name).toHaveProperty('value', 'Oakfield Primary School');
    await userEvent.clear(name);
    await userEvent.type(name, 'Oakfield Church of England Primary');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved the school name.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenCalledTimes(1);
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ schoolName: 'Oakfield Church of England Primary' });
    expect(kiosk.getAppStatus).toHaveBeenCalled();
  });

  it('does not call the server when nothing changed', async () => {
    const kiosk = installKiosk();
    render(<SchoolSettings />);
    await screen.findByLabelText('School name');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('There were no changes to save.')).toBeTruthy();
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
  });

  it('shows the server’s error next to the accent colour and keeps what was typed', async () => {
    const kiosk = installKiosk({
      updateSettings: () => fail({ code: 'INVALID', field: 'accentColour', message: 'Accent colour must be a colour like #1d4e89.' }),
    });
    render(<SchoolSettings />);
    const hex = await screen.findByLabelText('Accent colour');
    await userEvent.clear(hex);
    await userEvent.type(hex, '#12g456');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Accent colour must be a colour like #1d4e89.');
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ accentColour: '#12g456' });
    expect(hex.getAttribute('aria-invalid')).toBe('true');
    expect(hex.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(hex).toHaveProperty('value', '#12g456');
    expect(screen.getByLabelText('School name').getAttribute('aria-invalid')).toBeNull();
  });

  it('previews the colour and warns when white text on it would be below 4.5:1', async () => {
    installKiosk();
    render(<SchoolSettings />);
    const hex = await screen.findByLabelText('Accent colour');
    expect(screen.queryByText(/White text on this colour is hard to read/)).toBeNull();
    await userEvent.clear(hex);
    await userEvent.type(hex, '#f5c400');
    expect(screen.getByText(/White text on this colour is hard to read \(contrast 1\.\d:1/)).toBeTruthy();
    const sample = screen.getByText('Sign in');
    expect(sample.style.background).toMatch(/rgb\(245, 196, 0\)|#f5c400/);
    expect(sample.style.color).toMatch(/rgb\(17, 17, 17\)|#111111/);
    expect((screen.getByLabelText('Pick the accent colour') as HTMLInputElement).value).toBe('#f5c400');
  });

  it('refuses a logo over 300 KB before sending it', async () => {
    const kiosk = installKiosk({ setLogo: () => ok({ logo: null }) });
    render(<SchoolSettings />);
    const input = await screen.findByLabelText('Choose a logo file');
    await userEvent.upload(input, pngFile('crest.png', 400 * 1024));
    const error = await screen.findByText(/“crest\.png” is 400 KB: the logo must be 300 KB or smaller/);
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(screen.queryByRole('button', { name: 'Use this logo' })).toBeNull();
    expect(kiosk.setLogo).not.toHaveBeenCalled();
  });

  it('refuses a file that is not a PNG or JPEG', async () => {
    const kiosk = installKiosk();
    render(<SchoolSettings />);
    const input = await screen.findByLabelText('Choose a logo file');
    await userEvent.upload(input, new File(['<svg/>'], 'crest.svg', { type: 'image/svg+xml' }), { applyAccept: false });
    expect(await screen.findByText(/“crest\.svg” is not a PNG or JPEG image/)).toBeTruthy();
    expect(kiosk.setLogo).not.toHaveBeenCalled();
  });

  it('previews a chosen logo, saves it as a data URL and can remove it', async () => {
    let logo: string | null = null;
    const kiosk = installKiosk({
      setLogo: (input) => {
        logo = input?.logo ?? null;
        return ok({ logo });
      },
      getAppStatus: () => ok({ ...STATUS, logo }),
    });
    render(<SchoolSettings />);
    await userEvent.upload(await screen.findByLabelText('Choose a logo file'), pngFile('crest.png', 2000));
    const preview = await screen.findByRole('img', { name: 'The new logo, crest.png' });
    expect(preview.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await userEvent.click(screen.getByRole('button', { name: 'Use this logo' }));
    expect(await screen.findByText('The new logo is saved.')).toBeTruthy();
    expect(kiosk.setLogo).toHaveBeenCalledWith({ logo: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(screen.getByRole('img', { name: 'Oakfield Primary School logo' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Remove logo' }));
    expect(await screen.findByText('The logo is removed.')).toBeTruthy();
    expect(kiosk.setLogo).toHaveBeenLastCalledWith({ logo: null });
    expect(within(document.body).getByText(/No logo yet/)).toBeTruthy();
  });

  it('shows the server’s logo error next to the file field', async () => {
    installKiosk({ setLogo: () => fail({ code: 'INVALID', field: 'logo', message: 'Logo must be a PNG or JPEG image.' }) });
    render(<SchoolSettings />);
    const input = await screen.findByLabelText('Choose a logo file');
    await userEvent.upload(input, pngFile('crest.png', 2000));
    await userEvent.click(await screen.findByRole('button', { name: 'Use this logo' }));
    const error = await screen.findByText('Logo must be a PNG or JPEG image.');
    await waitFor(() => expect(screen.getByLabelText('Choose a logo file').getAttribute('aria-describedby')?.split(' ')).toContain(error.id));
    // the chosen logo is still there to try again
    expect(screen.getByRole('button', { name: 'Use this logo' })).toBeTruthy();
  });
});

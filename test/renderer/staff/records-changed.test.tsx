import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../fake-kiosk';
import { TODAY, fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

const ALERT = { id: 9, kind: 'records-changed', entity: null, entityId: null, createdAt: '2026-11-27T09:40:00.000Z' };
const WORDS =
  'Records may have been changed outside Reception Kiosk (found 09:40; last good check 08:05). Keep using the app: new records are saved. Tell the head teacher and the DSL now. Do not restore or delete anything until IT has copied the data folder as it is.';

describe('Today: records may have been changed outside the app', () => {
  it('says so in the issue’s words; a DSL acknowledges it only with a written note', async () => {
    const user = userEvent.setup();
    let open = [ALERT];
    const kiosk = fakeKiosk({
      getToday: () => ok({ ...TODAY, alerts: open, lastGoodCheckAt: '2026-11-27T08:05:00.000Z' }),
      resolveAlert: () => {
        open = [];
        return ok({ resolved: 9 });
      },
    });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 3, dsl: true });
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByText(WORDS)).toBeTruthy();
    expect(within(alerts).queryByRole('button', { name: /^Dealt with/ })).toBeNull();
    await user.click(within(alerts).getByRole('button', { name: 'Acknowledge' }));
    expect(kiosk.resolveAlert).not.toHaveBeenCalled();
    expect(within(alerts).getByRole('alert').textContent).toMatch(/^Write what was done/);
    await user.type(within(alerts).getByLabelText(/^What was done/), 'Head teacher told; IT copied the folder.');
    await user.click(within(alerts).getByRole('button', { name: 'Acknowledge' }));
    expect(kiosk.resolveAlert).toHaveBeenCalledWith({ id: 9, note: 'Head teacher told; IT copied the folder.' });
    expect(await within(alerts).findByText('The alert is acknowledged, with your note.')).toBeTruthy();
  });

  it('is not offered for acknowledgement to office staff who are not DSLs (the API refuses them)', async () => {
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, alerts: [ALERT], lastGoodCheckAt: null }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByText(/found 09:40; last good check none yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.getByText('Only a DSL or an administrator can acknowledge this.')).toBeTruthy();
  });
});

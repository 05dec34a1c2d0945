import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_OR_DSL_ONLY, ALERT_KINDS, countOpenAlerts, listOpenAlerts, mayResolveAlert, raiseAlert, resolveAlert, type AlertKind } from '../../db/alerts';
import type { Actor } from '../../db/audit';
import { DomainError } from '../../db/errors';
import { createStaff } from '../../db/staff';
import { write } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());
const w = () => ({ db: t.db, clock: t.clock, anchorFile: t.anchorFile });
const system: Actor = { kind: 'system' };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('alerts', () => {
  it('lists the kinds this version raises', () => {
    expect(ALERT_KINDS).toContain('pin-failures');
  });

  it('raises, lists newest first, counts, and keeps only the kind and the record reference', () => {
    const first = write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: 4 }));
    t.clock.advance(60_000);
    const second = write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: '9' }));
    expect(listOpenAlerts(t.db)).toEqual([
      { id: second, kind: 'pin-failures', entity: 'staff', entityId: '9', createdAt: '2026-11-25T08:41:00.000Z' },
      { id: first, kind: 'pin-failures', entity: 'staff', entityId: '4', createdAt: '2026-11-25T08:40:00.000Z' },
    ]);
    expect(countOpenAlerts(t.db)).toBe(2);
    const audit = t.db.prepare("SELECT action, entity, entity_id AS entityId, fields FROM audit WHERE entity = 'alert' ORDER BY seq").all();
    expect(audit).toEqual([
      { action: 'alert.raise', entity: 'alert', entityId: String(first), fields: '["entity","entityId","kind"]' },
      { action: 'alert.raise', entity: 'alert', entityId: String(second), fields: '["entity","entityId","kind"]' },
    ]);
  });

  it('refuses a kind nobody listed', () => {
    const before = snapshot(t.db);
    expect(() => write(w(), system, (tx) => raiseAlert(tx, { kind: 'made-up' as AlertKind, entity: null, entityId: null }))).toThrow(/ALERT_KINDS/);
    expect(snapshot(t.db)).toEqual(before);
  });

  it('resolves by the staff member acting, once; a second try or an unknown alert is refused', () => {
    const admin = write(w(), system, (tx) => createStaff(tx, { name: 'Ms Admin', role: 'admin', dsl: false, pinHash: null }));
    const id = write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: 4 }));
    t.clock.advance(5 * 60_000);
    write(w(), { kind: 'staff', staffId: admin.id }, (tx) => resolveAlert(tx, id));
    expect(t.db.prepare('SELECT resolved_at AS at, resolved_by AS by FROM alerts WHERE id = ?').get(id)).toEqual({ at: '2026-11-25T08:45:00.000Z', by: admin.id });
    expect(listOpenAlerts(t.db)).toEqual([]);
    expect(countOpenAlerts(t.db)).toBe(0);

    const again = refusal(() => write(w(), { kind: 'staff', staffId: admin.id }, (tx) => resolveAlert(tx, id)));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('Already dealt with.');
    expect(refusal(() => write(w(), system, (tx) => resolveAlert(tx, 999))).code).toBe('NOT_FOUND');
    const last = t.db.prepare('SELECT action, actor FROM audit ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'alert.resolve', actor: `staff:${admin.id}` });
  });

  it('records no resolver when the actor is not staff', () => {
    const id = write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: 4 }));
    write(w(), system, (tx) => resolveAlert(tx, id));
    expect(t.db.prepare('SELECT resolved_by AS by FROM alerts WHERE id = ?').get(id)).toEqual({ by: null });
  });

  it('lets only an administrator or a DSL (as the account stands now) deal with a wrong-PIN alert; anyone on staff with the others', () => {
    const make = (name: string, role: 'office' | 'leadership' | 'admin', dsl: boolean) =>
      write(w(), system, (tx) => createStaff(tx, { name, role, dsl, pinHash: null })).id;
    const office = make('Olu Office', 'office', false);
    const leader = make('Lena Leader', 'leadership', false);
    const officeDsl = make('Dara DSL', 'office', true);
    const admin = make('Ada Admin', 'admin', false);
    const pins = () => write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'screen', entityId: 'console' }));
    const first = pins();
    for (const who of [office, leader]) {
      const before = snapshot(t.db);
      const e = refusal(() => write(w(), { kind: 'staff', staffId: who }, (tx) => resolveAlert(tx, first)));
      expect(e).toMatchObject({ code: 'RULE', message: ADMIN_OR_DSL_ONLY, field: 'id' });
      expect(snapshot(t.db)).toEqual(before);
    }
    expect(refusal(() => write(w(), { kind: 'kiosk' }, (tx) => resolveAlert(tx, first))).message).toBe(ADMIN_OR_DSL_ONLY);
    write(w(), { kind: 'staff', staffId: officeDsl }, (tx) => resolveAlert(tx, first));
    const second = pins();
    write(w(), { kind: 'staff', staffId: admin }, (tx) => resolveAlert(tx, second));
    expect(countOpenAlerts(t.db)).toBe(0);
    // a DSL flag taken away applies at once
    const third = pins();
    t.db.prepare('UPDATE staff SET is_dsl = 0 WHERE id = ?').run(officeDsl);
    expect(refusal(() => write(w(), { kind: 'staff', staffId: officeDsl }, (tx) => resolveAlert(tx, third))).code).toBe('RULE');
    // the office deals with the other kinds as before
    const seeOffice = write(w(), system, (tx) => raiseAlert(tx, { kind: 'visitor-see-office', entity: null, entityId: null }));
    write(w(), { kind: 'staff', staffId: office }, (tx) => resolveAlert(tx, seeOffice));
    expect(listOpenAlerts(t.db).map((a) => a.id)).toEqual([third]);
    expect(mayResolveAlert('pin-failures', { role: 'office', dsl: false })).toBe(false);
    expect(mayResolveAlert('pin-failures', { role: 'leadership', dsl: true })).toBe(true);
    expect(mayResolveAlert('visitor-see-office', { role: 'office', dsl: false })).toBe(true);
  });
});

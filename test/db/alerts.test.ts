import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_KINDS, countOpenAlerts, listOpenAlerts, raiseAlert, resolveAlert, type AlertKind } from '../../db/alerts';
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
});

import { listOpenAlerts, resolveAlert } from '../../../db/alerts';
import { lastGoodCheck } from '../../../db/record-check-run';
import { addClosure } from '../../../db/closures';
import { parseClosuresCsv } from '../../../db/closures-csv';
import { DomainError } from '../../../db/errors';
import { hashSecret, newRecoveryCode, normaliseRecoveryCode } from '../../../db/pins';
import { getLogo, setLogo } from '../../../db/settings';
import { isSetUp, replaceRecoveryHash, resetAdminPinWithRecovery, setupSchool } from '../../../db/setup';
import { clearBudget } from '../../../db/pin-budget';
import { checkOnScreen, pinIsRight, recoveryCodeIsRight, screenOf } from './pin-budget';
import {
  createStaff,
  getPinHash,
  getStaff,
  listStaff,
  listUnlockNames,
  recordUnlock,
  setPin,
  updateStaff,
  type StaffMember,
} from '../../../db/staff';
import { heldNow } from '../../../db/confiscations';
import { deskSummary, listArrangements, notCollected } from '../../../db/phones';
import type { ApiContext } from '../context';
import { lowDiskSpace } from '../disk-space';
import { writeAs } from '../context';
import { isPublicScreen, kioskSession, type Session } from '../session';
import { schoolDay } from './calendar';
import type { Handlers } from '.';
import { visitorsToday } from './visitors';

function staffSession(m: StaffMember): Session {
  return { kind: 'staff', staffId: m.id, role: m.role, dsl: m.dsl };
}

function activeMember(ctx: ApiContext, id: number): StaffMember {
  const m = getStaff(ctx.db, id);
  if (!m || !m.active || !m.hasPin) throw new DomainError('RULE', 'Pick your name from the list.', 'staffId');
  return m;
}

function refuseDuplicateName(ctx: ApiContext, name: string, exceptId?: number): void {
  const clash = listStaff(ctx.db).find((s) => s.id !== exceptId && s.name.localeCompare(name, 'en-GB', { sensitivity: 'base' }) === 0);
  if (clash) throw new DomainError('CONFLICT', `There is already an active account called ${clash.name}. Add an initial or a surname so staff can tell them apart.`, 'name');
}

export const staffHandlers: Handlers<
  | 'setupSchool'
  | 'listUnlockNames'
  | 'unlock'
  | 'lock'
  | 'recoverAdminPin'
  | 'getToday'
  | 'resolveAlert'
  | 'changeOwnPin'
  | 'listStaff'
  | 'createStaff'
  | 'updateStaff'
  | 'resetStaffPin'
  | 'newRecoveryCode'
  | 'setLogo'
  | 'importClosures'
> = {
  setupSchool: async (ctx, session, input) => {
    // never from the visitor-facing screen: whoever stands there would become the administrator
    if (isPublicScreen(session)) throw new DomainError('RULE', 'The school is set up at the office screen, not on the visitor screen.');
    if (isSetUp(ctx.db)) throw new DomainError('CONFLICT', 'This school is already set up. Ask an administrator to unlock the staff console.');
    const recoveryCode = newRecoveryCode();
    const [adminPinHash, recoveryHash] = await Promise.all([hashSecret(input.pin, ctx.security.scrypt), hashSecret(normaliseRecoveryCode(recoveryCode), ctx.security.scrypt)]);
    const admin = writeAs(ctx, session, (tx) => setupSchool(tx, { schoolName: input.schoolName, adminName: input.adminName, adminPinHash, recoveryHash }));
    ctx.log.info('setup.done', { admin: admin.id });
    return { admin: { id: admin.id, name: admin.name }, recoveryCode };
  },

  listUnlockNames: (ctx) => listUnlockNames(ctx.db),

  unlock: async (ctx, session, input, call) => {
    if (isPublicScreen(session)) throw new DomainError('RULE', 'Staff cannot unlock on the visitor screen. Please use the office screen.');
    const member = activeMember(ctx, input.staffId);
    // one budget of wrong PINs per screen, whichever names are tried (db/pin-budget.ts)
    await checkOnScreen(ctx, session, 'pin', member.id, pinIsRight(input.pin, getPinHash(ctx.db, member.id)), 'pin');
    const next = staffSession(member);
    writeAs(ctx, next, (tx) => recordUnlock(tx, member.id));
    call.setSession(next);
    ctx.log.info('session.unlock', { staff: member.id });
    return { ...next };
  },

  lock: (ctx, session, _input, call) => {
    if (session.kind === 'staff') {
      call.setSession(kioskSession);
      ctx.log.info('session.lock', { staff: session.staffId });
    }
    return { locked: true };
  },

  recoverAdminPin: async (ctx, session, input) => {
    // never at the visitor-facing screen: nobody there may spend the office's recovery-code tries
    if (isPublicScreen(session)) throw new DomainError('RULE', 'Staff cannot unlock on the visitor screen. Please use the office screen.');
    const member = activeMember(ctx, input.staffId);
    if (member.role !== 'admin') throw new DomainError('RULE', 'The recovery code resets an administrator’s PIN only. Ask an administrator to reset yours.', 'staffId');
    await checkOnScreen(ctx, session, 'recovery-code', member.id, recoveryCodeIsRight(ctx, input.recoveryCode), 'recoveryCode');
    const recoveryCode = newRecoveryCode();
    const [pinHash, recoveryHash] = await Promise.all([hashSecret(input.newPin, ctx.security.scrypt), hashSecret(normaliseRecoveryCode(recoveryCode), ctx.security.scrypt)]);
    writeAs(ctx, session, (tx) => {
      resetAdminPinWithRecovery(tx, member.id, pinHash);
      replaceRecoveryHash(tx, recoveryHash);
      clearBudget(tx, screenOf(ctx), 'recovery-code'); // the recovery code also ends this screen's wait
    });
    ctx.log.info('staff.recovered', { staff: member.id });
    return { recoveryCode };
  },

  getToday: (ctx, session) => {
    const day = schoolDay(ctx);
    const desk = deskSummary(ctx.db, ctx.clock.now());
    const reviewsOverdue = listArrangements(ctx.db, day.date).filter((a) => a.reviewOverdue).length;
    return {
      day,
      alerts: listOpenAlerts(ctx.db),
      lastGoodCheckAt: lastGoodCheck(ctx.db),
      // the register's own "Held now" (db/confiscations.ts), so the two numbers always agree
      confiscations: heldNow(ctx.db, ctx.clock.now()),
      phones: { checkedInToday: desk.checkedInToday, heldNow: desk.heldNow, slotsFree: desk.slotsFree, notCollected: notCollected(ctx.db, day.date), reviewsOverdue },
      visitors: visitorsToday(ctx),
      // only administrators can free space or call IT about it; the others would only be worried
      lowDiskSpace: session.kind === 'staff' && session.role === 'admin' ? lowDiskSpace(ctx.files.database, ctx.freeSpace) : null,
    };
  },

  resolveAlert: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => resolveAlert(tx, input.id, input.note));
    return { resolved: input.id };
  },

  changeOwnPin: async (ctx, session, input) => {
    if (session.kind !== 'staff') throw new DomainError('RULE', 'Unlock the staff console first.');
    const member = activeMember(ctx, session.staffId);
    await checkOnScreen(ctx, session, 'pin', member.id, pinIsRight(input.currentPin, getPinHash(ctx.db, member.id)), 'currentPin');
    if (input.currentPin === input.newPin) throw new DomainError('RULE', 'The new PIN must be different from the current one.', 'newPin');
    const pinHash = await hashSecret(input.newPin, ctx.security.scrypt);
    writeAs(ctx, session, (tx) => setPin(tx, member.id, pinHash));
    return { changed: true };
  },

  listStaff: (ctx, _session, input) => listStaff(ctx.db, { includeInactive: input?.includeInactive ?? true }),

  createStaff: async (ctx, session, input) => {
    refuseDuplicateName(ctx, input.name);
    const pinHash = await hashSecret(input.pin, ctx.security.scrypt);
    return writeAs(ctx, session, (tx) => createStaff(tx, { name: input.name, role: input.role, dsl: input.dsl, pinHash }));
  },

  updateStaff: (ctx, session, input) => {
    const { id, ...patch } = input;
    if (patch.name !== undefined) refuseDuplicateName(ctx, patch.name, id);
    if (session.kind === 'staff' && session.staffId === id && patch.active === false) {
      throw new DomainError('RULE', 'You cannot deactivate your own account while you are using it.', 'active');
    }
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return writeAs(ctx, session, (tx) => updateStaff(tx, id, clean));
  },

  resetStaffPin: async (ctx, session, input) => {
    if (!getStaff(ctx.db, input.id)) throw new DomainError('NOT_FOUND', 'That staff account no longer exists.', 'id');
    const pinHash = await hashSecret(input.pin, ctx.security.scrypt);
    writeAs(ctx, session, (tx) => setPin(tx, input.id, pinHash));
    return { reset: input.id };
  },

  newRecoveryCode: async (ctx, session) => {
    const recoveryCode = newRecoveryCode();
    const hash = await hashSecret(normaliseRecoveryCode(recoveryCode), ctx.security.scrypt);
    writeAs(ctx, session, (tx) => replaceRecoveryHash(tx, hash));
    return { recoveryCode };
  },

  setLogo: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => setLogo(tx, input.logo));
    return { logo: getLogo(ctx.db) };
  },

  importClosures: (ctx, session, input) => {
    const { rows, problems } = parseClosuresCsv(input.csv);
    if (!input.save || problems.length > 0 || rows.length === 0) return { rows, problems, saved: 0 };
    writeAs(ctx, session, (tx) => {
      for (const r of rows) addClosure(tx, { startsOn: r.startsOn, endsOn: r.endsOn, label: r.label });
    });
    return { rows, problems, saved: rows.length };
  },
};

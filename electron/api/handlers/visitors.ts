/**
 * Visitors and contractors. The rules live in db/visitors.ts; here the kiosk's answers are cut to
 * the caller's own details, local times typed on screen become instants, staff ids become names,
 * and the visits past the closing time are closed ("not signed out") before any list is read.
 */
import { listOpenAlerts, mayResolveAlert } from '../../../db/alerts';
import { lastGoodCheck } from '../../../db/record-check-run';
import { recordsChangedText } from '../../../renderer/words/records';
import { screenName } from '../../../db/pin-budget';
import { loadCalendar } from '../../../db/closures';
import { DomainError } from '../../../db/errors';
import { getSettings } from '../../../db/settings';
import { staffNamer } from '../../../db/staff';
import { write } from '../../../db/tx';
import {
  accountFor,
  addNotPermitted,
  admitVisit,
  askForOffice,
  badgeByToken,
  cancelInvitation,
  checkNotSignedOut,
  closeOverdueVisits,
  createInvitation,
  currentTexts,
  dslNames,
  endRollCall,
  getRollCall,
  getVisit,
  listBreaches,
  listInvitations,
  listNotPermitted,
  listOnSite,
  listProfiles,
  listRollCalls,
  listTextVersions,
  listUnchecked,
  listVisitorTypes,
  markBreachDslTold,
  oldVisitsDue,
  overdueVisits,
  purgeOldVisits,
  prefillFromCode,
  reissueBadge,
  reissueProfileCard,
  removeNotPermitted,
  reportBreach,
  saveProfile,
  saveTexts,
  saveVisitorType,
  searchVisits,
  setStayOnSite,
  signIn,
  signOutByBadge,
  staffSignOut,
  startRollCall,
  turnAwayVisit,
  visitsCsv,
  type VisitSearch,
} from '../../../db/visitors';
import type { ApiContext } from '../context';
import { writeAs } from '../context';
import type { ConsoleAlert, TodaySummary, VisitDetail } from '../contract';
import type { Session } from '../session';
import type { Handlers } from '.';

/**
 * Before anything is listed or changed (as the system): close the visits past the closing time,
 * and delete the visit records older than the retention period in Settings.
 */
export function closeDueVisits(ctx: ApiContext): void {
  const now = ctx.clock.now();
  const overdue = overdueVisits(ctx.db, now).length > 0;
  const old = oldVisitsDue(ctx.db, now);
  if (!overdue && !old) return;
  write({ db: ctx.db, clock: ctx.clock, anchorFile: ctx.files.anchor, log: ctx.log }, { kind: 'system' }, (tx) => {
    if (overdue) closeOverdueVisits(tx);
    if (old) purgeOldVisits(tx);
  });
}

/** '2026-11-25T10:05' in the school's time zone, as an ISO instant; undefined means now. */
function instant(ctx: ApiContext, local: string | undefined, field: string): string {
  if (local === undefined) return ctx.clock.now().toISOString();
  const [date, time] = local.split('T') as [string, string];
  try {
    return loadCalendar(ctx.db).at(date, time).toISOString();
  } catch {
    throw new DomainError('RULE', 'Enter a real date and time.', field);
  }
}

function detail(ctx: ApiContext, session: Session, id: number): VisitDetail {
  const visit = getVisit(ctx.db, id);
  const badges = ctx.db.prepare('SELECT token, cancelled_at AS cancelledAt FROM visit_badges WHERE visit_id = ? ORDER BY issued_at').all(id) as { token: string; cancelledAt: string | null }[];
  const staff = session.kind === 'staff';
  return {
    visit,
    badgesIssued: badges.length,
    badgeToken: visit.status === 'on-site' ? (badges.find((b) => b.cancelledAt === null)?.token ?? null) : null,
    breaches: listBreaches(ctx.db, { visitId: id }),
    can: { admit: staff && (session.dsl || session.role === 'leadership') },
  };
}

function search(input: VisitSearch | undefined): VisitSearch {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined && v !== '')) as VisitSearch;
}

/** The visitors' part of the Today page. */
export function visitorsToday(ctx: ApiContext): TodaySummary['visitors'] {
  closeDueVisits(ctx);
  const open = listOnSite(ctx.db);
  const today = loadCalendar(ctx.db).today(ctx.clock);
  const rollCall = ctx.db.prepare('SELECT id FROM roll_calls WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined;
  return {
    onSite: open.filter((v) => v.status === 'on-site').length,
    waiting: open.filter((v) => v.status === 'waiting').length,
    expectedToday: listInvitations(ctx.db, ctx.clock.now(), { from: today, to: today }).filter((i) => i.status === 'expected').length,
    notSignedOut: listUnchecked(ctx.db).length,
    rollCallId: rollCall?.id ?? null,
  };
}

function alertText(ctx: ApiContext, session: Session): (a: { kind: string; entity: string | null; entityId: string | null; createdAt: string }) => { text: string; href: string | null } {
  const staffName = staffNamer(ctx.db);
  return (a) => {
    switch (a.kind) {
      case 'visitor-see-office':
        return { text: 'Someone at the entrance screen is asking for the office (dropping off or collecting).', href: null };
      case 'visitor-not-permitted': {
        const id = Number(a.entityId);
        let name = 'Someone';
        try {
          name = getVisit(ctx.db, id).name;
        } catch {
          /* the visit is gone: keep the general words */
        }
        return { text: `${name} signed in at the entrance and matches the not-permitted list. They have been asked to wait at reception.`, href: `/visitors/visit/${id}` };
      }
      case 'pin-failures':
        if (a.entity === 'screen') {
          return {
            text: `Five or more wrong PINs were typed on ${screenName(a.entityId ?? '')} within ten minutes: someone may be guessing. An administrator or DSL can end the wait and deal with this.`,
            href: null,
          };
        }
        // raised per account by a version before migration 8, whose per-account wait is gone: nothing
        // to clear, only the alert to deal with (and perhaps a new PIN, in Staff accounts)
        return {
          text: `Several wrong PINs were typed for ${staffName(`staff:${a.entityId ?? ''}`)} (counted per account, before this version). Check with them: if it was not them, an administrator can give them a new PIN in Staff accounts.`,
          href: session.kind === 'staff' && session.role === 'admin' ? '/settings/staff' : null,
        };
      case 'records-changed':
        // an administrator acknowledges it, with a note, where the checks are run
        return { text: recordsChangedText(a.createdAt, lastGoodCheck(ctx.db), getSettings(ctx.db).timeZone), href: session.kind === 'staff' && session.role === 'admin' ? '/settings/backups' : null };
      default:
        return { text: 'Something needs a look.', href: null };
    }
  };
}

export const visitorHandlers: Handlers<
  | 'getKioskVisitorForm'
  | 'kioskInvitation'
  | 'kioskSignIn'
  | 'getBadge'
  | 'kioskSignOut'
  | 'kioskSeeOffice'
  | 'getConsoleAlerts'
  | 'listOnSite'
  | 'getVisit'
  | 'staffSignOut'
  | 'reprintBadge'
  | 'admitVisit'
  | 'turnAwayVisit'
  | 'setStayOnSite'
  | 'checkNotSignedOut'
  | 'searchVisits'
  | 'exportVisits'
  | 'listInvitations'
  | 'createInvitation'
  | 'cancelInvitation'
  | 'listVisitorProfiles'
  | 'saveVisitorProfile'
  | 'reissueVisitorCard'
  | 'listNotPermitted'
  | 'addNotPermitted'
  | 'removeNotPermitted'
  | 'reportBreach'
  | 'markBreachDslTold'
  | 'listBreaches'
  | 'startRollCall'
  | 'getRollCall'
  | 'accountFor'
  | 'endRollCall'
  | 'listRollCalls'
  | 'getVisitorSetup'
  | 'saveVisitorTexts'
  | 'saveVisitorType'
> = {
  // ---- the public kiosk: only the caller's own details ------------------------------------------
  getKioskVisitorForm: (ctx) => {
    const { version, texts } = currentTexts(ctx.db);
    const settings = getSettings(ctx.db);
    return {
      types: listVisitorTypes(ctx.db).map(({ key, label, asksOrganisation, asksWork }) => ({ key, label, asksOrganisation, asksWork })),
      textsVersion: version,
      texts,
      dsls: dslNames(ctx.db),
      idleSeconds: settings.kioskIdleSeconds,
      badgePaper: settings.badgePaper,
      retentionMonths: settings.visitRetentionMonths,
    };
  },
  kioskInvitation: (ctx, _session, input) => prefillFromCode(ctx.db, input.code, ctx.clock.now()),
  kioskSignIn: (ctx, session, input) => {
    closeDueVisits(ctx);
    const outcome = writeAs(ctx, session, (tx) =>
      signIn(tx, {
        typeKey: input.typeKey,
        name: input.name,
        organisation: input.organisation ?? '',
        visiting: input.visiting,
        carReg: input.carReg ?? '',
        work: input.work ?? '',
        supervisor: input.supervisor ?? '',
        ...(input.code ? { code: input.code } : {}),
        textsVersion: input.textsVersion,
        via: session.kind === 'staff' ? 'staff' : 'kiosk',
      }),
    );
    return outcome.kind === 'badge' ? { kind: 'badge', badge: outcome.badge } : { kind: 'wait' };
  },
  getBadge: (ctx, session, input) => {
    const badge = badgeByToken(ctx.db, input.token, ctx.clock.now(), { staff: session.kind === 'staff' });
    if (!badge) throw new DomainError('NOT_FOUND', 'That badge cannot be shown. Please see the office.', 'token');
    return badge;
  },
  kioskSignOut: (ctx, session, input) => writeAs(ctx, session, (tx) => signOutByBadge(tx, input.token)),
  kioskSeeOffice: (ctx, session) => {
    writeAs(ctx, session, (tx) => askForOffice(tx));
    return { alerted: true };
  },

  // ---- the office -------------------------------------------------------------------------------
  getConsoleAlerts: (ctx, session): ConsoleAlert[] => {
    const words = alertText(ctx, session);
    const who = session.kind === 'staff' ? session : null;
    return listOpenAlerts(ctx.db).map((a) => ({ id: a.id, kind: a.kind, createdAt: a.createdAt, ...words(a), mayDealWith: !!who && mayResolveAlert(a.kind, who) }));
  },
  listOnSite: (ctx) => {
    closeDueVisits(ctx);
    return { visits: listOnSite(ctx.db), unchecked: listUnchecked(ctx.db) };
  },
  getVisit: (ctx, session, input) => {
    closeDueVisits(ctx);
    return detail(ctx, session, input.id);
  },
  staffSignOut: (ctx, session, input) => writeAs(ctx, session, (tx) => staffSignOut(tx, input.id)),
  reprintBadge: (ctx, session, input) => writeAs(ctx, session, (tx) => reissueBadge(tx, input.id)),
  admitVisit: (ctx, session, input) => writeAs(ctx, session, (tx) => admitVisit(tx, input.id)),
  turnAwayVisit: (ctx, session, input) => writeAs(ctx, session, (tx) => turnAwayVisit(tx, input.id)),
  setStayOnSite: (ctx, session, input) => {
    closeDueVisits(ctx);
    return writeAs(ctx, session, (tx) => setStayOnSite(tx, input.id, input.reason));
  },
  checkNotSignedOut: (ctx, session, input) => writeAs(ctx, session, (tx) => checkNotSignedOut(tx, input.id, input.note)),
  searchVisits: (ctx, _session, input) => {
    closeDueVisits(ctx);
    return searchVisits(ctx.db, search(input));
  },
  exportVisits: (ctx, session, input) => {
    closeDueVisits(ctx);
    const q = search(input);
    const csv = visitsCsv(ctx.db, q);
    const rows = searchVisits(ctx.db, { ...q, limit: 1 }).total;
    writeAs(ctx, session, (tx) => tx.audit({ action: 'visits.export', entity: 'export', entityId: null, values: { rows } }));
    return { fileName: `visitors-${loadCalendar(ctx.db).today(ctx.clock)}.csv`, csv };
  },

  listInvitations: (ctx, _session, input) => {
    const today = loadCalendar(ctx.db).today(ctx.clock);
    const from = input?.from ?? today;
    const to = input?.to ?? from;
    if (to < from) throw new DomainError('RULE', '“To” must be on or after “From”.', 'to');
    return listInvitations(ctx.db, ctx.clock.now(), { from, to });
  },
  createInvitation: (ctx, session, input) =>
    writeAs(ctx, session, (tx) =>
      createInvitation(tx, {
        typeKey: input.typeKey,
        name: input.name,
        organisation: input.organisation ?? '',
        visiting: input.visiting ?? '',
        carReg: input.carReg ?? '',
        work: input.work ?? '',
        supervisor: input.supervisor ?? '',
        expectedOn: input.expectedOn,
        ...(input.profileId !== undefined ? { profileId: input.profileId } : {}),
      }),
    ),
  cancelInvitation: (ctx, session, input) => writeAs(ctx, session, (tx) => cancelInvitation(tx, input.id)),

  listVisitorProfiles: (ctx, _session, input) => listProfiles(ctx.db, { includeInactive: input?.includeInactive ?? false }),
  saveVisitorProfile: (ctx, session, input) =>
    writeAs(ctx, session, (tx) =>
      saveProfile(tx, {
        ...(input.id !== undefined ? { id: input.id } : {}),
        typeKey: input.typeKey,
        name: input.name,
        organisation: input.organisation ?? '',
        dbsNumber: input.dbsNumber ?? '',
        dbsIssuedOn: input.dbsIssuedOn ?? null,
        dbsSeenBy: input.dbsSeenBy ?? '',
        dbsSeenOn: input.dbsSeenOn ?? null,
        notes: input.notes ?? '',
        active: input.active,
      }),
    ),
  reissueVisitorCard: (ctx, session, input) => writeAs(ctx, session, (tx) => reissueProfileCard(tx, input.id)),

  listNotPermitted: (ctx) => listNotPermitted(ctx.db),
  addNotPermitted: (ctx, session, input) => writeAs(ctx, session, (tx) => addNotPermitted(tx, input)),
  removeNotPermitted: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => removeNotPermitted(tx, input.id));
    return { removed: input.id };
  },

  reportBreach: (ctx, session, input) =>
    writeAs(ctx, session, (tx) =>
      reportBreach(tx, {
        ...(input.visitId !== undefined ? { visitId: input.visitId } : {}),
        person: input.person,
        occurredAt: instant(ctx, input.occurredAt, 'occurredAt'),
        kind: input.kind,
        what: input.what ?? '',
        dslTold: input.dslTold,
      }),
    ),
  markBreachDslTold: (ctx, session, input) => writeAs(ctx, session, (tx) => markBreachDslTold(tx, input.id)),
  listBreaches: (ctx, _session, input) => listBreaches(ctx.db, search(input) as { visitId?: number; from?: string; to?: string }),

  startRollCall: (ctx, session) => {
    closeDueVisits(ctx);
    return writeAs(ctx, session, (tx) => startRollCall(tx));
  },
  getRollCall: (ctx, _session, input) => getRollCall(ctx.db, input.id),
  accountFor: (ctx, session, input) => writeAs(ctx, session, (tx) => accountFor(tx, input.rollCallId, input.visitId, input.accounted)),
  endRollCall: (ctx, session, input) => writeAs(ctx, session, (tx) => endRollCall(tx, input.id)),
  listRollCalls: (ctx) => listRollCalls(ctx.db),

  getVisitorSetup: (ctx) => {
    const name = staffNamer(ctx.db);
    const current = currentTexts(ctx.db);
    return {
      types: listVisitorTypes(ctx.db, { includeInactive: true }),
      current: { ...current, createdBy: name(current.createdBy) },
      versions: listTextVersions(ctx.db).map((v) => ({ ...v, createdBy: name(v.createdBy) })),
    };
  },
  saveVisitorTexts: (ctx, session, input) => {
    const saved = writeAs(ctx, session, (tx) => saveTexts(tx, input));
    return { ...saved, createdBy: staffNamer(ctx.db)(saved.createdBy) };
  },
  saveVisitorType: (ctx, session, input) =>
    writeAs(ctx, session, (tx) =>
      saveVisitorType(tx, {
        ...(input.key !== undefined ? { key: input.key } : {}),
        label: input.label,
        asksOrganisation: input.asksOrganisation,
        asksWork: input.asksWork,
        active: input.active,
        ...(input.rules !== undefined ? { rules: input.rules } : {}),
        ...(input.reminder !== undefined ? { reminder: input.reminder } : {}),
      }),
    ),
};

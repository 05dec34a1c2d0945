/**
 * The whole access table: every channel, called by every kind of session with valid input.
 * A row here is the decision; the test fails if the contract says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../electron/api/channels';
import { contract, type ChannelName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { TEST_PIN, makeTestDb, sessions, type SessionName, type TestDb } from '../helpers/db';
import { inputs } from './inputs';

const everyone: SessionName[] = ['kiosk', 'office', 'officeDsl', 'leadership', 'leadershipDsl', 'admin'];
const noop = () => {};
const staff: SessionName[] = ['office', 'officeDsl', 'leadership', 'leadershipDsl', 'admin'];
const admin: SessionName[] = ['admin'];
const dsl: SessionName[] = ['officeDsl', 'leadershipDsl'];
const leadershipOrAdmin: SessionName[] = ['leadership', 'leadershipDsl', 'admin'];
const leadershipOrDsl: SessionName[] = ['officeDsl', 'leadership', 'leadershipDsl'];

const ALLOWED: Record<ChannelName, SessionName[]> = {
  getAppStatus: everyone,
  getSession: everyone,
  setupSchool: everyone,
  listUnlockNames: everyone,
  unlock: everyone,
  lock: everyone,
  recoverAdminPin: everyone,
  getRecoveryStatus: everyone,
  listRecoveryAdmins: everyone,
  restoreBackup: everyone,
  print: everyone,
  newTestToken: staff,
  getToday: staff,
  resolveAlert: staff,
  changeOwnPin: staff,
  listStaff: admin,
  createStaff: admin,
  updateStaff: admin,
  resetStaffPin: admin,
  getPinBudget: everyone,
  clearPinBudget: ['officeDsl', 'leadershipDsl', 'admin'],
  clearPinBudgetWithRecoveryCode: everyone,
  newRecoveryCode: admin,
  setLogo: admin,
  importClosures: admin,
  getSettings: staff,
  updateSettings: admin,
  getSchoolDay: staff,
  listClosures: staff,
  addClosure: admin,
  removeClosure: admin,
  verifyAudit: admin,
  checkRecords: admin,
  getFingerprint: staff,
  checkFingerprint: admin,
  listAudit: admin,
  backupNow: admin,
  listBackups: admin,
  removeBackup: admin,
  searchPupils: staff,
  listClasses: staff,
  getPupil: staff,
  createPupil: staff,
  updatePupil: staff,
  previewRollImport: admin,
  importRoll: admin,
  importContacts: admin,
  exportRoll: staff,
  exportContacts: admin,
  addContact: staff,
  updateContact: staff,
  removeContact: staff,
  setNoContact: dsl,
  issueCard: staff,
  cardsForPrint: staff,
  lookupCard: staff,
  getPhoneDesk: staff,
  phoneCheckIn: staff,
  phoneAddItem: staff,
  phoneTakeIn: staff,
  phoneCheckOut: staff,
  getHomeTime: staff,
  getPhoneRegister: staff,
  getPupilPhones: staff,
  grantPhonePermission: staff,
  withdrawPhonePermission: staff,
  setDeviceArrangement: leadershipOrAdmin,
  endDeviceArrangement: leadershipOrAdmin,
  getPhoneLog: staff,
  exportPhoneLog: staff,
  getPhoneTerm: staff,
  listConfiscations: staff,
  listDslViews: dsl,
  getConfiscation: staff,
  findConfiscationSlip: staff,
  exportConfiscations: staff,
  getReleaseSignature: staff,
  recordConfiscation: staff,
  moveConfiscated: staff,
  recordParentsInformed: staff,
  recordParentsNotInformed: dsl,
  recordDslInformed: staff,
  recordExamReport: staff,
  recordSearch: leadershipOrDsl,
  recordUkcisSteps: leadershipOrDsl,
  recordUkcisDecision: dsl,
  issueConfiscationSlip: staff,
  handToPolice: dsl,
  recordPoliceOutcome: dsl,
  setConfiscationHold: dsl,
  releaseConfiscated: staff,
  amendConfiscation: staff,
  getKioskVisitorForm: everyone,
  kioskInvitation: everyone,
  kioskSignIn: everyone,
  getBadge: everyone,
  kioskSignOut: everyone,
  kioskSeeOffice: everyone,
  getConsoleAlerts: staff,
  listOnSite: staff,
  getVisit: staff,
  staffSignOut: staff,
  reprintBadge: staff,
  turnAwayVisit: staff,
  setStayOnSite: staff,
  checkNotSignedOut: staff,
  searchVisits: staff,
  exportVisits: staff,
  listInvitations: staff,
  createInvitation: staff,
  cancelInvitation: staff,
  listVisitorProfiles: staff,
  saveVisitorProfile: staff,
  reissueVisitorCard: staff,
  reportBreach: staff,
  markBreachDslTold: staff,
  listBreaches: staff,
  startRollCall: staff,
  getRollCall: staff,
  accountFor: staff,
  endRollCall: staff,
  listRollCalls: staff,
  getVisitorSetup: staff,
  admitVisit: leadershipOrDsl,
  listNotPermitted: leadershipOrDsl,
  addNotPermitted: leadershipOrDsl,
  removeNotPermitted: leadershipOrDsl,
  saveVisitorTexts: admin,
  saveVisitorType: admin,
  getPublicTask: everyone,
  submitPublicSignature: everyone,
  getScreens: staff,
  requestPublicSignature: staff,
  getPublicSignature: staff,
  cancelPublicSignature: staff,
};

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb(undefined, { staff: true });
});
afterAll(() => t.dispose());

describe('the access table', () => {
  it('covers exactly the channels of the contract, and the preload list matches', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(contract).sort());
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  for (const channel of Object.keys(contract) as ChannelName[]) {
    for (const who of everyone) {
      const allowed = ALLOWED[channel].includes(who);
      it(`${channel} ${allowed ? 'answers' : 'refuses'} ${who}`, async () => {
        if (channel === 'removeClosure' && allowed) {
          await dispatch(t.ctx, sessions.admin, 'addClosure', inputs.addClosure.valid);
        }
        const r = await dispatch(t.ctx, sessions[who], channel, inputs[channel].valid, noop);
        if (allowed) {
          // Past the access check: success, or a school rule about this particular input.
          expect(r.ok ? 'ok' : r.error.code).toMatch(/^(ok|RULE|CONFLICT|NOT_FOUND)$/);
        } else {
          expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        }
      });
    }
  }

  it('tells a kiosk to unlock, and a staff member to ask an administrator', async () => {
    const kiosk = await dispatch(t.ctx, sessions.kiosk, 'getSettings', {});
    const office = await dispatch(t.ctx, sessions.office, 'updateSettings', { schoolName: 'X' });
    expect(kiosk).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Please unlock the staff console first.' } });
    expect(office).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/administrator/) } });
  });

  it('checks access before looking at the input, so a refused caller learns nothing about it', async () => {
    const r = await dispatch(t.ctx, sessions.kiosk, 'addClosure', { startsOn: 'not a date' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers valid calls from the roles allowed (not merely "not forbidden")', async () => {
    const t = await makeTestDb(undefined, { staff: true });
    for (const channel of ['getSettings', 'getToday', 'listUnlockNames', 'newTestToken', 'listStaff', 'listBackups'] as const) {
      expect({ channel, result: await dispatch(t.ctx, sessions.admin, channel, {}) }).toMatchObject({ channel, result: { ok: true } });
    }
    expect(await dispatch(t.ctx, sessions.office, 'unlock', { staffId: 2, pin: TEST_PIN }, noop)).toMatchObject({ ok: true, value: { kind: 'staff', staffId: 2 } });
    t.dispose();
  });

  it('gives the kiosk nothing about anyone: its answers hold only the public school details', async () => {
    const status = await dispatch(t.ctx, sessions.kiosk, 'getAppStatus', {});
    expect(status.ok && Object.keys(status.value as object).sort()).toEqual(['accentColour', 'logo', 'schoolName', 'setupNeeded']);
    // The unlock list: names and ids only, of active staff with a PIN; nothing about roles or sign-in state.
    const names = await dispatch(t.ctx, sessions.kiosk, 'listUnlockNames', {});
    expect(names.ok && (names.value as object[]).every((n) => Object.keys(n).sort().join() === 'id,name')).toBe(true);
    const session = await dispatch(t.ctx, sessions.kiosk, 'getSession', {});
    expect(session).toEqual({ ok: true, value: { kind: 'kiosk' } });
  });
});

/**
 * The channel names alone, without schemas: the preload bundle and the browser shim build
 * window.kiosk from this list. The `satisfies` below makes the compiler refuse a list that misses
 * or invents a channel of the contract.
 */
import type { ChannelName } from './contract';

const names = {
  getAppStatus: true,
  getSession: true,
  setupSchool: true,
  listUnlockNames: true,
  unlock: true,
  lock: true,
  recoverAdminPin: true,
  getRecoveryStatus: true,
  listRecoveryAdmins: true,
  restoreBackup: true,
  print: true,
  newTestToken: true,
  getToday: true,
  resolveAlert: true,
  changeOwnPin: true,
  listStaff: true,
  createStaff: true,
  updateStaff: true,
  resetStaffPin: true,
  clearPinFailures: true,
  newRecoveryCode: true,
  setLogo: true,
  importClosures: true,
  getSettings: true,
  updateSettings: true,
  getSchoolDay: true,
  listClosures: true,
  addClosure: true,
  removeClosure: true,
  verifyAudit: true,
  listAudit: true,
  backupNow: true,
  listBackups: true,
  searchPupils: true,
  listClasses: true,
  getPupil: true,
  createPupil: true,
  updatePupil: true,
  previewRollImport: true,
  importRoll: true,
  importContacts: true,
  exportRoll: true,
  exportContacts: true,
  addContact: true,
  updateContact: true,
  removeContact: true,
  setNoContact: true,
  issueCard: true,
  cardsForPrint: true,
  lookupCard: true,
  getPhoneDesk: true,
  phoneCheckIn: true,
  phoneAddItem: true,
  phoneTakeIn: true,
  phoneCheckOut: true,
  getHomeTime: true,
  getPhoneRegister: true,
  getPupilPhones: true,
  grantPhonePermission: true,
  withdrawPhonePermission: true,
  setDeviceArrangement: true,
  endDeviceArrangement: true,
  getPhoneLog: true,
  exportPhoneLog: true,
  getPhoneTerm: true,
} as const satisfies Record<ChannelName, true>;

export const CHANNEL_NAMES = Object.freeze(Object.keys(names)) as readonly ChannelName[];

/** The IPC channel string for a contract channel. */
export function ipcChannel(name: ChannelName): string {
  return `kiosk:${name}`;
}

/**
 * The demo school for `npm run preview` without KIOSK_DB: clearly fictional staff with PINs
 * printed at start, so a newcomer can try every role at once. Never used by the app itself.
 */
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, type ScryptParams } from '../../db/pins';
import { cardsForPrint } from '../../db/cards';
import { addClosure, loadCalendar } from '../../db/closures';
import { addContact } from '../../db/contacts';
import { checkInByPupil, grantPhonePermission, takeInWithoutPermission } from '../../db/phones';
import { createPupil } from '../../db/pupils';
import { isSetUp, setupSchool } from '../../db/setup';
import { addNotPermitted, createInvitation, currentTexts, saveProfile, signIn } from '../../db/visitors';
import { createStaff, type Role } from '../../db/staff';
import { write, type WriteContext } from '../../db/tx';

export interface DemoAccount {
  name: string;
  role: Role;
  dsl: boolean;
  pin: string;
}

export const DEMO_SCHOOL = 'Demo Primary School (fictional)';
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { name: 'Alex Admin (demo)', role: 'admin', dsl: false, pin: '135792' },
  { name: 'Olly Office (demo)', role: 'office', dsl: false, pin: '246813' },
  { name: 'Lee Leader (demo)', role: 'leadership', dsl: false, pin: '975318' },
  { name: 'Dee Safeguard (demo DSL)', role: 'leadership', dsl: true, pin: '864219' },
];

/** Seed the demo school if the database is empty; returns the recovery code when it seeded. */
export async function seedDemo(ctx: WriteContext, scrypt: ScryptParams): Promise<string | null> {
  if (isSetUp(ctx.db)) return null;
  const [first, ...rest] = DEMO_ACCOUNTS;
  const recoveryCode = newRecoveryCode();
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashSecret(a.pin, scrypt)));
  const recoveryHash = await hashSecret(normaliseRecoveryCode(recoveryCode), scrypt);
  write(ctx, { kind: 'system' }, (tx) => {
    setupSchool(tx, { schoolName: DEMO_SCHOOL, adminName: first!.name, adminPinHash: hashes[0]!, recoveryHash });
    rest.forEach((a, i) => createStaff(tx, { name: a.name, role: a.role, dsl: a.dsl, pinHash: hashes[i + 1]! }));
    addClosure(tx, { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' });
    addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' });
    seedRoll(tx);
  });
  // Visitors signed in at the kiosk and the office's records of them, as the app writes them.
  write(ctx, { kind: 'kiosk' }, (tx) => seedVisitorsAtKiosk(tx));
  write(ctx, { kind: 'staff', staffId: 4 }, (tx) => seedVisitorRecords(tx));
  return recoveryCode;
}

function seedVisitorsAtKiosk(tx: Parameters<Parameters<typeof write>[2]>[0]): void {
  const version = currentTexts(tx.db).version;
  const base = { textsVersion: version, via: 'kiosk' as const };
  signIn(tx, { ...base, typeKey: 'parent', name: 'Nadia Coombe', visiting: 'Year 2 reading morning' });
  signIn(tx, { ...base, typeKey: 'contractor', name: 'Gary Fuse', organisation: 'Brightspark Electrical Ltd', visiting: 'Site manager', work: 'Emergency lighting test', supervisor: 'Mr Hale (site manager)', carReg: 'BS21 LIT' });
  signIn(tx, { ...base, typeKey: 'supply', name: 'Priya Lal', organisation: 'Kent Supply Teachers', visiting: 'Class 4W' });
}

function seedVisitorRecords(tx: Parameters<Parameters<typeof write>[2]>[0]): void {
  const today = loadCalendar(tx.db).localDate(tx.now);
  const profile = saveProfile(tx, {
    typeKey: 'volunteer',
    name: 'Margaret Oakes',
    organisation: '',
    dbsNumber: '001234567890',
    dbsIssuedOn: '2025-09-01',
    dbsSeenBy: 'Olly Office',
    dbsSeenOn: '2025-09-08',
    notes: 'Reads with Year 2 on Wednesdays',
    active: true,
  });
  createInvitation(tx, { typeKey: 'visitor', name: 'Dr Alan Reyes', organisation: 'Educational Psychology Service', visiting: 'Mrs Safeguard (SENCo meeting)', carReg: '', work: '', supervisor: '', expectedOn: today });
  createInvitation(tx, { typeKey: 'volunteer', name: profile.name, organisation: '', visiting: 'Year 2 reading', carReg: '', work: '', supervisor: '', expectedOn: today, profileId: profile.id });
  addNotPermitted(tx, { name: 'Barry Barred', category: 'court-order' });
}

const FORENAMES = ['Amara', 'Ben', 'Chloe', 'Dev', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack', 'Keira', 'Leo', 'Maya', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Ruby', 'Sam', 'Tom'];
const SURNAMES = ['Ashdown', 'Birchall', 'Coombe', 'Dunmore', 'Ellery', 'Fairlie', 'Gorse', 'Hartwell', 'Ingram', 'Juniper', 'Kestrel', 'Larkin'];

/** A small fictional roll: ten pupils a class (R to 6, class "W"), a parent each; Year 5 and 6 phones. */
function seedRoll(tx: Parameters<Parameters<typeof write>[2]>[0]): void {
  let n = 0;
  const phonePupils: number[] = [];
  for (let year = 0; year <= 6; year++) {
    for (let i = 0; i < 10; i++, n++) {
      const forename = FORENAMES[(n * 7) % FORENAMES.length]!;
      const surname = SURNAMES[(n * 5 + year) % SURNAMES.length]!;
      const reg = year === 0 ? 'RW' : `${year}W`;
      const p = createPupil(tx, { forename, surname, yearGroup: year, regGroup: reg, upn: null, adno: String(5001 + n) });
      const parent = addContact(tx, p.id, { name: `${i % 2 ? 'Sam' : 'Jo'} ${surname}`, relationship: i % 2 ? 'Father' : 'Mother', phone: `07700 900${String(100 + n)}`, mayCollect: true });
      addContact(tx, p.id, { name: `Pat ${surname}`, relationship: 'Grandparent', phone: `01632 960${String(100 + n)}`, mayCollect: i % 3 !== 0 });
      if (year >= 5 && i < 6) {
        grantPhonePermission(tx, { pupilId: p.id, contactId: parent.id, reason: 'Walks to and from school alone' });
        phonePupils.push(p.id);
      }
    }
  }
  cardsForPrint(tx, { phones: true });
  const cal = loadCalendar(tx.db);
  if (cal.isSchoolDay(cal.localDate(tx.now))) {
    for (const id of phonePupils.slice(0, 8)) checkInByPupil(tx, id);
    takeInWithoutPermission(tx, { pupilId: 33, kind: 'smartwatch', description: 'Black strap' });
  }
}

/**
 * The demo school for `npm run preview` without KIOSK_DB: clearly fictional staff with PINs
 * printed at start, so a newcomer can try every role at once. Never used by the app itself.
 */
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, type ScryptParams } from '../../db/pins';
import { addClosure } from '../../db/closures';
import { isSetUp, setupSchool } from '../../db/setup';
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
  });
  return recoveryCode;
}

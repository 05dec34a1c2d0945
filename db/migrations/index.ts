/**
 * The one registry of schema steps, in order. Adding a feature: add `NNN-name.ts` exporting a
 * Migration with the next version, append it here, and add its test in test/db/migrations.test.ts.
 * Never edit a step that has shipped.
 */
import type { Migration } from '../migrate';
import { core } from './001-core';
import { staffSignIn } from './002-staff-sign-in';
import { pupilRoll } from './003-pupil-roll';
import { phones } from './004-phones';
import { phoneIndexes } from './005-phone-indexes';
import { confiscations } from './006-confiscations';
import { visitors } from './007-visitors';
import { pinBudget } from './008-pin-budget';
import { recordStates } from './009-record-states';

export type { Migration };

export const migrations: readonly Migration[] = [core, staffSignIn, pupilRoll, phones, phoneIndexes, confiscations, visitors, pinBudget, recordStates];

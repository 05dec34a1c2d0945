import { listAudit, readAnchor, verifyAudit } from '../../../db/audit';
import { lastGoodCheck } from '../../../db/record-check-run';
import { runAndRecordChecks } from '../checks';
import { getSettings } from '../../../db/settings';
import { chainFingerprint, checkFingerprint, checkWitnesses } from '../../../db/witnesses';
import { backupFolder, writeAs } from '../context';
import type { Handlers } from '.';

export const auditHandlers: Handlers<'verifyAudit' | 'checkRecords' | 'listAudit' | 'getFingerprint' | 'checkFingerprint'> = {
  // the chain and its anchor, then the witnesses of it kept outside the database (backups, the anchor)
  verifyAudit: (ctx) => ({
    ...verifyAudit(ctx.db, ctx.files.anchor ? readAnchor(ctx.files.anchor) : null),
    witnesses: checkWitnesses(ctx.db, { backupDirs: [backupFolder(ctx)], anchorFile: ctx.files.anchor, timeZone: getSettings(ctx.db).timeZone }),
  }),
  // the administrator who asked is the actor of the check's audit row
  checkRecords: async (ctx, session) => ({ ...(await runAndRecordChecks(ctx, 'manual', session)), lastGoodAt: lastGoodCheck(ctx.db) }),
  // the hashes stay in the database (see the contract): a row says who, what, which record and which fields
  listAudit: (ctx, _session, input) => listAudit(ctx.db, input).map(({ valuesHash: _v, hash: _h, prevHash: _p, ...row }) => row),
  getFingerprint: (ctx) => chainFingerprint(ctx.db),
  // the check itself goes into the trail: who compared which printed page, and what it found
  checkFingerprint: (ctx, session, input) => {
    const verdict = checkFingerprint(ctx.db, input.seq, input.hex);
    writeAs(ctx, session, (tx) => tx.audit({ action: 'audit.fingerprint-check', entity: 'audit', entityId: input.seq, values: { hex: input.hex, outcome: verdict.outcome } }));
    return verdict;
  },
};

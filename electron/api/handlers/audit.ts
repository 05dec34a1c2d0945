import { listAudit, readAnchor, verifyAudit } from '../../../db/audit';
import type { Handlers } from '.';

export const auditHandlers: Handlers<'verifyAudit' | 'listAudit'> = {
  verifyAudit: (ctx) => verifyAudit(ctx.db, ctx.files.anchor ? readAnchor(ctx.files.anchor) : null),
  // the hashes stay in the database (see the contract): a row says who, what, which record and which fields
  listAudit: (ctx, _session, input) => listAudit(ctx.db, input).map(({ valuesHash: _v, hash: _h, prevHash: _p, ...row }) => row),
};

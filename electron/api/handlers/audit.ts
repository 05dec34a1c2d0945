import { listAudit, readAnchor, verifyAudit } from '../../../db/audit';
import type { Handlers } from '.';

export const auditHandlers: Handlers<'verifyAudit' | 'listAudit'> = {
  verifyAudit: (ctx) => verifyAudit(ctx.db, ctx.files.anchor ? readAnchor(ctx.files.anchor) : null),
  listAudit: (ctx, _session, input) => listAudit(ctx.db, input),
};

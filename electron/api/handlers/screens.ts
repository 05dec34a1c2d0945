/** The visitor-facing screen's tasks (held by the host in memory, see ../screens.ts). */
import { DomainError } from '../../../db/errors';
import { isPublicScreen } from '../session';
import type { Handlers } from '.';

export const screenHandlers: Handlers<'getPublicTask' | 'submitPublicSignature' | 'getScreens' | 'requestPublicSignature' | 'getPublicSignature' | 'cancelPublicSignature'> = {
  getPublicTask: (ctx, session) => (isPublicScreen(session) ? ctx.screens.broker.nextTask() : null),
  submitPublicSignature: (ctx, session, input) => {
    if (!isPublicScreen(session)) throw new DomainError('RULE', 'Only the visitor screen takes signatures.');
    return { received: ctx.screens.broker.submitSignature(input.requestId, input.signature) };
  },
  getScreens: (ctx) => ({ visitorScreen: ctx.screens.hasPublicScreen() }),
  requestPublicSignature: (ctx, _session, input) => {
    if (!ctx.screens.hasPublicScreen()) throw new DomainError('RULE', 'There is no visitor screen open. Sign on this screen instead.');
    return { requestId: ctx.screens.broker.requestSignature(input.prompt) };
  },
  getPublicSignature: (ctx, _session, input) => ctx.screens.broker.signatureState(input.requestId),
  cancelPublicSignature: (ctx, _session, input) => {
    ctx.screens.broker.cancelSignature(input.requestId);
    return { cancelled: true };
  },
};

/**
 * The visitor-facing screen of a two-screen desk (DESIGN.md "Two surfaces, one app"): it asks the
 * host for its next task (a scan routed to it, a signature the office asked for) and hands in a
 * signature; the office asks whether there is such a screen, asks it for a signature and collects
 * it. Only the public screen's own session gets tasks; an ordinary kiosk tab gets none.
 */
import type { PublicTask, SignatureState } from '../screens';
import { channel } from '../channel';
import { text } from '../fields';
import { z } from '../zod';
import { signature } from './confiscations';

export type { PublicTask, SignatureState };

const requestId = text('Request', { max: 40 });

export const screenChannels = {
  getPublicTask: channel<PublicTask | null>()(['kiosk'], z.strictObject({}).optional(), "The visitor screen's next task (a routed scan, a signature asked for); null for any other screen."),
  submitPublicSignature: channel<{ received: boolean }>()(
    ['kiosk'],
    z.strictObject({ requestId, signature }),
    'The visitor screen hands in the signature drawn for a request (false if the request has gone).',
  ),
  getScreens: channel<{ visitorScreen: boolean }>()(['staff'], z.strictObject({}).optional(), 'Whether a visitor-facing screen is open (two-screen desk).'),
  requestPublicSignature: channel<{ requestId: string }>()(
    ['staff'],
    z.strictObject({ prompt: text('Prompt', { max: 120 }) }),
    'Ask the person at the visitor screen to sign (replacing any earlier request).',
  ),
  getPublicSignature: channel<SignatureState>()(['staff'], z.strictObject({ requestId }), 'Has the signature arrived? Handed over once, then forgotten.'),
  cancelPublicSignature: channel<{ cancelled: true }>()(['staff'], z.strictObject({ requestId }), 'Take the signature request off the visitor screen.'),
};

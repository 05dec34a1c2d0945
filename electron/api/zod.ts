/**
 * The only import of zod. jitless: zod must not compile validators with `new Function`, because
 * the pages run under a Content-Security-Policy without 'unsafe-eval' (and so may any code that
 * shares these schemas). This module runs before any schema is made.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

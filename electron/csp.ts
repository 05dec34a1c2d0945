/**
 * The one Content-Security-Policy of every page, in the app and in the browser preview alike:
 * scripts only from our own origin (no inline scripts, no eval), images from our origin or data:
 * URLs (QR codes, the logo, signatures), no plug-ins, no framing, no forms posting elsewhere.
 * Inline style *attributes* set by React go through the CSSOM and need no 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

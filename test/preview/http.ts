/**
 * What both preview servers (the school's records, and recovery mode) do the same way over HTTP:
 * answer with the app's security headers, read a JSON body within a size and nesting limit before
 * parsing it, and serve the built pages with the kiosk shim. Never packaged.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { MIME_TYPES as MIME, SECURITY_HEADERS, staticFile } from '../../electron/shell/protocol';
import { shimSource } from './shim';

/** How deeply a request's JSON may nest (objects and arrays). */
export const MAX_DEPTH = 32;

export function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

class TooLarge extends Error {}

/** The body as text, refused (TooLarge) past `limit` bytes, whether it says its length or not. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new TooLarge());
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new TooLarge());
        req.pause();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Is JSON text nested deeper than `max` (objects and arrays)? A scan of the brackets outside
 * strings, before JSON.parse builds anything: a deeply nested body costs nothing to refuse.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Read and parse a JSON body within its limits; a status and words when it will not do. */
export async function readJson(req: http.IncomingMessage, limit: number): Promise<{ body: unknown } | { status: number; message: string }> {
  let text: string;
  try {
    text = await readBody(req, limit);
  } catch (e) {
    return e instanceof TooLarge ? { status: 413, message: 'Too large.' } : { status: 400, message: 'Bad request.' };
  }
  if (nestedDeeperThan(text, MAX_DEPTH)) return { status: 400, message: 'Nested too deeply.' };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, message: 'Bad request.' };
  }
}

export interface Pages {
  distDir: string;
  /** index.html with the kiosk shim's script tag. */
  index: string;
  shim: string;
}

/** The built renderer, refused with a clear message when it has not been built. */
export function loadPages(distDir: string): Pages {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`The renderer is not built (${indexFile} is missing): run npm run build:renderer first.`);
  const index = fs.readFileSync(indexFile, 'utf8').replace('</head>', '  <script src="./kiosk-shim.js"></script>\n  </head>');
  return { distDir, index, shim: shimSource() };
}

/** A GET or HEAD for a page, the shim or a built file (anything else: 405). */
export function servePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL, pages: Pages): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed.');
  if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, MIME['.html']!, pages.index);
  if (url.pathname === '/kiosk-shim.js') return send(res, 200, MIME['.js']!, pages.shim);
  const file = staticFile(pages.distDir, url.pathname);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'text/plain', 'Not found.');
  return send(res, 200, MIME[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
}

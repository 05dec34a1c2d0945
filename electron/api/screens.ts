/**
 * The visitor-facing screen's tasks, held by the host in memory (never in the database): a badge
 * scanned at the office desk and routed to the public screen, and a signature the office asks a
 * parent/carer for on the public screen. The public screen asks for its next task every second;
 * the office's page asks whether the signature has arrived. A signature becomes part of a record
 * only when the office submits it with the release, as if drawn on the office screen.
 */
import { randomBytes } from 'node:crypto';

export type PublicTask = { kind: 'scan'; id: string; token: string } | { kind: 'signature'; id: string; prompt: string };
export type SignatureState = { status: 'waiting' } | { status: 'signed'; signature: string } | { status: 'gone' };

const SCAN_LIFETIME_MS = 30_000;
const SIGNATURE_LIFETIME_MS = 10 * 60_000;

export class ScreenBroker {
  private scans: { id: string; token: string; at: number }[] = [];
  private request: { id: string; prompt: string; at: number; signature: string | null } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** A badge or invitation code scanned at the desk, for the public screen to act on (kept 30 s). */
  forwardScan(token: string): void {
    this.scans = [...this.scans.filter((s) => this.now() - s.at < SCAN_LIFETIME_MS), { id: newId(), token, at: this.now() }].slice(-5);
  }

  /** The public screen's next task: a signature asked for comes first; each scan is handed out once. */
  nextTask(): PublicTask | null {
    const r = this.live();
    if (r && r.signature === null) return { kind: 'signature', id: r.id, prompt: r.prompt };
    this.scans = this.scans.filter((s) => this.now() - s.at < SCAN_LIFETIME_MS);
    const scan = this.scans.shift();
    return scan ? { kind: 'scan', id: scan.id, token: scan.token } : null;
  }

  /** Ask for a signature on the public screen (replacing any earlier request); returns its id. */
  requestSignature(prompt: string): string {
    this.request = { id: newId(), prompt, at: this.now(), signature: null };
    return this.request.id;
  }

  /** The public screen hands in the signature for the request it was shown; false if that request has gone. */
  submitSignature(id: string, signature: string): boolean {
    const r = this.live();
    if (!r || r.id !== id || r.signature !== null) return false;
    r.signature = signature;
    return true;
  }

  /** Has the signature arrived? It is handed to the office once, then forgotten. */
  signatureState(id: string): SignatureState {
    const r = this.live();
    if (!r || r.id !== id) return { status: 'gone' };
    if (r.signature === null) return { status: 'waiting' };
    this.request = null;
    return { status: 'signed', signature: r.signature };
  }

  cancelSignature(id: string): void {
    if (this.request?.id === id) this.request = null;
  }

  private live() {
    if (this.request && this.now() - this.request.at > SIGNATURE_LIFETIME_MS) this.request = null;
    return this.request;
  }
}

function newId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The one way to print. The host decides: the app prints the route itself (in a hidden window,
 * on the chosen printer) and says how it went; the browser preview answers { via: 'browser' }
 * and the page prints the layout itself: rendered into #print-root (the only thing shown in
 * print media while body has the class `printing`), once its data, QR codes and images are ready.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Paper } from '../../electron/api/contract';
import { call } from '../app/api';
import { PrintLayout } from './PrintLayout';

export interface PrintResult {
  printed: boolean;
  message?: string;
}

const READY_TIMEOUT_MS = 15_000;
let busy = false;

/** Wait until the layout in `host` says it is ready (or failed), then until its images are decoded. */
async function whenReady(host: HTMLElement, timeoutMs: number): Promise<{ ok: true } | { ok: false; message: string }> {
  const sheetState = () => host.querySelector<HTMLElement>('[data-print-state]')?.dataset.printState;
  const settled = () => {
    const s = sheetState();
    return s === 'error' || (s === 'ready' && !host.querySelector('[data-pending]'));
  };
  if (!settled()) {
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(false);
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (!settled()) return;
        clearTimeout(timer);
        observer.disconnect();
        resolve(true);
      });
      observer.observe(host, { subtree: true, childList: true, attributes: true });
    });
    if (!finished) return { ok: false, message: 'The page to print did not finish loading. Please try again.' };
  }
  if (sheetState() === 'error') {
    return { ok: false, message: host.querySelector('.print-error')?.textContent || 'This could not be printed.' };
  }
  await Promise.all(Array.from(host.querySelectorAll('img'), (img) => img.decode().catch(() => undefined)));
  return { ok: true };
}

/** Print in this page with the browser's print dialog. */
async function printHere(route: string): Promise<PrintResult> {
  const host = document.getElementById('print-root');
  if (!host) return { printed: false, message: 'This page cannot print.' };
  if (busy) return { printed: false, message: 'Another print is being prepared. Please try again in a moment.' };
  busy = true;
  const root = createRoot(host);
  document.body.classList.add('printing');
  try {
    root.render(createElement(PrintLayout, { route }));
    const ready = await whenReady(host, READY_TIMEOUT_MS);
    if (!ready.ok) return { printed: false, message: ready.message };
    window.print();
    return { printed: true };
  } finally {
    root.unmount();
    document.body.classList.remove('printing');
    busy = false;
  }
}

/** Print a layout route ('/print/<layout>?<query>') on A4 or a 62 mm label. */
export async function printLayout(route: string, paper: Paper): Promise<PrintResult> {
  const result = await call('print', { route, paper });
  if (!result.ok) return { printed: false, message: result.error.message };
  const outcome = result.value;
  if (outcome.via === 'browser') return printHere(route);
  return outcome.printed ? { printed: true } : { printed: false, message: outcome.message };
}

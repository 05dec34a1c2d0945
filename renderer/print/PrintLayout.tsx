/**
 * The printed layouts, by route: '/print/<layout>?<query>'. The same component renders a layout
 * full-page (PrintRoute: previews, tests, the app's hidden print window) and into #print-root
 * for the browser's own printing (printer.ts).
 */
import type { ComponentType } from 'react';
import type { Paper } from '../../electron/api/contract';
import { ConfiscationRegisterLayout } from './layouts/ConfiscationRegister';
import { ConfiscationSlip } from './layouts/ConfiscationSlip';
import { PhoneLogLayout } from './layouts/PhoneLog';
import { RecoveryCode } from './layouts/RecoveryCode';
import { Sheet, type LayoutProps } from './layouts/common';
import { PupilCards } from './layouts/PupilCards';
import { TestLabel } from './layouts/TestLabel';
import { TestPage } from './layouts/TestPage';
import { InvitationLayout } from './layouts/Invitation';
import { RollCallLayout } from './layouts/RollCall';
import { VisitorBadgeA4, VisitorBadgeLabel } from './layouts/VisitorBadge';
import { VisitorCard } from './layouts/VisitorCard';
import { VisitorLogLayout } from './layouts/VisitorLog';
import './print.css';

interface Layout {
  paper: Paper;
  Component: ComponentType<LayoutProps>;
}

const LAYOUTS = new Map<string, Layout>([
  ['test-label', { paper: 'label62', Component: TestLabel }],
  ['test-page', { paper: 'a4', Component: TestPage }],
  ['recovery-code', { paper: 'a4', Component: RecoveryCode }],
  ['pupil-cards', { paper: 'a4', Component: PupilCards }],
  ['phone-log', { paper: 'a4', Component: PhoneLogLayout }],
  ['confiscation-slip', { paper: 'a4', Component: ConfiscationSlip }],
  ['confiscation-register', { paper: 'a4', Component: ConfiscationRegisterLayout }],
  ['visitor-badge', { paper: 'label62', Component: VisitorBadgeLabel }],
  ['visitor-badge-a4', { paper: 'a4', Component: VisitorBadgeA4 }],
  ['visitor-card', { paper: 'label62', Component: VisitorCard }],
  ['invitation', { paper: 'a4', Component: InvitationLayout }],
  ['visitor-log', { paper: 'a4', Component: VisitorLogLayout }],
  ['roll-call', { paper: 'a4', Component: RollCallLayout }],
]);

/** The layout name and query of a print route, or null when it is not one. */
export function parsePrintRoute(route: string): { name: string; params: URLSearchParams } | null {
  const m = /^\/print\/([a-z0-9-]+)(?:\?(.*))?$/.exec(route);
  if (!m) return null;
  return { name: m[1]!, params: new URLSearchParams(m[2] ?? '') };
}

/** The paper a layout prints on, or null for an unknown route. */
export function paperFor(route: string): Paper | null {
  const parsed = parsePrintRoute(route);
  return (parsed && LAYOUTS.get(parsed.name)?.paper) ?? null;
}

export function PrintLayout({ route }: { route: string }) {
  const parsed = parsePrintRoute(route);
  const layout = parsed ? LAYOUTS.get(parsed.name) : undefined;
  if (!parsed || !layout) return <Sheet paper="a4" state="error" error="There is no printed page at this address." label="Nothing to print" />;
  return <layout.Component params={parsed.params} />;
}

/**
 * The visitor's badge, black on white (label printers print nothing else): the school, the
 * visitor's name large, the type (and organisation), the time in, who they are visiting, the escort
 * status in words in a bold box, the one-line phone reminder, and a QR code of the badge token
 * with the token grouped beneath (scanned at the kiosk to sign out).
 *
 * Two layouts, '?token=KV…': 'visitor-badge' on a 62 mm × 100 mm label, and 'visitor-badge-a4'
 * with the same badge at the top of an A4 page to cut out, and a note on wearing it. Data from
 * getBadge (the kiosk may fetch a badge for a few minutes after it was issued). The badge face is
 * shared with the kiosk, which shows it on screen when it could not be printed.
 */
import { useEffect, useState } from 'react';
import type { Badge } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { clockTime } from '../format';
import { groupToken, Sheet, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';
import '../visitor-badge.css';

/** The badge token in the query (any case), normalised; null when it is not a visitor badge's. */
export function badgeTokenParam(params: URLSearchParams): string | null {
  const raw = (params.get('token') ?? '').toUpperCase();
  return /^KV[A-Z2-7]{16}$/.test(raw) ? raw : null;
}

/** 'Fri 27 Nov 2026, 10:05' in the school's time zone (the PC's own when not known). */
export function badgeTime(iso: string, timeZone?: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
  let date: string;
  try {
    date = new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(instant);
  } catch {
    date = new Intl.DateTimeFormat('en-GB', options).format(instant);
  }
  return `${date.replace(/,/g, '')}, ${clockTime(instant, timeZone)}`;
}

/** A long name gets a smaller size so it fits the label on two lines. */
function nameSize(name: string): string {
  const n = name.length;
  if (n <= 16) return 'vbadge-name-l';
  if (n <= 30) return 'vbadge-name-m';
  return 'vbadge-name-s';
}

export function BadgeFace({
  badge,
  timeZone,
  qrMm = 26,
  onQrReady,
  variant = 'print',
}: {
  badge: Badge;
  timeZone?: string | undefined;
  qrMm?: number;
  onQrReady?: () => void;
  variant?: 'print' | 'screen';
}) {
  return (
    <div className={`vbadge vbadge-${variant}`}>
      <p className="vbadge-school">{badge.schoolName}</p>
      <p className="vbadge-type">
        <span className="vbadge-type-label">{badge.typeLabel}</span>
        {badge.organisation && <span className="vbadge-org">{badge.organisation}</span>}
      </p>
      <p className={`vbadge-name ${nameSize(badge.name)}`}>{badge.name}</p>
      <dl className="vbadge-facts">
        <div>
          <dt>In:</dt>
          <dd>{badgeTime(badge.signedInAt, timeZone)}</dd>
        </div>
        {badge.visiting && (
          <div>
            <dt>Visiting:</dt>
            <dd>{badge.visiting}</dd>
          </div>
        )}
      </dl>
      <p className={`vbadge-escort vbadge-escort-${badge.escort}`}>{badge.escortWords}</p>
      {badge.reminder && <p className="vbadge-reminder">{badge.reminder}</p>}
      <div className="vbadge-code">
        <QrCode text={badge.token} mm={qrMm} className="vbadge-qr" alt="QR code of this badge: scan it when you leave" {...(onQrReady ? { onReady: onQrReady } : {})} />
        <p className="vbadge-token" data-token={badge.token}>
          {groupToken(badge.token)}
        </p>
      </div>
    </div>
  );
}

/** The badge for the token in the query, and whether the sheet is ready to print. */
function useBadgeSheet(params: LayoutProps['params']) {
  const token = badgeTokenParam(params);
  const { timeZone, done } = useSchoolTimeZone();
  const [answer, setAnswer] = useState<{ token: string; badge: Badge | null; error: string | null } | null>(null);
  const [qrReady, setQrReady] = useState(false);

  useEffect(() => {
    if (token === null) return;
    let live = true;
    setQrReady(false);
    void call('getBadge', { token }).then((r) => {
      if (live) setAnswer(r.ok ? { token, badge: r.value, error: null } : { token, badge: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [token]);

  const loaded = answer?.token === token ? answer : null;
  const badge = loaded?.badge ?? null;
  let error: string | null = null;
  if (token === null) error = 'This is not a visitor badge. Nothing was printed.';
  else if (loaded?.error) error = `The badge could not be made: ${loaded.error} Nothing was printed.`;
  const state: PrintState = error ? 'error' : badge && qrReady && done ? 'ready' : 'loading';
  const label = badge ? `Visitor badge for ${badge.name}` : 'Visitor badge';
  return { badge, error, state, label, timeZone, onQrReady: () => setQrReady(true) };
}

export function VisitorBadgeLabel({ params }: LayoutProps) {
  const { badge, error, state, label, timeZone, onQrReady } = useBadgeSheet(params);
  return (
    <Sheet paper="label62" state={state} error={error} label={label}>
      {badge && <BadgeFace badge={badge} timeZone={timeZone} qrMm={28} onQrReady={onQrReady} />}
    </Sheet>
  );
}

export function VisitorBadgeA4({ params }: LayoutProps) {
  const { badge, error, state, label, timeZone, onQrReady } = useBadgeSheet(params);
  return (
    <Sheet paper="a4" state={state} error={error} label={label}>
      {badge && (
        <div className="vbadge-a4">
          <div className="vbadge-a4-top">
            <div className="vbadge-cut">
              <BadgeFace badge={badge} timeZone={timeZone} qrMm={28} onQrReady={onQrReady} />
            </div>
            <div className="vbadge-a4-note">
              <p className="vbadge-a4-lead">Please wear this badge where it can be seen; scan it at the entrance when you leave.</p>
              <p>Cut out the badge along the dashed line.</p>
              <p>If you lose it, please see the office.</p>
            </div>
          </div>
        </div>
      )}
    </Sheet>
  );
}

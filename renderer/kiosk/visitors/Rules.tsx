/**
 * "Phones and safeguarding on site": the rules for this type of visitor in a few short lines (the
 * policy's full text one tap away, opened in the page), what to do if worried about a child and who
 * the DSLs are, the fire assembly point, and what is kept about the visit. A large tick box and
 * "I agree". The texts are the version the kiosk loaded; the sign-in sends that version.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KioskVisitorForm } from '../../../electron/api/contract';
import { Button, Notice } from '../../components/ui';
import { ScreenHeading } from '../common';
import { StepActions } from './steps';
import './visitors.css';

export const NOT_TICKED = 'Please tick the box to say you agree to follow these rules.';

/** "We keep them for 2 years, then delete them." from the months in Settings. */
export function keptFor(months: number): string {
  const period = months % 12 === 0 ? (months === 12 ? 'one year' : `${months / 12} years`) : `${months} months`;
  return `We keep them for ${period}, then delete them.`;
}

export function RulesStep({
  form,
  typeKey,
  kicker,
  agreed,
  onAgreed,
  agreeError,
  notice,
  problem,
  busy,
  onAgree,
  onBack,
}: {
  form: KioskVisitorForm;
  typeKey: string;
  kicker: string;
  agreed: boolean;
  onAgreed: (v: boolean) => void;
  /** The message beside the tick box. */
  agreeError: string | null;
  /** Said above the rules (the rules have just changed: read them again). */
  notice: string | null;
  /** A problem with the sign-in that belongs to no question. */
  problem: string | null;
  busy: boolean;
  onAgree: () => void;
  onBack: () => void;
}) {
  const { texts, dsls } = form;
  const rules = texts.types[typeKey]?.rules ?? [];
  const [policyOpen, setPolicyOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLInputElement>(null);
  const policyParagraphs = texts.policy.split(/\n\s*\n/).filter((p) => p.trim());

  useEffect(() => {
    if (agreeError) box.current?.focus();
  }, [agreeError]);

  return (
    <main className="surface kiosk kiosk-screen visitors vstep vrules">
      <ScreenHeading kicker={kicker}>Phones and safeguarding on site</ScreenHeading>
      {notice && <Notice kind="warning">{notice}</Notice>}

      <section className="vrules-main" aria-labelledby={`${id}-rules`}>
        <h2 id={`${id}-rules`}>Our rules for you</h2>
        <ul className="vrules-list">
          {rules.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <Button kind="secondary" className="kiosk-btn vrules-policy-btn" aria-expanded={policyOpen} aria-controls={`${id}-policy`} onClick={() => setPolicyOpen((o) => !o)}>
          {policyOpen ? 'Hide the full policy' : 'Read the full policy'}
        </Button>
        <div id={`${id}-policy`} className="vrules-policy" hidden={!policyOpen}>
          {policyOpen && policyParagraphs.map((p, i) => <p key={i}>{p}</p>)}
        </div>
      </section>

      <div className="vrules-more">
        <section aria-labelledby={`${id}-worried`}>
          <h2 id={`${id}-worried`}>If you are worried about a child</h2>
          <p>{texts.worried}</p>
          {dsls.length > 0 && (
            <p>
              {dsls.length === 1 ? 'Our Designated Safeguarding Lead is ' : 'Our Designated Safeguarding Leads are '}
              <strong>{listWords(dsls)}</strong>.
            </p>
          )}
        </section>
        <section aria-labelledby={`${id}-fire`}>
          <h2 id={`${id}-fire`}>If the fire alarm sounds</h2>
          <p>{texts.assemblyPoint}</p>
        </section>
        <section aria-labelledby={`${id}-privacy`}>
          <h2 id={`${id}-privacy`}>Your information</h2>
          <p>{texts.privacy}</p>
          <p>{keptFor(form.retentionMonths)}</p>
        </section>
      </div>

      <div className={`vagree ${agreeError ? 'field-invalid' : ''}`.trim()}>
        {agreeError && (
          <p className="field-error" id={`${id}-agree-error`} role="alert">
            {agreeError}
          </p>
        )}
        <div className="vagree-box">
          <input
            ref={box}
            id={`${id}-agree`}
            type="checkbox"
            checked={agreed}
            onChange={(e) => onAgreed(e.target.checked)}
            aria-invalid={agreeError ? true : undefined}
            aria-describedby={agreeError ? `${id}-agree-error` : undefined}
          />
          <label htmlFor={`${id}-agree`}>I have read these rules and agree to follow them</label>
        </div>
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      <StepActions onBack={onBack}>
        <Button className="kiosk-btn kiosk-btn-wide" onClick={onAgree} disabled={busy}>
          {busy ? 'Signing you in…' : 'I agree'}
        </Button>
      </StepActions>
    </main>
  );
}

/** 'A', 'A and B', 'A, B and C'. */
export function listWords(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

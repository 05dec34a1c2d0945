/**
 * Signing in at the kiosk, one question a screen: who you are (or an invitation code, which fills
 * in what the office already knows and skips those questions), your name, organisation (for the
 * types that ask), who you are visiting, car registration (optional), and for contractors the work
 * and the supervising member of staff; then the rules and "I agree"; then the badge, or "please
 * wait here". Back is always there.
 *
 * Everything typed lives only in this component: leaving the flow (done, Back to the start, or
 * idle for the time set in Settings) throws it away, and nothing is saved until "I agree".
 * A problem the server names a field for goes back to that question with its words beside it.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { ApiError, Badge, KioskVisitorForm } from '../../../electron/api/contract';
import { call } from '../../app/api';
import type { Capitalise } from '../../components/OnScreenKeyboard';
import { Loading } from '../../components/ui';
import { idleMs, useIdleReturn } from '../common';
import { BadgeResult } from './BadgeResult';
import { MessageScreen, PleaseWait, RESULT_MS, Working } from './parts';
import { NOT_TICKED, RulesStep } from './Rules';
import { onHandOff, takeHandedOffCode } from './handoff';
import { invitationCode } from './scan';
import { QuestionStep, TypeStep, type VisitorTypeChoice } from './steps';
import './visitors.css';

export type Field = 'name' | 'organisation' | 'visiting' | 'carReg' | 'work' | 'supervisor';
type Step = 'type' | 'code' | Field | 'rules';
type Answers = Record<Field, string>;

const FIELDS: readonly Field[] = ['name', 'organisation', 'visiting', 'carReg', 'work', 'supervisor'];
const EMPTY: Answers = { name: '', organisation: '', visiting: '', carReg: '', work: '', supervisor: '' };

interface Question {
  question: string;
  hint?: string;
  max: number;
  capitalise: Capitalise;
  /** The message when nothing is typed; null for an optional question. */
  required: string | null;
  skip?: string;
}

export const QUESTIONS: Record<Field, Question> = {
  name: { question: 'What is your name?', hint: 'Your first name and surname.', max: 80, capitalise: 'words', required: 'Please type your name.' },
  organisation: {
    question: 'Which organisation or company are you from?',
    max: 80,
    capitalise: 'words',
    required: 'Please type your organisation or company.',
  },
  visiting: {
    question: 'Who are you visiting, or why are you here?',
    hint: 'For example, a teacher’s name, or “a meeting”.',
    max: 120,
    capitalise: 'sentences',
    required: 'Please type who you are visiting, or why you are here.',
  },
  carReg: {
    question: 'What is your car’s registration?',
    hint: 'Only if you came by car, for example AB12 CDE.',
    max: 12,
    capitalise: 'characters',
    required: null,
    skip: 'No car',
  },
  work: { question: 'What work are you here to do?', max: 120, capitalise: 'sentences', required: 'Please type the work you are here to do.' },
  supervisor: {
    question: 'Which member of staff is supervising your work?',
    max: 80,
    capitalise: 'words',
    required: 'Please type the name of the member of staff supervising your work.',
  },
};

const CAR_REG = /^[A-Za-z0-9 ]*$/;
const CODE_MISSING = 'Please type or scan your invitation code.';
const CODE_NOT_RIGHT = 'That is not an invitation code. Please check it, or go back and choose who you are.';
const CODE_TYPE_OFF = 'This invitation cannot be used at the kiosk. Please see the office.';

/** The questions a type asks, without those an invitation code has answered. */
export function questionsFor(type: VisitorTypeChoice | undefined, answered: readonly Field[]): Field[] {
  const all: Field[] = ['name', ...(type?.asksOrganisation ? (['organisation'] as const) : []), 'visiting', 'carReg', ...(type?.asksWork ? (['work', 'supervisor'] as const) : [])];
  return all.filter((f) => !answered.includes(f));
}

function isField(name: string | undefined): name is Field {
  return name !== undefined && (FIELDS as readonly string[]).includes(name);
}

/** What "I agree" sends: only the answers this type asks for, trimmed, empty ones left out. */
export function signInInput(form: KioskVisitorForm, typeKey: string, a: Answers, code: string | null) {
  const type = form.types.find((t) => t.key === typeKey);
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const organisation = type?.asksOrganisation ? opt(a.organisation) : undefined;
  const carReg = opt(a.carReg);
  const work = type?.asksWork ? opt(a.work) : undefined;
  const supervisor = type?.asksWork ? opt(a.supervisor) : undefined;
  return {
    typeKey,
    name: a.name.trim(),
    ...(organisation ? { organisation } : {}),
    visiting: a.visiting.trim(),
    ...(carReg ? { carReg: carReg.toUpperCase() } : {}),
    ...(work ? { work } : {}),
    ...(supervisor ? { supervisor } : {}),
    ...(code ? { code } : {}),
    textsVersion: form.textsVersion,
    agreed: true as const,
  };
}

interface Flow {
  step: Step;
  typeKey: string | null;
  answers: Answers;
  /** The invitation code in use, and the questions it answered (not asked again). */
  code: string | null;
  answered: Field[];
  codeDraft: string;
  errors: Partial<Record<Step, string>>;
  agreed: boolean;
  /** Back at a question the server found a problem with: Next goes straight back to the rules. */
  fixing: boolean;
  rulesNotice: string | null;
  problem: string | null;
}

const START: Flow = { step: 'type', typeKey: null, answers: EMPTY, code: null, answered: [], codeDraft: '', errors: {}, agreed: false, fixing: false, rulesNotice: null, problem: null };

type Phase = { kind: 'form' } | { kind: 'sending' } | { kind: 'badge'; badge: Badge } | { kind: 'wait' } | { kind: 'unavailable'; message: string };

export function VisitorSignIn() {
  const [, navigate] = useLocation();
  const [form, setForm] = useState<KioskVisitorForm | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [flow, setFlow] = useState<Flow>(START);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [printing, setPrinting] = useState(false);
  const applyCodeRef = useRef<((typed: string) => void) | null>(null);

  // A code scanned at the desk of a two-screen desk arrives here (handoff.ts) once the form is loaded.
  useEffect(() => {
    if (!form) return;
    const take = () => {
      const code = takeHandedOffCode();
      if (code) applyCodeRef.current?.(code);
    };
    take();
    return onHandOff(take);
  }, [form]);

  useEffect(() => {
    let live = true;
    void call('getKioskVisitorForm', {}).then((r) => {
      if (!live) return;
      if (r.ok) setForm(r.value);
      else setLoadError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const result = phase.kind === 'badge' || phase.kind === 'wait' || phase.kind === 'unavailable';
  useIdleReturn(phase.kind !== 'sending' && !printing && !busy, result ? RESULT_MS : idleMs(form?.idleSeconds));
  const toStart = () => navigate('/');

  if (loadError) {
    return (
      <MessageScreen title="Signing in is not working just now" tone="problem" onDone={toStart} doneLabel="Back to start">
        <p className="vmsg-lead">{loadError.message}</p>
        <p>Please go to the office window and a member of staff will sign you in.</p>
      </MessageScreen>
    );
  }
  if (!form) {
    return (
      <main className="surface kiosk kiosk-screen visitors">
        <Loading />
      </main>
    );
  }
  if (phase.kind === 'sending') return <Working>Signing you in…</Working>;
  if (phase.kind === 'wait') return <PleaseWait onDone={toStart} />;
  if (phase.kind === 'unavailable') {
    // Nothing was saved and trying again will not help (a full disk): only the server's public words, never why.
    return (
      <MessageScreen title="Please see the office" tone="problem" onDone={toStart} doneLabel="Back to start">
        <p className="vmsg-lead">{phase.message}</p>
      </MessageScreen>
    );
  }
  if (phase.kind === 'badge') return <BadgeResult badge={phase.badge} paper={form.badgePaper} onDone={toStart} onPrinting={setPrinting} />;

  const type = form.types.find((t) => t.key === flow.typeKey);
  const sequence: Step[] = ['type', ...(flow.code ? (['code'] as const) : []), ...questionsFor(type, flow.answered), 'rules'];
  const at = sequence.indexOf(flow.step);
  const kicker = `Sign in: step ${at >= 0 ? at + 1 : 1} of ${type ? sequence.length : '…'}`;
  const update = (patch: Partial<Flow>) => setFlow((f) => ({ ...f, ...patch }));
  const goTo = (step: Step, patch: Partial<Flow> = {}) => setFlow((f) => ({ ...f, errors: {}, ...patch, step }));

  const back = () => {
    if (flow.step === 'type') return toStart();
    const i = sequence.indexOf(flow.step);
    goTo(i > 0 ? sequence[i - 1]! : flow.code ? 'code' : 'type', { fixing: false, rulesNotice: null, problem: null });
  };

  const chooseType = (key: string) => {
    const chosen = form.types.find((t) => t.key === key);
    const fresh = flow.code !== null; // a type chosen after a code: start again without it
    const answers = fresh ? EMPTY : flow.answers;
    goTo(questionsFor(chosen, [])[0] ?? 'rules', { typeKey: key, code: null, answered: [], answers, agreed: false, fixing: false, rulesNotice: null });
  };

  const applyCode = async (typed: string) => {
    if (!typed.trim()) return update({ errors: { code: CODE_MISSING } });
    const code = invitationCode(typed);
    if (!code) return update({ errors: { code: CODE_NOT_RIGHT } });
    setBusy(true);
    const r = await call('kioskInvitation', { code });
    setBusy(false);
    if (!r.ok) return setFlow((f) => ({ ...f, step: 'code', codeDraft: typed, errors: { code: r.error.message } }));
    const p = r.value;
    const chosen = form.types.find((t) => t.key === p.typeKey);
    if (!chosen) return setFlow((f) => ({ ...f, step: 'code', codeDraft: typed, errors: { code: CODE_TYPE_OFF } }));
    const answers: Answers = { name: p.name, organisation: p.organisation, visiting: p.visiting, carReg: p.carReg, work: p.work, supervisor: p.supervisor };
    const answered = FIELDS.filter((f) => answers[f].trim() !== '');
    goTo(questionsFor(chosen, answered)[0] ?? 'rules', { typeKey: p.typeKey, answers, answered, code, codeDraft: typed, agreed: false, fixing: false, rulesNotice: null });
  };
  applyCodeRef.current = (typed) => void applyCode(typed);

  const nextFrom = (field: Field) => {
    const q = QUESTIONS[field];
    const value = flow.answers[field].trim();
    if (q.required && !value) return update({ errors: { [field]: q.required } });
    if (field === 'carReg' && !CAR_REG.test(value)) return update({ errors: { carReg: 'A car registration has only letters, digits and spaces.' } });
    const i = sequence.indexOf(field);
    goTo(flow.fixing ? 'rules' : (sequence[i + 1] ?? 'rules'), { fixing: false });
  };

  const agree = async () => {
    if (!flow.agreed) return update({ errors: { rules: NOT_TICKED } });
    if (!flow.typeKey) return goTo('type');
    setPhase({ kind: 'sending' });
    const r = await call('kioskSignIn', signInInput(form, flow.typeKey, flow.answers, flow.code));
    if (r.ok) {
      setPhase(r.value.kind === 'badge' ? { kind: 'badge', badge: r.value.badge } : { kind: 'wait' });
      return;
    }
    const e = r.error;
    if (e.code === 'UNAVAILABLE') return setPhase({ kind: 'unavailable', message: e.message });
    setPhase({ kind: 'form' });
    if (e.field === 'textsVersion') {
      // The rules changed while this person was reading: show the new ones, to read and agree again.
      const fresh = await call('getKioskVisitorForm', {});
      if (fresh.ok) setForm(fresh.value);
      goTo('rules', { agreed: false, rulesNotice: e.message, problem: fresh.ok ? null : fresh.error.message });
    } else if (e.field === 'agreed') {
      goTo('rules', { errors: { rules: e.message } });
    } else if (e.field === 'typeKey') {
      goTo('type', { errors: { type: e.message } });
    } else if (e.field === 'code') {
      goTo('code', { errors: { code: e.message } });
    } else if (isField(e.field)) {
      const field = e.field;
      setFlow((f) => ({ ...f, step: field, errors: { [field]: e.message }, answered: f.answered.filter((x) => x !== field), fixing: true, rulesNotice: null, problem: null }));
    } else {
      goTo('rules', { problem: e.message });
    }
  };

  switch (flow.step) {
    case 'type':
      return (
        <TypeStep
          types={form.types}
          error={flow.errors.type ?? null}
          kicker="Sign in: step 1"
          onChoose={chooseType}
          onCode={() => goTo('code')}
          onScanCode={(code) => void applyCode(code)}
          onBack={back}
        />
      );
    case 'code':
      return (
        <QuestionStep
          key="code"
          kicker="Sign in with an invitation code"
          question="Type or scan your invitation code"
          hint="It starts with KI. You will find it on your invitation or your visitor card."
          value={flow.codeDraft}
          error={flow.errors.code ?? null}
          maxLength={40}
          capitalise="characters"
          onValue={(v) => update({ codeDraft: v })}
          onNext={() => void applyCode(flow.codeDraft)}
          onBack={back}
          nextLabel={busy ? 'Checking…' : 'Use this code'}
          busy={busy}
        />
      );
    case 'rules':
      return (
        <RulesStep
          form={form}
          typeKey={flow.typeKey ?? ''}
          kicker={kicker}
          agreed={flow.agreed}
          onAgreed={(agreed) => update({ agreed, errors: {} })}
          agreeError={flow.errors.rules ?? null}
          notice={flow.rulesNotice}
          problem={flow.problem}
          busy={false}
          onAgree={() => void agree()}
          onBack={back}
        />
      );
    default: {
      const field = flow.step;
      const q = QUESTIONS[field];
      return (
        <QuestionStep
          key={field}
          kicker={kicker}
          question={q.question}
          hint={q.hint}
          value={flow.answers[field]}
          error={flow.errors[field] ?? null}
          maxLength={q.max}
          capitalise={q.capitalise}
          onValue={(v) => setFlow((f) => ({ ...f, answers: { ...f.answers, [field]: v } }))}
          onNext={() => nextFrom(field)}
          onBack={back}
          skipLabel={q.skip}
          onSkip={
            q.skip
              ? () => {
                  setFlow((f) => ({ ...f, answers: { ...f.answers, [field]: '' } }));
                  goTo(flow.fixing ? 'rules' : (sequence[sequence.indexOf(field) + 1] ?? 'rules'), { fixing: false });
                }
              : undefined
          }
        />
      );
    }
  }
}

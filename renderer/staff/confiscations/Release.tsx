/**
 * Releasing a confiscated device (issue 7): to one of the pupil's contacts allowed to collect (a
 * "must not collect" contact is never listed), or, on a leadership or DSL account, to someone
 * else as an override with the reason; how their identity was checked; their signature (here,
 * or on the visitor-facing screen). Offered only where the API says this session may release.
 */
import { useRef, useState } from 'react';
import type { IdentityCheck } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { Notice, TextField } from '../../components/ui';
import { SignaturePad, type SignatureHandle } from '../../components/SignaturePad';
import { IDENTITY_WORDS } from '../../words/confiscations';
import { Panel, Radios, useStep, type PanelProps } from './parts';
import { RemoteSignature } from './RemoteSignature';

const RELEASE_FIELDS = ['contactId', 'identity', 'signature', 'name', 'relationship', 'reason'] as const;

export function Release({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(RELEASE_FIELDS, onDone);
  const [who, setWho] = useState('');
  const [identity, setIdentity] = useState('');
  const [other, setOther] = useState({ name: '', relationship: '', reason: '' });
  const pad = useRef<SignatureHandle>(null);
  const [remote, setRemote] = useState<string | null>(null);
  const forename = d.record.forename;
  const override = who === 'other';
  const options = [
    ...d.collectors.map((c) => ({ value: String(c.id), label: c.relationship ? `${c.name} (${c.relationship})` : c.name })),
    ...(d.can.override ? [{ value: 'other', label: 'Someone else (an override: give the reason)' }] : []),
  ];

  function submit() {
    const field: Record<string, string> = {};
    if (who === '') field.contactId = 'Choose who is collecting.';
    if (identity === '') field.identity = 'Say how you checked who they are.';
    if (remote === null && (!pad.current || pad.current.isEmpty())) field.signature = 'The person collecting must sign.';
    if (Object.keys(field).length > 0) return setErrors({ field, form: null });
    const signature = remote ?? pad.current!.toDataURL();
    const checked = identity as IdentityCheck;
    if (override) {
      void run(
        call('releaseConfiscated', { id: d.record.id, name: other.name, relationship: other.relationship.trim() === '' ? undefined : other.relationship, reason: other.reason, identity: checked, signature }),
        () => `Released to ${other.name.trim()} (an override, with the reason recorded). The signature is on the record.`,
      );
    } else {
      const collector = d.collectors.find((c) => String(c.id) === who);
      void run(call('releaseConfiscated', { id: d.record.id, contactId: Number(who), identity: checked, signature }), () => `Released to ${collector?.name ?? 'the contact'}. The signature is on the record.`);
    }
  }

  return (
    <Panel title="Release the device" submit="Release the device" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      {d.collectors.length === 0 && (
        <Notice kind="warning">
          None of {forename}’s contacts is allowed to collect, so the device cannot be released to a contact.{' '}
          {d.can.override ? 'You can release it to someone else as an override, with a reason.' : 'Ask a member of the leadership team or a DSL.'}
        </Notice>
      )}
      {options.length > 0 && (
        <Radios
          legend="Who is collecting?"
          hint={`Only contacts allowed to collect ${forename} are listed.`}
          options={options}
          value={who}
          onValue={(v) => {
            setWho(v);
            if (errors.field.contactId) setErrors((e) => ({ ...e, field: { ...e.field, contactId: '' } }));
          }}
          error={errors.field.contactId || undefined}
        />
      )}
      {override && (
        <div className="conf-override">
          <p className="conf-override-note">
            <strong>Override.</strong> This release is recorded as an override, with your name and the reason.
          </p>
          <div className="conf-field-row">
            <TextField label="Name of the person collecting" value={other.name} onValue={(name) => setOther((o) => ({ ...o, name }))} error={errors.field.name} maxLength={80} autoComplete="off" />
            <TextField label="Relationship (optional)" value={other.relationship} onValue={(relationship) => setOther((o) => ({ ...o, relationship }))} error={errors.field.relationship} maxLength={40} autoComplete="off" />
          </div>
          <TextField label="Reason for the override" value={other.reason} onValue={(reason) => setOther((o) => ({ ...o, reason }))} error={errors.field.reason} maxLength={200} autoComplete="off" />
        </div>
      )}
      <Radios
        legend="How did you check who they are?"
        hint="Never write down the document number."
        options={Object.entries(IDENTITY_WORDS).map(([value, label]) => ({ value, label }))}
        value={identity}
        onValue={setIdentity}
        error={errors.field.identity}
      />
      <RemoteSignature
        onSignature={(signature) => {
          setRemote(signature);
          if (signature && errors.field.signature) setErrors((e) => ({ ...e, field: { ...e.field, signature: '' } }));
        }}
      />
      {remote === null && (
        <SignaturePad
          ref={pad}
          label="Signature of the person collecting"
          hint="Ask them to sign in the box with a finger, a stylus or the mouse."
          error={errors.field.signature || undefined}
          onSign={() => {
            if (errors.field.signature) setErrors((e) => ({ ...e, field: { ...e.field, signature: '' } }));
          }}
        />
      )}
    </Panel>
  );
}


/**
 * Import the roll (administrators): what to export from the MIS, the file read as bytes (the server
 * tells its encoding), a preview of every change before anything is saved (to add, to update with
 * each change, to mark as left, problems by line), Cancel that changes nothing, and Import. When
 * more than one pupil in twenty would be marked as left, the import needs a typed-out confirmation
 * of that number. Below: import contacts (check, then save) and export them.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ContactImportResult, RollImportResult, RollPreview } from '../../../electron/api/contract';
import { call, splitError, type ApiError } from '../../app/api';
import { isStaff, useApp } from '../../app/store';
import { Button, Notice, PageHeader } from '../../components/ui';
import { changeWords, downloadCsv, fullName, MAX_FILE_BYTES, plural, readFileAsBase64, yearWords } from './words';
import './pupils.css';

/** Lists longer than this show their first rows and a "Show all" button. */
const FIRST_ROWS = 10;

const ENCODING_WORDS: Record<RollPreview['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with a byte-order mark, as Excel saves “CSV UTF-8”)',
  'windows-1252': 'Windows-1252 (as older Excel saves “CSV”); accented letters were converted',
};

interface ChosenFile {
  file: string;
  fileName: string;
}

/** A file field with its error beside it; reads the chosen file as base64 bytes. */
function FileField({
  label,
  hint,
  error,
  onFile,
  disabled,
  resetKey,
}: {
  label: string;
  hint: string;
  error?: string | null | undefined;
  onFile: (f: ChosenFile | null, problem?: string) => void;
  disabled?: boolean;
  /** A new value empties the field (after Cancel or an import), so the same file can be chosen again. */
  resetKey: number;
}) {
  const id = useId();

  async function choose(file: File | undefined) {
    if (!file) return onFile(null);
    if (file.size > MAX_FILE_BYTES) return onFile(null, `“${file.name}” is larger than 8 MB: check that it is the right file.`);
    try {
      onFile({ file: await readFileAsBase64(file), fileName: file.name });
    } catch {
      onFile(null, `“${file.name}” could not be read. Save it again from the MIS and try once more.`);
    }
  }

  return (
    <div className={`field ${error ? 'field-invalid' : ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <input
        key={resetKey}
        id={id}
        type="file"
        className="pupils-file"
        accept=".csv,text/csv"
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        // emptied as the file dialog opens, so choosing the same (corrected) file again reads it again
        onClick={(e) => {
          e.currentTarget.value = '';
        }}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
    </div>
  );
}

/** A list that shows its first rows, with a button for the rest. */
function Longlist<T>({ items, children, what }: { items: readonly T[]; children: (shown: readonly T[]) => ReactNode; what: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_ROWS);
  return (
    <>
      {children(shown)}
      {items.length > FIRST_ROWS && (
        <Button kind="quiet" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? `Show only the first ${FIRST_ROWS}` : `Show all ${items.length} ${what}`}
        </Button>
      )}
    </>
  );
}

function Counts({ p }: { p: RollPreview }) {
  const items: [string, number, string][] = [
    ['To add', p.toAdd.length, 'count-add'],
    ['To update', p.toUpdate.length, 'count-update'],
    ['To mark as left', p.toLeave.length, p.toLeave.length ? 'count-leave' : ''],
    ['Unchanged', p.unchanged, ''],
    ['Problems', p.problems.length, p.problems.length ? 'count-problem' : ''],
  ];
  return (
    <dl className="import-counts">
      {items.map(([label, n, cls]) => (
        <div key={label} className={cls}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

function Problems({ problems, saved }: { problems: RollPreview['problems']; saved: boolean }) {
  if (problems.length === 0) return null;
  return (
    <section className="import-list import-problems" aria-labelledby="import-problems">
      <h3 id="import-problems">{problems.length === 1 ? 'One line has a problem' : `${problems.length} lines have problems`}</h3>
      <p>
        {saved ? 'These lines were not imported.' : 'These lines will not be imported.'} Correct them in the MIS, export the file again and import it once more;
        the rest of the roll is not affected.
      </p>
      <Longlist items={problems} what="problems">
        {(shown) => (
          <ul className="problem-lines">
            {shown.map((pr) => (
              <li key={`${pr.line}-${pr.message}`}>
                <strong>Line {pr.line}:</strong> {pr.message}
              </li>
            ))}
          </ul>
        )}
      </Longlist>
    </section>
  );
}

function Changes({ p, saved }: { p: RollPreview; saved: boolean }) {
  return (
    <>
      <Problems problems={p.problems} saved={saved} />
      {p.toAdd.length > 0 && (
        <section className="import-list" aria-labelledby="import-add">
          <h3 id="import-add">{saved ? 'Added' : 'To add'}: {plural(p.toAdd.length, 'pupil')}</h3>
          <Longlist items={p.toAdd} what={saved ? 'pupils added' : 'pupils to add'}>
            {(shown) => (
              <table className="pupils-table import-table">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Name</th>
                    <th scope="col">Year</th>
                    <th scope="col">Class</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.line}>
                      <td className="num">{a.line}</td>
                      <th scope="row">{fullName(a)}</th>
                      <td>{yearWords(a.yearGroup)}</td>
                      <td>{a.regGroup}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Longlist>
        </section>
      )}
      {p.toUpdate.length > 0 && (
        <section className="import-list" aria-labelledby="import-update">
          <h3 id="import-update">{saved ? 'Updated' : 'To update'}: {plural(p.toUpdate.length, 'pupil')}</h3>
          <Longlist items={p.toUpdate} what={saved ? 'pupils updated' : 'pupils to update'}>
            {(shown) => (
              <table className="pupils-table import-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">What changes</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{fullName(u)}</th>
                      <td>
                        <ul className="change-list">
                          {u.changes.map((c) => (
                            <li key={c.field}>{changeWords(c)}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Longlist>
        </section>
      )}
      {p.toLeave.length > 0 && (
        <section className="import-list" aria-labelledby="import-leave">
          <h3 id="import-leave">{saved ? 'Marked as left' : 'To mark as left'}: {plural(p.toLeave.length, 'pupil')}</h3>
          <p>{saved ? 'They were' : 'They are'} on the roll here but not in the file. Their records stay readable.</p>
          <Longlist items={p.toLeave} what={saved ? 'pupils marked as left' : 'pupils to mark as left'}>
            {(shown) => (
              <table className="pupils-table import-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Year</th>
                    <th scope="col">Class</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((l) => (
                    <tr key={l.id}>
                      <th scope="row">{fullName(l)}</th>
                      <td>{yearWords(l.yearGroup)}</td>
                      <td>{l.regGroup}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Longlist>
        </section>
      )}
    </>
  );
}

/** The tick that confirms the leavers, with the server's message about it beside it. */
function LeaversConfirm({ count, checked, onChecked, error }: { count: number; checked: boolean; onChecked: (v: boolean) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <div className="leavers-warning" role="group" aria-labelledby={`${id}-title`}>
      <p className="leavers-title" id={`${id}-title`}>
        Warning: {count} pupils would be marked as left
      </p>
      <p>
        That is more than one pupil in twenty. It usually means the file holds only part of the roll (one class or year group, or only some pupils
        selected in the MIS). Check the list of pupils to mark as left above. If it is right, for example at the start of a new school year, confirm it here.
      </p>
      <div className={`checkbox leavers-check ${error ? 'field-invalid' : ''}`.trim()}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChecked(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>Yes, {count} pupils have left</label>
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function Preview({ chosen, preview, onCancel, onImported }: { chosen: ChosenFile; preview: RollPreview; onCancel: () => void; onImported: (r: RollImportResult) => void }) {
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const leavers = preview.toLeave.length;
  const changes = preview.toAdd.length + preview.toUpdate.length + leavers;

  async function importNow() {
    if (preview.leaversNeedConfirmation && !confirmed) {
      return setError({ code: 'RULE', message: `Tick “Yes, ${leavers} pupils have left” to import, or Cancel to change nothing.`, field: 'confirmLeavers' });
    }
    setError(null);
    setBusy(true);
    const r = await call('importRoll', preview.leaversNeedConfirmation ? { ...chosen, confirmLeavers: leavers } : { ...chosen });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onImported(r.value);
  }

  const { field, form } = splitError(error, preview.leaversNeedConfirmation ? ['confirmLeavers'] : []);
  return (
    <section className="pupils-section import-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" ref={headingRef} tabIndex={-1}>
        Check before importing
      </h2>
      <p>
        <strong>{chosen.fileName}</strong>: {plural(preview.rows, 'line')} read. Text encoding: {ENCODING_WORDS[preview.encoding]}.
      </p>
      <Notice kind="info">Nothing has been changed yet. Check the lists, then choose Import, or Cancel to change nothing.</Notice>
      <Counts p={preview} />
      <Changes p={preview} saved={false} />
      {changes === 0 && <p className="pupils-empty">The roll already matches this file: importing would change nothing.</p>}
      {preview.leaversNeedConfirmation && (
        <LeaversConfirm
          count={leavers}
          checked={confirmed}
          onChecked={(v) => {
            setConfirmed(v);
            setError(null);
          }}
          error={field.confirmLeavers}
        />
      )}
      {form && <Notice kind="error">{form}</Notice>}
      <div className="con-actions import-actions">
        <Button onClick={() => void importNow()} disabled={busy}>
          {busy ? 'Importing…' : changes === 0 ? 'Import (no changes)' : 'Import'}
        </Button>
        <Button kind="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

function Done({ result }: { result: RollImportResult }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const notImported = result.problems.length;
  return (
    <section className="pupils-section import-done" aria-labelledby="done-heading">
      <h2 id="done-heading" ref={ref} tabIndex={-1}>
        The roll is imported
      </h2>
      <Notice kind="success">
        <p className="notice-title">
          {plural(result.toAdd.length, 'pupil')} added, {result.toUpdate.length} updated, {result.toLeave.length} marked as left
          {result.unchanged ? `, ${result.unchanged} unchanged` : ''}.
        </p>
        {notImported > 0 && <p>{notImported === 1 ? 'One line was' : `${notImported} lines were`} not imported: see below.</p>}
      </Notice>
      <Changes p={result} saved />
      <p>
        <Link href="~/staff/pupils" className="btn btn-primary">
          Go to the pupils
        </Link>
      </p>
    </section>
  );
}

function ImportContacts() {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [check, setCheck] = useState<ContactImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | 'export' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);

  async function run(file: ChosenFile, save: boolean) {
    setBusy(save ? 'save' : 'check');
    setError(null);
    const r = await call('importContacts', { ...file, save });
    setBusy(null);
    if (!r.ok) {
      if (r.error.field === 'file' || r.error.field === 'fileName') setFileError(r.error.message);
      else setError(r.error);
      return;
    }
    if (save) {
      setSaved(`Contacts imported: ${r.value.toAdd} added, ${r.value.toUpdate} updated${r.value.problems.length ? `; ${plural(r.value.problems.length, 'line')} not imported` : ''}.`);
      setChosen(null);
      setResetKey((k) => k + 1);
      setCheck(r.value.problems.length ? r.value : null);
    } else setCheck(r.value);
  }

  async function exportContacts() {
    setBusy('export');
    setError(null);
    const r = await call('exportContacts', {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    downloadCsv(r.value.fileName, r.value.csv);
    setSaved(`The contacts are saved as ${r.value.fileName} in your downloads.`);
  }

  const problems = check?.problems ?? [];
  return (
    <section className="pupils-section" aria-labelledby="contacts-import-heading">
      <h2 id="contacts-import-heading">Import contacts</h2>
      <p>
        A CSV file with a header row and one contact a line: the pupil’s <strong>UPN</strong> or <strong>Adno</strong>, then <strong>Contact Name</strong>,{' '}
        <strong>Relationship</strong>, <strong>Phone</strong> and <strong>May Collect</strong> (Yes or No). Import the roll first, so the pupils are
        known. “Must not collect” flags are never imported: a DSL sets them on the pupil’s page.
      </p>
      <FileField
        label="Contacts file (CSV)"
        hint="It is checked first; nothing is saved until you choose Save."
        error={fileError}
        resetKey={resetKey}
        disabled={busy !== null}
        onFile={(f, problem) => {
          setSaved(null);
          setCheck(null);
          setFileError(problem ?? null);
          setChosen(f);
          if (f) void run(f, false);
        }}
      />
      {error && <Notice kind="error">{error.message}</Notice>}
      {busy === 'check' && <p role="status">Checking the file…</p>}
      {saved && <Notice kind="success">{saved}</Notice>}
      {check && (
        <div className="import-preview" aria-live="polite">
          <p>
            <strong>{plural(check.rows, 'line')} read:</strong> {check.toAdd} to add, {check.toUpdate} to update
            {problems.length ? `, ${plural(problems.length, 'problem')}` : ''}.
          </p>
          {problems.length > 0 && (
            <div className="import-problems">
              <Longlist items={problems} what="problems">
                {(shown) => (
                  <ul className="problem-lines">
                    {shown.map((pr) => (
                      <li key={`${pr.line}-${pr.message}`}>
                        <strong>Line {pr.line}:</strong> {pr.message}
                      </li>
                    ))}
                  </ul>
                )}
              </Longlist>
            </div>
          )}
          {chosen && !check.saved && (
            <div className="con-actions">
              <Button onClick={() => void run(chosen, true)} disabled={busy !== null || check.toAdd + check.toUpdate === 0}>
                {busy === 'save' ? 'Saving…' : `Save ${plural(check.toAdd + check.toUpdate, 'contact')}`}
              </Button>
              <Button
                kind="secondary"
                onClick={() => {
                  setChosen(null);
                  setCheck(null);
                  setResetKey((k) => k + 1);
                }}
                disabled={busy !== null}
              >
                Cancel
              </Button>
            </div>
          )}
        </div>
      )}
      <h3 className="pupils-subhead">Export contacts</h3>
      <p>Every pupil’s contacts as a CSV file, for checking against the MIS. The reasons for “must not collect” flags are left out.</p>
      <Button kind="secondary" onClick={() => void exportContacts()} disabled={busy !== null}>
        {busy === 'export' ? 'Exporting…' : 'Export contacts CSV'}
      </Button>
    </section>
  );
}

function Explain() {
  return (
    <section className="pupils-section" aria-labelledby="explain-heading">
      <h2 id="explain-heading">1. Export the roll from the MIS</h2>
      <p>
        In SIMS, Arbor or Bromcom, make a report of <strong>every pupil on roll</strong> (not one class) with these columns and save it as a CSV file. The
        column headings can be spelled as your MIS spells them:
      </p>
      <table className="pupils-table columns-table">
        <caption className="visually-hidden">The columns of the roll file</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Headings understood</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">First name</th>
            <td>Forename, Preferred Forename, Legal Forename, First Name (a preferred name is used when the file has both)</td>
          </tr>
          <tr>
            <th scope="row">Surname</th>
            <td>Surname, Preferred Surname, Legal Surname, Last Name</td>
          </tr>
          <tr>
            <th scope="row">Year group</th>
            <td>Year, Year Group, NC Year, Curriculum Year: R or Reception, then 1 to 6 (Y5 and Year 5 work too)</td>
          </tr>
          <tr>
            <th scope="row">Class</th>
            <td>Reg Group, Registration Group, Reg, Form, Class, Tutor Group</td>
          </tr>
          <tr>
            <th scope="row">UPN</th>
            <td>UPN, Unique Pupil Number</td>
          </tr>
          <tr>
            <th scope="row">Admission number</th>
            <td>Adno, Admission Number, Admission No</td>
          </tr>
        </tbody>
      </table>
      <p>
        Pupils are matched by UPN, else by admission number, so names and classes can change between imports. A pupil on the roll here who is not in
        the file is marked as left; nobody is deleted. Save the file as “CSV UTF-8” if you can; older Excel “CSV” files work too.
      </p>
    </section>
  );
}

export function ImportRoll() {
  const session = useApp((s) => s.session);
  const admin = isStaff(session) && session.role === 'admin';
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<RollPreview | null>(null);
  const [result, setResult] = useState<RollImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [previewKey, setPreviewKey] = useState(0);
  const [resetKey, setResetKey] = useState(0);

  async function choose(f: ChosenFile | null, problem?: string) {
    setPreview(null);
    setResult(null);
    setCancelled(false);
    setFormError(null);
    setFileError(problem ?? null);
    setChosen(f);
    if (!f) return;
    setBusy(true);
    const r = await call('previewRollImport', f);
    setBusy(false);
    if (!r.ok) {
      const { field, form } = splitError(r.error, ['file', 'fileName']);
      setFileError(field.file ?? field.fileName ?? null);
      setFormError(form);
      return;
    }
    setPreview(r.value);
    setPreviewKey((k) => k + 1);
  }

  if (!admin) {
    return (
      <>
        <p className="pupils-back">
          <Link href="~/staff/pupils">Back to pupils</Link>
        </p>
        <PageHeader title="Import the roll" />
        <Notice kind="info">Only an administrator can import the roll. Ask an administrator at your school.</Notice>
      </>
    );
  }

  return (
    <div className="pupils-page import-page">
      <p className="pupils-back">
        <Link href="~/staff/pupils">Back to pupils</Link>
      </p>
      <PageHeader title="Import the roll" />
      <p className="con-lead">Bring the pupil roll in from the school’s MIS. You see every change before anything is saved.</p>
      <Explain />
      <section className="pupils-section" aria-labelledby="choose-heading">
        <h2 id="choose-heading" tabIndex={-1}>
          2. Choose the file
        </h2>
        <FileField label="Roll file (CSV)" hint="The file is read and checked; nothing is saved until you choose Import." error={fileError} disabled={busy} resetKey={resetKey} onFile={(f, problem) => void choose(f, problem)} />
        {busy && <p role="status">Reading {chosen?.fileName ?? 'the file'}…</p>}
        {formError && <Notice kind="error">{formError}</Notice>}
        {cancelled && <Notice kind="info">Cancelled: nothing was changed.</Notice>}
      </section>
      {chosen && preview && !result && (
        <Preview
          key={previewKey}
          chosen={chosen}
          preview={preview}
          onCancel={() => {
            setPreview(null);
            setChosen(null);
            setCancelled(true);
            setResetKey((k) => k + 1);
            requestAnimationFrame(() => document.getElementById('choose-heading')?.focus());
          }}
          onImported={(r) => {
            setResult(r);
            setPreview(null);
            setChosen(null);
            setResetKey((k) => k + 1);
          }}
        />
      )}
      {result && <Done result={result} />}
      <ImportContacts />
    </div>
  );
}

/**
 * Settings, School: the school's name, its accent colour (with a live preview and a contrast
 * warning) and its logo (PNG or JPEG, up to 300 KB, checked here before it is sent).
 */
import { useId, useState, type FormEvent } from 'react';
import { call, splitError, type ApiError } from '../../app/api';
import { useApp } from '../../app/store';
import { contrastRatio, textOn } from '../../app/theme';
import { Button, Loading, Notice, TextField } from '../../components/ui';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';
import './settings.css';

const HEX = /^#[0-9a-f]{6}$/i;
export const LOGO_MAX_BYTES = 300 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg'];

/** Why a chosen file cannot be the logo, or null when it can. */
export function logoFileProblem(file: { name: string; type: string; size: number }): string | null {
  const type = file.type || (/\.png$/i.test(file.name) ? 'image/png' : /\.jpe?g$/i.test(file.name) ? 'image/jpeg' : '');
  if (!LOGO_TYPES.includes(type)) return `“${file.name}” is not a PNG or JPEG image. Choose a .png or .jpg file.`;
  if (file.size > LOGO_MAX_BYTES) {
    return `“${file.name}” is ${Math.ceil(file.size / 1024)} KB: the logo must be 300 KB or smaller. Save it smaller (for example 600 pixels wide) and try again.`;
  }
  return null;
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('not text')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

function NameAndColour() {
  const form = useSettingsForm();
  const [name, setName] = useState<string | null>(null);
  const [colour, setColour] = useState<string | null>(null);
  const pickerId = useId();
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the school’s details" />;
  const s = form.settings;
  const nameValue = name ?? s.schoolName;
  const colourValue = colour ?? s.accentColour;
  const validColour = HEX.test(colourValue.trim());
  const shown = validColour ? colourValue.trim().toLowerCase() : s.accentColour;
  const whiteContrast = contrastRatio(shown, '#ffffff');
  const buttonText = textOn(shown);
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearOutcome();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save(
      { schoolName: nameValue.trim(), accentColour: colourValue.trim().toLowerCase() },
      { schoolName: 'the school name', accentColour: 'the accent colour' },
    );
    if (outcome.kind === 'saved') {
      setName(null);
      setColour(null);
      await useApp.getState().load();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField label="School name" hint="As it appears on the welcome screen, badges and printed reports." value={nameValue} onValue={edit(setName)} error={form.fieldErrors.schoolName} autoComplete="organization" maxLength={120} />

      <div className={`field ${form.fieldErrors.accentColour ? 'field-invalid' : ''}`.trim()}>
        <label htmlFor={`${pickerId}-hex`}>Accent colour</label>
        <p className="hint" id={`${pickerId}-hint`}>
          The school’s colour, used for buttons and headings. Pick it, or type its code (like #1d4e89).
        </p>
        {form.fieldErrors.accentColour && (
          <p className="field-error" id={`${pickerId}-error`} role="alert">
            {form.fieldErrors.accentColour}
          </p>
        )}
        <div className="colour-row">
          <input
            type="color"
            className="colour-picker"
            aria-label="Pick the accent colour"
            value={shown}
            onChange={(e) => edit(setColour)(e.target.value)}
          />
          <input
            id={`${pickerId}-hex`}
            className="colour-hex"
            value={colourValue}
            onChange={(e) => edit(setColour)(e.target.value)}
            aria-invalid={form.fieldErrors.accentColour ? true : undefined}
            aria-describedby={[`${pickerId}-hint`, form.fieldErrors.accentColour ? `${pickerId}-error` : ''].filter(Boolean).join(' ')}
            spellCheck={false}
            autoComplete="off"
            maxLength={7}
          />
        </div>
        {!validColour && <p className="hint">Type a colour code: # and six letters or digits, like #1d4e89.</p>}
      </div>

      <div className="colour-preview">
        <p className="colour-preview-label">Preview</p>
        <span className="colour-sample" style={{ background: shown, color: buttonText }}>
          Sign in
        </span>
      </div>
      {whiteContrast < 4.5 && (
        <Notice kind="warning">
          White text on this colour is hard to read (contrast {whiteContrast.toFixed(1)}:1; at least 4.5:1 is needed), so buttons will use black text. For white
          text, choose a darker colour.
        </Notice>
      )}

      <SaveRow form={form} />
    </form>
  );
}

function Logo() {
  const current = useApp((s) => s.status?.logo ?? null);
  const schoolName = useApp((s) => s.status?.schoolName ?? '');
  const inputId = useId();
  const [chosen, setChosen] = useState<{ name: string; dataUrl: string } | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const { field, form } = splitError(error);
  const problem = localProblem ?? field.logo ?? null;

  async function choose(file: File | undefined) {
    setError(null);
    setDone(null);
    setChosen(null);
    if (!file) return setLocalProblem(null);
    const why = logoFileProblem(file);
    setLocalProblem(why);
    if (why) return;
    try {
      setChosen({ name: file.name, dataUrl: await readAsDataUrl(file) });
    } catch {
      setLocalProblem(`“${file.name}” could not be read. Try saving it again, or choose another file.`);
    }
  }

  async function setLogo(logo: string | null) {
    setBusy(true);
    setError(null);
    const r = await call('setLogo', { logo });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setChosen(null);
    setInputKey((k) => k + 1);
    await useApp.getState().load();
    setDone(logo ? 'The new logo is saved.' : 'The logo is removed.');
  }

  return (
    <div>
      <div className="logo-now">
        <p className="colour-preview-label">{chosen ? 'New logo (not saved yet)' : 'Logo now'}</p>
        {chosen ? (
          <img className="logo-preview" src={chosen.dataUrl} alt={`The new logo, ${chosen.name}`} />
        ) : current ? (
          <img className="logo-preview" src={current} alt={`${schoolName} logo`} />
        ) : (
          <p className="logo-none">No logo yet: the school name is shown on its own.</p>
        )}
      </div>

      <div className={`field ${problem ? 'field-invalid' : ''}`.trim()}>
        <label htmlFor={inputId}>Choose a logo file</label>
        <p className="hint" id={`${inputId}-hint`}>
          A PNG or JPEG image, 300 KB or smaller. A wide logo on a white or clear background works best.
        </p>
        {problem && (
          <p className="field-error" id={`${inputId}-error`} role="alert">
            {problem}
          </p>
        )}
        <input
          key={inputKey}
          id={inputId}
          type="file"
          className="file-input"
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${inputId}-hint`, problem ? `${inputId}-error` : ''].filter(Boolean).join(' ')}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {form && <Notice kind="error">{form}</Notice>}
      <div className="form-actions">
        {chosen && (
          <>
            <Button onClick={() => void setLogo(chosen.dataUrl)} disabled={busy}>
              {busy ? 'Saving…' : 'Use this logo'}
            </Button>
            <Button
              kind="secondary"
              onClick={() => {
                setChosen(null);
                setInputKey((k) => k + 1);
              }}
              disabled={busy}
            >
              Cancel
            </Button>
          </>
        )}
        {!chosen && current && (
          <Button kind="secondary" onClick={() => void setLogo(null)} disabled={busy}>
            Remove logo
          </Button>
        )}
        {done && <Notice kind="success">{done}</Notice>}
      </div>
    </div>
  );
}

export function SchoolSettings() {
  return (
    <div className="settings-page">
      <h1>School</h1>
      <p className="settings-intro">How the school appears on the welcome screen, on badges and on printed pages.</p>
      <section className="settings-section" aria-labelledby="school-details">
        <h2 id="school-details">Name and colour</h2>
        <NameAndColour />
      </section>
      <section className="settings-section" aria-labelledby="school-logo">
        <h2 id="school-logo">Logo</h2>
        <Logo />
      </section>
    </div>
  );
}

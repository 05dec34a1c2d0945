/**
 * The settings pages' shared form logic: load the settings, send only the fields that changed,
 * keep what was typed when the server refuses it, and say clearly what was saved.
 */
import { useState } from 'react';
import type { InputOf, ResultOf } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';

export type Settings = ResultOf<'getSettings'>;

/** The fields of `next` whose values differ from `current`. */
export function changedFields(current: Settings, next: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (next[key] === undefined) continue;
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) (out as Record<string, unknown>)[key] = next[key];
  }
  return out;
}

/** 'the school name', 'the school name and the accent colour', 'a, b and c'. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export type SaveOutcome = { kind: 'saved'; message: string } | { kind: 'unchanged'; message: string } | { kind: 'error'; error: ApiError };

export interface SettingsForm {
  settings: Settings | null;
  loadError: ApiError | null;
  saving: boolean;
  outcome: SaveOutcome | null;
  fieldErrors: Record<string, string>;
  formError: string | null;
  /** Send the changed fields of `next`; `names` says each field in words for the confirmation. */
  save(next: Partial<Settings>, names: Partial<Record<keyof Settings, string>>): Promise<SaveOutcome>;
  /** Forget the last outcome (when the person edits again). */
  clearOutcome(): void;
}

export function useSettingsForm(): SettingsForm {
  const loaded = useLoad('getSettings');
  const [saved, setSaved] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const settings = saved ?? loaded.data;
  const { field, form } = splitError(outcome?.kind === 'error' ? outcome.error : null);

  async function save(next: Partial<Settings>, names: Partial<Record<keyof Settings, string>>): Promise<SaveOutcome> {
    if (!settings) return { kind: 'unchanged', message: '' };
    const patch = changedFields(settings, next);
    const keys = Object.keys(patch) as (keyof Settings)[];
    let result: SaveOutcome;
    if (keys.length === 0) {
      result = { kind: 'unchanged', message: 'There were no changes to save.' };
    } else {
      setSaving(true);
      const { backupDir, ...rest } = patch;
      // The API takes an empty backup folder to mean "the default": null is sent as ''.
      const input: InputOf<'updateSettings'> = 'backupDir' in patch ? { ...rest, backupDir: backupDir ?? '' } : rest;
      const r = await call('updateSettings', input);
      setSaving(false);
      if (r.ok) {
        setSaved(r.value);
        const words = listInWords(keys.map((k) => names[k] ?? k));
        result = { kind: 'saved', message: `Saved ${words}.` };
      } else {
        result = { kind: 'error', error: r.error };
      }
    }
    setOutcome(result);
    return result;
  }

  return {
    settings,
    loadError: loaded.error,
    saving,
    outcome,
    fieldErrors: field,
    formError: form,
    save,
    clearOutcome: () => setOutcome(null),
  };
}

/**
 * The import boundaries of DESIGN.md are lint rules; this proves the rules bite, so a change to
 * the lint configuration cannot silently switch them off.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    ['db/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/api/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
    ['renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['renderer/x.ts', "import { getSettings } from '../db/settings';\nexport const a = getSettings;\n"],
    ['renderer/x.ts', "import { dispatch } from '../electron/api/dispatch';\nexport const a = dispatch;\n"],
    ['db/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['electron/api/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['renderer/x.ts', "import type { KioskApi } from '../electron/api/contract';\nexport type A = KioskApi;\n"],
    ['db/open.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['db/x.ts', "import type { Db } from './open';\nexport type A = Db;\n"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIds(file, code)).not.toContain('no-restricted-imports');
  });
});

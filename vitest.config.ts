import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    setupFiles: ['test/fast-check-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/renderer/**', 'test/e2e/**', 'test/electron/app.electron.test.ts'] },
      },
      {
        // Components and stores, as a person would use them: Testing Library in jsdom.
        extends: true,
        test: { name: 'renderer', include: ['test/renderer/**/*.test.tsx'], environment: 'jsdom' },
      },
      {
        // The built renderer in real Chromium against the preview server and a real SQLite file.
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        // The school's clock must not depend on the PC's: the database rules again, in a zone
        // that is ahead of UTC when London is not (and the other way round).
        extends: true,
        test: {
          name: 'db-in-another-time-zone',
          include: ['test/db/**/*.test.ts'],
          exclude: ['test/db/crash.test.ts'],
          env: { TZ: 'Pacific/Auckland' },
        },
      },
      {
        // The real app in real Electron (Playwright _electron); reported as skipped where Electron's binary is not installed.
        extends: true,
        test: { name: 'electron-app', include: ['test/electron/app.electron.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});

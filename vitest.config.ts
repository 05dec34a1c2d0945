import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
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
    ],
  },
});

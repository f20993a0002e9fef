import { defineConfig } from 'vitest/config';

// `vitest run` runs both projects; `vitest run --project server` only the API suite (what `npm run test:pg` does).
// Server tests get their database from server/src/testing: SQLite per test file by default, or a fresh
// PostgreSQL database per test file when TIEGUI_TEST_PG_URL is a superuser URL.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          root: './domain',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

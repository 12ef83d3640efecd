import { defineConfig } from 'vitest/config';

// Tests sorted by kind: `unit` (Node: codecs, drivers, host, server over PGlite and PostgreSQL),
// `renderer` (React components in jsdom), `browser` (the real UI in Debian Chromium).
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker (cores - 1), which left the second core
    // idle while a browser test waited on Chromium or a server test on PostgreSQL. Most files wait
    // on another process (Chromium, PostgreSQL, a pty) much of the time, so three at once keep both
    // cores busy. Every file starts its own servers on free ports, so files never share state.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/renderer/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

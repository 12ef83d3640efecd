import { defineConfig } from 'vitest/config';

// Tests sorted by kind: `unit` (Node: codecs, drivers, host, server over PGlite and PostgreSQL),
// `renderer` (React components in jsdom), `browser` (the real UI in Debian Chromium).
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker (cores - 1), which left the second core
    // idle while a browser test waited on Chromium or a server test on PostgreSQL. Most files wait
    // on another process (Chromium, PostgreSQL, a pty) much of the time: with three at once a full
    // run kept the two cores about 60 % busy, so four. Every file starts its own servers on free
    // ports, so files never share state. (`npm test` runs the static checks beside them at the
    // lowest priority: scripts/test.sh.)
    maxWorkers: 4,
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

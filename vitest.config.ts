import { defineConfig } from 'vitest/config';

// Tests sorted by kind: `unit` (Node: codecs, drivers, host, server over PGlite and PostgreSQL),
// `renderer` (React components in jsdom), `browser` (the real UI in Debian Chromium).
/** Files that run a real pcscd with a virtual reader (tests/devices/pcsc/pcsc-lab.ts). */
const PCSC_FILES = 'tests/{devices,host}/ss-card-pcsc.test.ts';

export default defineConfig({
  test: {
    // Two files at once, one a core: a file's own processes (its hall server and host, Chromium,
    // PostgreSQL) already keep both cores busy (sampled every 2 s through a run: 1.8–2.1 cores with
    // three or four files at once). More files at once never made the run shorter; they made the
    // camera-driven face tests see the screen's light late and device answers miss their deadlines.
    // Every file starts its own servers on free ports, so files never share state. (`npm test` runs
    // the static checks beside them at the lowest priority: scripts/test.sh.)
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/renderer/**', 'tests/electron/**', PCSC_FILES],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files in a worker share its module cache instead of importing the server, the host and
          // their libraries afresh for each file: that import was half of the project's CPU time.
          // Every file starts its own servers, databases and devices, and none mocks a module.
          isolate: false,
        },
      },
      {
        test: {
          // The PC/SC files each start a pcscd of their own and point the process at its socket
          // (PCSCLITE_CSOCK_NAME); libpcsclite reads that once, when the `smartcard` binding first
          // connects, so a second lab in the same worker process was never found. A fresh process each.
          name: 'pcsc',
          include: [PCSC_FILES],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The Electron shell's tests replace the `electron` module (tests/electron/setup.ts):
          // each file in a fresh module cache, so no other file ever sees the fake.
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
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
          // One jsdom and one module cache per worker (Testing Library unmounts after every test):
          // a quarter of the project's CPU time with a fresh one per file.
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own hall server, host and Chromium; sharing the worker's module
          // cache only spares importing the server and host afresh for every file.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

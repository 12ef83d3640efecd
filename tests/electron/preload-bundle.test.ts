/** The built preload, run as a sandboxed preload runs: one CommonJS file that may require only `electron`. */
import './setup';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createBuilder } from 'vite';
import { beforeAll, expect, it } from 'vitest';
import { kioskMethodNames } from '../../contracts';

const outDir = mkdtempSync(path.join(tmpdir(), 'kiosk-preload-'));
let source = '';

beforeAll(async () => {
  const builder = await createBuilder({
    configFile: path.resolve(import.meta.dirname, '../../electron/vite.config.ts'),
    logLevel: 'silent',
    environments: { preload: { build: { outDir } } },
  });
  const preload = builder.environments.preload;
  if (!preload) throw new Error('no preload environment in electron/vite.config.ts');
  await builder.build(preload);
  source = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

it('is one file', () => {
  expect(readdirSync(outDir)).toEqual(['preload.cjs']);
});

it('runs with nothing but require("electron") and exposes window.kiosk', async () => {
  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => exposed.set(key, api),
    },
    ipcRenderer: {
      on: () => undefined,
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: false, error: { code: 'outOfService', message: 'out of service' } };
      },
    },
  };
  const required: string[] = [];
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, console });

  expect(required).toEqual(['electron']);
  const kiosk = exposed.get('kiosk');
  expect(Object.keys(kiosk ?? {}).sort()).toEqual([...kioskMethodNames, 'on'].sort());
  await expect(kiosk?.getStatus?.({})).rejects.toEqual({
    name: 'KioskError',
    code: 'outOfService',
    message: 'out of service',
  });
  expect(invoked).toEqual([['kiosk:call', 'getStatus', {}]]);
});

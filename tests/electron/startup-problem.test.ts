/**
 * A kiosk that cannot build its host (no configuration file, a wrong field) shows a full-screen
 * 暂停服务 sign with the reason for staff, logs which field, never exits into a crash loop, and
 * relaunches once the file is fixed.
 */
import './setup';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startKiosk } from '../../electron/start-kiosk';
import { outOfServiceHtml, startupProblemOf } from '../../electron/out-of-service';
import { loadHostConfig } from '../../host/config';
import { FakeBrowserWindow, app, ipcMain, resetElectron } from './electron-fake';
import { createFakeHost } from './fake-host';
import { createAppFolder } from './renderer-fixture';

let dir: string;
let configFile: string;
beforeEach(() => {
  resetElectron();
  app.appPath = createAppFolder().appPath;
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-startup-'));
  configFile = path.join(dir, 'kiosk.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const signText = (win: FakeBrowserWindow | undefined) => {
  const url = win?.webContents.getURL() ?? '';
  expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
  return decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
};

describe('a kiosk whose host cannot start', () => {
  it('shows 暂停服务 with the hotline and the missing file for staff, and does not exit', async () => {
    const host = createFakeHost();
    const createHost = vi.fn(async () => {
      loadHostConfig(configFile);
      return host;
    });
    const lines: string[] = [];
    const saved = process.env.KIOSK_LOG;
    delete process.env.KIOSK_LOG;
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    await startKiosk({ createHost, retryMs: 60_000 });
    spy.mockRestore();
    process.env.KIOSK_LOG = saved;

    expect(app.exit).not.toHaveBeenCalled();
    expect(ipcMain.handle).not.toHaveBeenCalled();
    const [win] = FakeBrowserWindow.instances;
    expect(win?.options).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { sandbox: true } });
    expect((win?.options.webPreferences as { preload?: string }).preload).toBeUndefined();
    const html = signText(win);
    expect(html).toContain('<h1>暂停服务</h1>');
    expect(html).toContain('12333');
    expect(html).toContain(`终端配置文件不存在`);
    expect(html).toContain(configFile);
    expect(lines.join('\n')).toMatch(/暂停服务: .*does not exist \[.*kiosk\.json\]/);
  });

  it('names each wrong field on the sign and in the log, never the secret', async () => {
    writeFileSync(
      configFile,
      JSON.stringify({ terminalId: 'T-1', terminalSecret: 'tiny', hallServerUrl: 'nope', devices: {} }),
    );
    const createHost = vi.fn(async () => {
      loadHostConfig(configFile);
      return createFakeHost();
    });
    await startKiosk({ createHost, retryMs: 60_000 });
    const html = signText(FakeBrowserWindow.instances[0]);
    expect(html).toContain('<code>terminalSecret</code>');
    expect(html).toContain('<code>hallServerUrl</code>');
    expect(html).not.toContain('tiny');
  });

  it('relaunches into a clean start once the file is fixed', async () => {
    vi.useFakeTimers();
    try {
      const host = createFakeHost();
      const createHost = vi.fn(async () => {
        loadHostConfig(configFile);
        return host;
      });
      await startKiosk({ createHost, retryMs: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(app.relaunch).not.toHaveBeenCalled();
      writeFileSync(
        configFile,
        JSON.stringify({
          terminalId: 'T-1',
          terminalSecret: 'abcdefghijklmnopqrstuvwx',
          hallServerUrl: 'https://hall.example.cn/',
        }),
      );
      await vi.advanceTimersByTimeAsync(1000);
      expect(host.start).not.toHaveBeenCalled();
      expect(host.stop).toHaveBeenCalledOnce();
      expect(app.relaunch).toHaveBeenCalledOnce();
      expect(app.exit).toHaveBeenCalledWith(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('escapes whatever the reason holds', () => {
    const html = outOfServiceHtml(
      { summary: 'x', file: '/etc/<b>.json', fields: [{ field: 'a<script>', message: '"&' }] },
      30,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('a&lt;script&gt;');
    expect(startupProblemOf(new Error('boom')).summary).toMatch(/启动失败/);
  });
});

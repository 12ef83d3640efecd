import './setup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAILURE_WINDOW_MS, HOST_STOP_TIMEOUT_MS, UNRESPONSIVE_GRACE_MS, setupRelaunch } from '../../electron/relaunch';
import { FakeBrowserWindow, app, fakeEvent, resetElectron, type FakeWebContents } from './electron-fake';
import { createFakeHost, type FakeHost } from './fake-host';

let host: FakeHost;
let contents: FakeWebContents;

beforeEach(() => {
  vi.useFakeTimers();
  resetElectron();
  host = createFakeHost();
  setupRelaunch(host);
  contents = new FakeBrowserWindow({}).webContents;
});

afterEach(() => vi.useRealTimers());

const crash = (reason = 'crashed') => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 1 });

describe('host restart request', () => {
  it('stops the host, then relaunches exactly once, however often it is asked', async () => {
    host.requestRestart();
    host.requestRestart();
    await vi.advanceTimersByTimeAsync(0);
    host.requestRestart();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.stop).toHaveBeenCalledOnce();
    expect(app.relaunch).toHaveBeenCalledOnce();
    expect(app.exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(host.stop.mock.invocationCallOrder[0]).toBeLessThan(app.relaunch.mock.invocationCallOrder[0] ?? 0);
  });

  it('relaunches even when the host does not stop in time', async () => {
    host.stop.mockReturnValueOnce(new Promise(() => undefined));
    host.requestRestart();
    await vi.advanceTimersByTimeAsync(HOST_STOP_TIMEOUT_MS - 1);
    expect(app.relaunch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.relaunch).toHaveBeenCalledOnce();
    expect(app.exit).toHaveBeenCalledWith(0);
  });
});

describe('renderer failures', () => {
  it('reloads the window after the first crash', () => {
    crash();
    expect(contents.reload).toHaveBeenCalledOnce();
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('relaunches the app on a second crash within a minute', async () => {
    crash();
    await vi.advanceTimersByTimeAsync(FAILURE_WINDOW_MS - 1_000);
    crash('oom');
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.reload).toHaveBeenCalledOnce();
    expect(app.relaunch).toHaveBeenCalledOnce();
    expect(app.exit).toHaveBeenCalledWith(0);
  });

  it('reloads again when the crashes are more than a minute apart', async () => {
    crash();
    await vi.advanceTimersByTimeAsync(FAILURE_WINDOW_MS + 1);
    crash();
    expect(contents.reload).toHaveBeenCalledTimes(2);
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('kills and reloads a renderer that stays unresponsive, without counting our own kill as a crash', async () => {
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    expect(contents.reload).toHaveBeenCalledOnce();
    crash('killed'); // what Electron emits after forcefullyCrashRenderer
    await vi.advanceTimersByTimeAsync(0);
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('leaves a renderer alone that answers again within the grace period', async () => {
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS / 2);
    contents.emit('responsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('relaunches when the renderer hangs soon after a crash', async () => {
    crash();
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(app.relaunch).toHaveBeenCalledOnce();
  });

  it('does nothing while the app quits', () => {
    app.emit('before-quit', fakeEvent());
    crash('clean-exit');
    expect(contents.reload).not.toHaveBeenCalled();
    expect(app.relaunch).not.toHaveBeenCalled();
  });
});

describe('quit', () => {
  it('waits for the host to stop once, then quits', async () => {
    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(host.stop).toHaveBeenCalledOnce();
    expect(app.quit).toHaveBeenCalledOnce();

    const second = fakeEvent(); // Electron emits before-quit again for that app.quit()
    app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(host.stop).toHaveBeenCalledOnce();
  });
});

import './setup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEMORY_CHECK_MS, setupSelfHealing, setupSpeechSwitch } from '../../electron/self-healing';
import { FakeBrowserWindow, app, fakeEvent, powerSaveBlocker, resetElectron } from './electron-fake';
import { createFakeHost, type FakeHost } from './fake-host';

let host: FakeHost;
let win: FakeBrowserWindow;
let relaunch: ReturnType<typeof vi.fn>;
let teardown: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  resetElectron();
  host = createFakeHost();
  relaunch = vi.fn();
  teardown = setupSelfHealing({
    host,
    getWindow: () => win as never,
    relaunch: relaunch as never,
    memoryCeilingMb: 800,
  });
  win = new FakeBrowserWindow({});
});
afterEach(() => {
  teardown();
  vi.useRealTimers();
});

describe('the Electron shell heals itself', () => {
  it('keeps the display awake while the kiosk runs', () => {
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    teardown();
    expect(powerSaveBlocker.stop).toHaveBeenCalledOnce();
    teardown = () => undefined;
  });

  it('turns on Linux speech (speech-dispatcher) and leaves other systems alone', () => {
    setupSpeechSwitch('linux');
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-speech-dispatcher');
    app.commandLine.appendSwitch.mockClear();
    setupSpeechSwitch('win32');
    expect(app.commandLine.appendSwitch).not.toHaveBeenCalled();
  });

  it("reloads the window or relaunches the app as the host's recovery asks", () => {
    host.requestRecovery({ action: 'reload', reason: 'rendererHung' });
    expect(win.webContents.reload).toHaveBeenCalledOnce();
    host.requestRecovery({ action: 'relaunch', reason: 'nightly' });
    expect(relaunch).toHaveBeenCalledWith('recovery: nightly');
  });

  it('hands a failed load, a gone GPU process and memory over the ceiling to the host for an idle moment', () => {
    win.webContents.emit('did-fail-load', fakeEvent(), -105, 'NAME_NOT_RESOLVED', 'app://kiosk/', true);
    win.webContents.emit('did-fail-load', fakeEvent(), -3, 'ABORTED', 'app://kiosk/', true);
    win.webContents.emit('did-fail-load', fakeEvent(), -105, 'x', 'app://kiosk/frame', false);
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'crashed' });
    app.emit('child-process-gone', fakeEvent(), { type: 'Utility', reason: 'clean-exit' });
    app.metrics = [{ type: 'Tab', memory: { workingSetSize: 900 * 1024 } }];
    vi.advanceTimersByTime(MEMORY_CHECK_MS);
    expect(host.recoverWhenIdle.mock.calls.map(([r]) => r)).toEqual([
      { action: 'reload', reason: 'didFailLoad:-105' },
      { action: 'reload', reason: 'GPUGone:crashed' },
      { action: 'reload', reason: 'memoryCeiling' },
    ]);
    // Nothing is reloaded by the shell itself: the host waits for the session to end.
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });
});

/**
 * A fake `electron` module for the shell's tests: records window options, handlers and calls,
 * and lets a test emit what Electron would. Installed by ./setup.ts; state reset by `resetElectron()`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

/** An Electron-style event: `preventDefault()` is recorded. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebFrame {
  parent: FakeWebFrame | null = null;
  constructor(public url: string) {}
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = new FakeWebFrame('');
  send = vi.fn();
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Pretends the page at `url` finished loading. */
  navigatedTo(url: string) {
    this.url = url;
    this.mainFrame.url = url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  loadFile = vi.fn(async (file: string) => this.webContents.navigatedTo(`file://${file}`));
  loadURL = vi.fn(async (url: string) => this.webContents.navigatedTo(url));
  removeMenu = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => (this.minimized = false));
  isMinimized = () => this.minimized;
  isDestroyed = () => false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
    app.emit('browser-window-created', fakeEvent(), this);
  }
}

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  beforeRequest: Handler | null = null;
  headersReceived: Handler | null = null;
  setPermissionRequestHandler = (handler: Handler) => (this.permissionRequestHandler = handler);
  setPermissionCheckHandler = (handler: Handler) => (this.permissionCheckHandler = handler);
  setDevicePermissionHandler = (handler: Handler) => (this.devicePermissionHandler = handler);
  setSpellCheckerEnabled = vi.fn();
  webRequest = {
    onBeforeRequest: (handler: Handler) => (this.beforeRequest = handler),
    onHeadersReceived: (handler: Handler) => (this.headersReceived = handler),
  };
  /** Scheme handlers installed with `session.protocol.handle`. */
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  protocol = {
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      if (this.protocolHandlers.has(scheme)) throw new Error(`the scheme ${scheme} is already handled`);
      this.protocolHandlers.set(scheme, handler);
    }),
  };
}

/** The global `protocol` module: privileged schemes must be registered before `ready`. */
export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: Array<{ scheme: string; privileges?: object }>) => {
    if (app.readyCalled) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
  }),
};

const sessions = new Map<string, FakeSession>();
export const session = {
  fromPartition: (partition: string) => {
    if (!sessions.has(partition)) sessions.set(partition, new FakeSession());
    return sessions.get(partition)!;
  },
  get defaultSession() {
    return session.fromPartition('');
  },
};

class FakeApp extends EventEmitter {
  isPackaged = true;
  hasLock = true;
  appPath = '/opt/hrss-kiosk/resources/app.asar';
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  readyCalled = false;
  whenReady = vi.fn(async () => {
    this.readyCalled = true;
  });
  getAppPath = () => this.appPath;
  getPath = (_name: string) => '/home/kiosk/.config/hrss-kiosk';
  getVersion = () => '1.0.0-test';
  quit = vi.fn();
  exit = vi.fn();
  relaunch = vi.fn();
  commandLine = { appendSwitch: vi.fn() };
  /** What `getAppMetrics` reports (a test sets a renderer's memory). */
  metrics: Array<{ type: string; memory: { workingSetSize: number } }> = [];
  getAppMetrics = vi.fn(() => this.metrics);
}
export const app = new FakeApp();

const handlers = new Map<string, Handler>();
export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (handlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`);
    handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
};

/** Calls the handler `ipcMain.handle` registered, as Electron would for an `invoke`. */
export function invokeMain(channel: string, event: object, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get(channel) as ((...a: unknown[]) => unknown) | undefined;
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

const rendererSide = new EventEmitter();
export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn((channel: string, listener: (...a: unknown[]) => void) => rendererSide.on(channel, listener)),
  /** Test helper: a message from main on `channel`, as `webContents.send` would deliver it. */
  deliver(channel: string, ...args: unknown[]) {
    rendererSide.emit(channel, { sender: 'ipc-renderer-event' }, ...args);
  },
};

export const exposedInMainWorld = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, api: unknown) => exposedInMainWorld.set(key, api)),
};

export const Menu = { setApplicationMenu: vi.fn() };

const blockers = new Set<number>();
export const powerSaveBlocker = {
  start: vi.fn((_type: string) => {
    const id = blockers.size + 1;
    blockers.add(id);
    return id;
  }),
  stop: vi.fn((id: number) => blockers.delete(id)),
  isStarted: (id: number) => blockers.has(id),
};

/**
 * `safeStorage` as on a machine with a real OS store: AES-GCM under a per-"user" key, as DPAPI binds
 * data to the Windows user; `backend` is what Linux reports (`basic_text` is Chromium's fixed fallback).
 */
export const safeStorage = {
  backend: 'gnome_libsecret',
  userKey: randomBytes(32),
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString(text: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', safeStorage.userKey, iv);
    const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  },
  decryptString(sealed: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', safeStorage.userKey, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
  },
};

/** The module `vi.mock('electron')` returns. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  session,
  protocol,
  ipcMain,
  ipcRenderer,
  contextBridge,
  Menu,
  powerSaveBlocker,
  safeStorage,
};

/** Clears recorded calls, listeners, windows, sessions and IPC handlers between tests. */
export function resetElectron(): void {
  vi.clearAllMocks();
  app.removeAllListeners();
  app.isPackaged = true;
  app.hasLock = true;
  app.readyCalled = false;
  FakeBrowserWindow.instances = [];
  app.metrics = [];
  blockers.clear();
  safeStorage.backend = 'gnome_libsecret';
  sessions.clear();
  handlers.clear();
}

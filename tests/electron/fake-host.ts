/** A KioskHost for the shell's tests: records calls, lets a test emit events and restart requests. */
import { vi } from 'vitest';
import type { KioskEvent, KioskReply } from '../../contracts';
import type { KioskHost } from '../../host/kiosk-host';
import type { RecoveryRequest } from '../../host/recovery/renderer-recovery';

export interface FakeHost extends KioskHost {
  call: ReturnType<typeof vi.fn<(method: string, params: unknown) => Promise<KioskReply>>>;
  start: ReturnType<typeof vi.fn<() => Promise<void>>>;
  stop: ReturnType<typeof vi.fn<() => Promise<void>>>;
  emit(event: KioskEvent, payload: unknown): void;
  requestRestart(): void;
  /** What the host's recovery would ask of the shell. */
  requestRecovery(request: RecoveryRequest): void;
  recoverWhenIdle: ReturnType<typeof vi.fn<(request: RecoveryRequest) => void>>;
}

/** A host whose `call` answers `{ ok: true, value: null }` unless a test says otherwise. */
export function createFakeHost(): FakeHost {
  const eventListeners = new Set<(event: KioskEvent, payload: unknown) => void>();
  const restartListeners = new Set<() => void>();
  const recoveryListeners = new Set<(request: RecoveryRequest) => void>();
  return {
    call: vi.fn(async (): Promise<KioskReply> => ({ ok: true, value: null })),
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onQrScanned: () => () => undefined,
    onRestartRequested(listener) {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
    onRecovery(listener) {
      recoveryListeners.add(listener);
      return () => recoveryListeners.delete(listener);
    },
    recoverWhenIdle: vi.fn(),
    requestRecovery: (request) => recoveryListeners.forEach((listener) => listener(request)),
    emit: (event, payload) => eventListeners.forEach((listener) => listener(event, payload)),
    requestRestart: () => restartListeners.forEach((listener) => listener()),
  };
}

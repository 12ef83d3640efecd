/**
 * The page's self-healing: any caught error (a render error, a window `error`, an
 * `unhandledrejection`) shows 正在恢复, tells the host (it ends and wipes the session and records
 * the fault for the fleet view), and reloads the page to the start screen. A heartbeat tells the
 * host the page's main thread is alive; when it stops, the host reloads or relaunches from outside.
 */
import { RENDERER_BEAT_MS, type KioskApi, type RendererFaultKind } from '../../../contracts';

/** How long 正在恢复 stays before the reload: long enough to read, short enough not to wait. */
export const RECOVERY_DELAY_MS = 1_500;

export interface Recovery {
  /** Shows 正在恢复, reports the fault once, reloads after RECOVERY_DELAY_MS. */
  fault(kind: RendererFaultKind): void;
  recovering(): boolean;
  subscribe(listener: () => void): () => void;
}

export interface RecoveryDeps {
  kiosk: Pick<KioskApi, 'reportRendererFault'>;
  reload: () => void;
  delayMs?: number;
}

export function createRecovery({ kiosk, reload, delayMs = RECOVERY_DELAY_MS }: RecoveryDeps): Recovery {
  let recovering = false;
  const listeners = new Set<() => void>();
  return {
    fault(kind) {
      if (recovering) return;
      recovering = true;
      for (const l of listeners) l();
      // Never a message or stack: they may hold what the person typed or was shown.
      kiosk.reportRendererFault({ kind }).catch(() => undefined);
      setTimeout(reload, delayMs);
    },
    recovering: () => recovering,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Global handlers: errors React does not catch (event handlers, timers, promises). */
export function installFaultHandlers(win: Pick<Window, 'addEventListener'>, recovery: Recovery): void {
  win.addEventListener('error', () => recovery.fault('windowError'));
  win.addEventListener('unhandledrejection', () => recovery.fault('unhandledRejection'));
}

/** The page's heartbeat to the host, and the host's request to reload (at an idle moment). */
export function startHeartbeat(
  kiosk: Pick<KioskApi, 'rendererBeat' | 'on'>,
  reload: () => void,
  everyMs = RENDERER_BEAT_MS,
): () => void {
  const beat = () => void kiosk.rendererBeat({}).catch(() => undefined);
  beat();
  const timer = setInterval(beat, everyMs);
  const off = kiosk.on('reloadRenderer', () => reload());
  return () => {
    clearInterval(timer);
    off();
  };
}

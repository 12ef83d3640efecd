/** The KioskApi's self-healing methods (contracts/recovery.ts). */
import type { KioskHandlers } from '../../contracts';
import type { SessionManager } from '../session/session-manager';
import type { RendererRecovery } from './renderer-recovery';

type RecoveryHandlers = Pick<KioskHandlers, 'rendererBeat' | 'reportRendererFault'>;

export interface RecoveryDeps {
  recovery: Pick<RendererRecovery, 'beat' | 'whenIdleRecorded'>;
  sessions: Pick<SessionManager, 'view' | 'end'>;
}

export function createRecoveryHandlers({ recovery, sessions }: RecoveryDeps): RecoveryHandlers {
  return {
    rendererBeat: async () => {
      recovery.beat();
      return null;
    },
    // The page shows 正在恢复 and reloads: whoever was at the kiosk is signed out and wiped.
    reportRendererFault: async ({ kind }) => {
      if (sessions.view()) sessions.end('error');
      recovery.whenIdleRecorded(kind);
      return null;
    },
  };
}

/** The foundation's handlers: health, the terminal's profile and heartbeat, sessions. */
import type { coreRoutes } from '../../../contracts/hall-api';
import { alternativesFor } from '../../fleet/alternatives';
import { openSession } from '../../sessions/open-session';
import { insuranceSummary } from '../../sessions/summary';
import { closeSession, useSession } from '../../sessions/use-session';
import { recordHeartbeat } from '../../terminals/heartbeat';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function coreHandlers({
  database,
  sessionIdleMs,
  eCard,
  hallNameEn,
}: RouteOptions): RouteHandlers<typeof coreRoutes> {
  const { db, kind } = database;
  return {
    health: async () => ({ ok: true, database: kind }),
    terminalProfile: async (_, { terminal: t }) => ({
      terminalId: t.terminalId,
      hallId: t.hallId,
      hallName: t.hallName,
      ...(hallNameEn ? { hallNameEn } : {}),
      hallTimeZone: t.hallTimeZone,
      inService: t.inService,
      alternatives: await alternativesFor(db, t.terminalId, t.hallId),
    }),
    heartbeat: async ({ body }, { terminal }) => recordHeartbeat(db, terminal.terminalId, body),
    openSession: async ({ body }, { terminal }) => openSession(db, terminal, body, sessionIdleMs, eCard),
    closeSession: async ({ params }, { terminal }) => {
      await closeSession(db, terminal.terminalId, params.sessionId, sessionIdleMs);
    },
    sessionSummary: async ({ params }, { terminal }) => {
      const session = await useSession(db, terminal.terminalId, params.sessionId, sessionIdleMs);
      return insuranceSummary(db, session.personId);
    },
  };
}

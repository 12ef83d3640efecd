/** The fleet's handlers: the terminal's command long-poll, ack and PIN check; the console's fleet screen. */
import type { FastifyInstance } from 'fastify';
import type { fleetRoutes } from '../../../contracts/fleet';
import { createCommandWaiter } from '../../fleet/command-waiter';
import { ackCommand, listCommands, pendingCommands, sendCommand } from '../../fleet/commands';
import { fleetOf } from '../../fleet/fleet-view';
import { staffCheck } from '../../staff/staff-check';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function fleetHandlers(app: FastifyInstance, options: RouteOptions): RouteHandlers<typeof fleetRoutes> {
  const { db } = options.database;
  const now = options.now ?? (() => new Date());
  const waiter = createCommandWaiter(db, options.commandPollMs);
  app.addHook('preClose', async () => waiter.close());
  return {
    terminalCommands: async ({ query: { waitMs } }, { terminal: { terminalId }, reply }) => {
      const deadline = Date.now() + waitMs;
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      for (;;) {
        const interest = waitMs > 0 ? waiter.register(terminalId) : null;
        const commands = await pendingCommands(db, now(), terminalId);
        const remaining = deadline - Date.now();
        if (commands.length > 0 || !interest || remaining <= 0 || gone.signal.aborted) {
          interest?.cancel();
          return { commands };
        }
        const woken = await interest.wait(remaining, gone.signal);
        if (!woken) return { commands: await pendingCommands(db, now(), terminalId) };
      }
    },
    ackCommand: async ({ params, body }, { terminal }) => ackCommand(db, terminal.terminalId, params.commandId, body),
    staffCheck: async ({ body }, { terminal }) => staffCheck(db, terminal, body),
    staffTerminals: async (_, { staff }) => {
      const at = now();
      return { terminals: await fleetOf(db, at, staff.hallId), asOf: at.toISOString() };
    },
    staffSendCommand: async ({ params, body }, { staff }) => sendCommand(db, now(), staff, params.terminalId, body),
    staffTerminalCommands: async ({ params }, { staff }) => ({
      commands: await listCommands(db, now(), staff, params.terminalId),
    }),
  };
}

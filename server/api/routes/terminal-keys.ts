/** The terminal-key handler: a terminal enrols the public key of the key pair it made. */
import type { terminalKeyRoutes } from '../../../contracts/terminal-keys';
import { enrolTerminalKey } from '../../terminals/enrol-key';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function terminalKeyHandlers(options: RouteOptions): RouteHandlers<typeof terminalKeyRoutes> {
  const { db } = options.database;
  return {
    enrolTerminalKey: async ({ body }, { terminal }) => enrolTerminalKey(db, terminal.terminalId, body),
  };
}

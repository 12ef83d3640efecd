// A built (not listening) hall server over a backend's fresh database, with two registered terminals.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../../server/app';
import type { Database } from '../../../server/db/types';
import { DEMO_HALL_ID } from '../../../server/seed/hall';
import { registerTerminal } from '../../../server/terminals/register';
import type { Backend } from './backends';

export interface TestHall {
  database: Database;
  app: FastifyInstance;
  /** Authorization headers for terminal A and terminal B. */
  a: Record<string, string>;
  b: Record<string, string>;
  inject(options: InjectOptions & { as?: 'a' | 'b' }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const TERMINAL_A = 'KIOSK-A';
export const TERMINAL_B = 'KIOSK-B';

export function bearer(terminalId: string, secret: string): Record<string, string> {
  return { authorization: `Bearer ${terminalId}.${secret}` };
}

export async function openTestHall(
  backend: Backend,
  options: Pick<
    Parameters<typeof buildServer>[0],
    | 'sessionIdleMs'
    | 'logger'
    | 'eCardIssuer'
    | 'now'
    | 'queueMaxActivePerPerson'
    | 'appointmentNoShowLimit'
    | 'publicBaseUrl'
    | 'commandPollMs'
    | 'certification'
    | 'payment'
    | 'hallNameEn'
  > = {},
): Promise<TestHall> {
  const database = await backend.open();
  const a = bearer(TERMINAL_A, await registerTerminal(database.db, { terminalId: TERMINAL_A, hallId: DEMO_HALL_ID }));
  const b = bearer(TERMINAL_B, await registerTerminal(database.db, { terminalId: TERMINAL_B, hallId: DEMO_HALL_ID }));
  const app = buildServer({ ...database, ...options });
  await app.ready();
  return {
    database,
    app,
    a,
    b,
    inject: ({ as, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...(as ? (as === 'a' ? a : b) : {}), ...headers } }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

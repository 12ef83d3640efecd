/**
 * Runnable hall server: `tsx server/main.ts`. DATABASE_URL (PostgreSQL) or PGLITE_DIR (default: PGlite
 * in memory), DATABASE_POOL_SIZE (default 10), PORT (default 8080), HOST (default 127.0.0.1), PUBLIC_BASE_URL
 * (the address phones use for every printed link: ticket follow page, certification check, statement
 * verification; default: the host the terminal called), HALL_NAME, HALL_ADDRESS, HALL_PHONE,
 * HALL_WINDOW_HOURS (the hall's profile on screens and statements), HALL_NAME_EN (the hall's name on English screens), TERMINAL_CLOCK_WINDOW_S,
 * TERMINAL_BEARER_GRACE_S, TERMINAL_REQUIRE_KEY (terminal keys: server/terminals/auth-config.ts). Seeds the demo data into an empty database.
 */
import { certificationConfigFromEnv } from './certification/config';
import { hallProfileFromEnv } from './seed/hall';
import { startHallServer } from './start';
import { terminalAuthConfigFromEnv } from './terminals/auth-config';

const port = Number(process.env.PORT ?? 8080);
const server = await startHallServer({
  url: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATABASE_URL ? undefined : process.env.PGLITE_DIR || undefined,
  poolSize: process.env.DATABASE_POOL_SIZE ? Number(process.env.DATABASE_POOL_SIZE) : undefined,
  port,
  host: process.env.HOST || '127.0.0.1',
  seedIfEmpty: true,
  publicBaseUrl: process.env.PUBLIC_BASE_URL || undefined,
  hall: hallProfileFromEnv(process.env),
  hallNameEn: process.env.HALL_NAME_EN?.trim() || undefined,
  logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  certification: certificationConfigFromEnv(process.env),
  terminalAuth: terminalAuthConfigFromEnv(process.env),
});
const where =
  server.kind === 'postgres'
    ? 'PostgreSQL'
    : process.env.PGLITE_DIR
      ? `PGlite in ${process.env.PGLITE_DIR}`
      : 'PGlite in memory';
console.log(`Hall server listening on ${server.url} (${where})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

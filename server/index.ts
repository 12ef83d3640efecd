/** The hall server's public API for the launcher, tools and tests. */
export { buildServer, DEFAULT_SESSION_IDLE_MS, type BuildServerOptions } from './app';
export { startHallServer, type HallServer, type StartHallServerOptions } from './start';
export { openDatabase, type OpenDatabaseOptions } from './db/open';
export type { Database, Db, DbKind } from './db/types';
export {
  openPgliteFromTemplate,
  pgliteTemplate,
  createPostgresTestDatabase,
  templateKey,
  type PostgresTestDatabase,
} from './db/template';
export {
  createECardIssuer,
  defaultECardIssuer,
  issueECardCode,
  type ECardIssuer,
  type IssueECardOptions,
} from './ecard/e-card-issuer';
export { registerTerminal, type RegisterTerminalOptions } from './terminals/register';
export { demoPeople, demoCards, type DemoPerson } from './seed/demo-people';
export {
  DEMO_HALL_ID,
  DEMO_HALL_NAME_EN,
  demoHall,
  demoHallProfile,
  demoStaff,
  demoStaffCredentials,
  hallProfileFromEnv,
  type HallProfile,
} from './seed/hall';
export { seedDatabase, isEmpty } from './seed/seed-database';
export { demoSeedParams, DEMO_POPULATION } from './seed/params';
export type { SeedParams } from './seed/types';

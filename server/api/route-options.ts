/** What the hall routes are built from (buildServer fills it in). */
import type { CertificationConfig } from '../certification/config';
import type { Database } from '../db/types';
import type { ECardIssuer } from '../ecard/e-card-issuer';
import type { TerminalAuthConfig } from '../terminals/auth-config';
import type { PaymentConfig } from '../payment/config';

export interface RouteOptions {
  database: Database;
  /** Server-side session idle expiry, refreshed by each session request. */
  sessionIdleMs: number;
  /** Verifies electronic social security card codes. */
  eCard: ECardIssuer;
  /** Face certification settings. */
  certification: CertificationConfig;
  /** The clock for service days, ticket times and command expiry (tests inject one). */
  now?: (() => Date) | undefined;
  /** Active tickets per person, category and day (default 1; 0: no limit). */
  queueMaxActivePerPerson?: number | undefined;
  /** No-shows within 90 days that pause a person's booking for 30 days (default 3; 0: never). */
  appointmentNoShowLimit?: number | undefined;
  /** The hall's name in English for English-mode screens (HALL_NAME_EN); absent: screens show the Chinese name. */
  hallNameEn?: string | undefined;
  /** The base of follow-page URLs in QR codes (default: the scheme and host the terminal called). */
  publicBaseUrl?: string | undefined;
  /** How often each instance checks for new commands while terminals long-poll (default 250 ms). */
  commandPollMs?: number | undefined;
  /** How terminals authenticate (issue 14: keys and signed requests); default: defaultTerminalAuthConfig. */
  terminalAuth?: TerminalAuthConfig | undefined;
  /** Payment: the channel, limits and payer checks (absent: payment closed). */
  payment?: PaymentConfig | undefined;
}

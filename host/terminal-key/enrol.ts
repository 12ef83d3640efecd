/**
 * Enrols the terminal's public key with the hall server (idempotent), so that from then on only
 * signed requests are accepted for it. Tried at start and with each profile refresh until it is done
 * or cannot be done: an older server without the route keeps the secret; a server that holds another
 * key for this terminal wants it re-registered (logged; requests then fail as unauthorized).
 */
import { KioskError } from '../../contracts/errors';
import { terminalKeyRoutes } from '../../contracts/terminal-keys';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { TerminalCredentials } from './credentials';

export type EnrolmentState = 'pending' | 'enrolled' | 'unsupported' | 'refused';

/** Tries to enrol; the state says whether to try again. */
export class KeyEnrolment {
  state: EnrolmentState = 'pending';

  constructor(
    private readonly hall: HallClient,
    private readonly credentials: TerminalCredentials,
  ) {
    if (!credentials.signs) this.state = 'unsupported';
  }

  /** One attempt when still pending; never throws. */
  async attempt(): Promise<EnrolmentState> {
    if (this.state !== 'pending') return this.state;
    try {
      const body = await this.credentials.enrolmentRequest();
      const answer = await this.hall.call(terminalKeyRoutes.enrolTerminalKey, { body });
      this.credentials.keyConfirmed();
      this.state = 'enrolled';
      log.info('host', `terminal key ${answer.fingerprint.slice(0, 16)}… enrolled; requests are signed`);
    } catch (error) {
      const code = error instanceof KioskError ? error.code : null;
      if (code === 'notFound') {
        this.state = 'unsupported';
        log.warn('host', 'the hall server does not take terminal keys yet: the terminal secret is used');
      } else if (code === 'conflict' || code === 'unauthorized') {
        this.state = code === 'conflict' ? 'refused' : 'pending';
        log.error('host', `the hall server refused this terminal's key (${code}): re-register the terminal`, error);
      } else if (code !== 'serverUnreachable') {
        log.error('host', 'the terminal key could not be enrolled', error);
        if (!(error instanceof KioskError)) this.state = 'refused';
      }
    }
    return this.state;
  }
}

/**
 * The citizen session on this terminal: opened from a card or an e-card code, ended by card-out, "exit",
 * inactivity or a fault. Ending wipes the session's state here, tells the renderer, and
 * closes it on the hall server.
 */
import {
  KioskError,
  type CardLeft,
  type CardProblem,
  type IdentifiedBy,
  type OpenSessionRequest,
  type PersonView,
  type SessionEndReason,
  type SessionView,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';
import type { HostEvents } from '../events';
import { log } from '../log';

interface OpenSession {
  sessionId: string;
  person: PersonView;
  identifiedBy: IdentifiedBy;
  /** Which card opened it, so the same card staying in the field does not reopen it. */
  cardKey: string;
  /** What opened it, kept so a card left in the reader can open the next session with a tap. */
  request: OpenSessionRequest;
  lastActivity: number;
}

/**
 * A card still in its reader after 退出 or a timeout. Its fields stay in this process's memory only
 * while the card lies there (whoever can tap the kiosk could also pull and replace the card); taking
 * the card, a new session or disposal forgets them.
 */
interface CardLeftInReader {
  identifiedBy: 'idCard' | 'ssCard';
  cardKey: string;
  request: OpenSessionRequest;
}

export interface SessionManagerOptions {
  hall: Pick<HallClient, 'openSession' | 'closeSession'>;
  events: HostEvents;
  timeoutMs: number;
  now?: () => number;
}

/** Owns the one citizen session a terminal can have at a time. */
export class SessionManager {
  private current: OpenSession | null = null;
  /** Bumped whenever a pending open must be abandoned (card pulled while the server answers). */
  private generation = 0;
  private openingKey: string | null = null;
  private left: CardLeftInReader | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The session id for calls to the hall server; throws `noSession` when none is open. */
  requireSessionId(): string {
    if (!this.current) throw new KioskError('noSession', 'no session is open');
    return this.current.sessionId;
  }

  /** The session as the renderer sees it, or null. */
  view(): SessionView | null {
    const s = this.current;
    if (!s) return null;
    const left = Math.max(0, this.options.timeoutMs - (this.now() - s.lastActivity));
    return {
      person: s.person,
      identifiedBy: s.identifiedBy,
      timeoutMs: this.options.timeoutMs,
      expiresInMs: Math.round(left),
    };
  }

  /** A resident ID card was read: open a session for its holder. */
  openFromIdCard(card: { idNumber: string; name: string }): Promise<void> {
    return this.openFromCard('idCard', card);
  }

  /** A social security card was read: open a session for its holder, exactly as for an ID card. */
  openFromSsCard(card: { idNumber: string; name: string }): Promise<void> {
    return this.openFromCard('ssCard', card);
  }

  /**
   * An electronic social security card code was scanned: open a session for its holder once the
   * hall server has verified it. There is no card to pull: the session ends by 退出 or timeout.
   */
  openFromECard(code: { text: string; signedPart: string }): Promise<void> {
    return this.open('eSsCard', `eSsCard:${code.signedPart}`, { identifiedBy: 'eSsCard', code: code.text });
  }

  private openFromCard(identifiedBy: 'idCard' | 'ssCard', card: { idNumber: string; name: string }): Promise<void> {
    return this.open(identifiedBy, `${identifiedBy}:${card.idNumber}`, {
      identifiedBy,
      idNumber: card.idNumber,
      name: card.name,
    });
  }

  /**
   * Opens a session unless this card (or code) already has one or is being opened; any other
   * session is ended first, as when a new card is placed.
   */
  private async open(identifiedBy: IdentifiedBy, cardKey: string, request: OpenSessionRequest): Promise<void> {
    if (this.current?.cardKey === cardKey || this.openingKey === cardKey) return;
    if (this.current) this.end('cardRemoved');
    const generation = ++this.generation;
    this.openingKey = cardKey;
    try {
      const opened = await this.options.hall.openSession(request);
      if (generation !== this.generation) {
        // The card left while the server was answering: close what was opened, show nothing.
        this.closeOnServer(opened.sessionId);
        return;
      }
      this.current = {
        sessionId: opened.sessionId,
        person: opened.person,
        identifiedBy,
        cardKey,
        request,
        lastActivity: this.now(),
      };
      this.forgetCardLeft();
      this.armTimer();
      log.info('session', `opened (${identifiedBy})`);
      this.options.events.emit('sessionChanged', { session: this.view(), endReason: null });
    } catch (error) {
      if (generation !== this.generation) return;
      const code = problemCode(error, identifiedBy);
      log.warn('session', `${identifiedBy} could not open a session: ${code}`);
      this.options.events.emit('cardProblem', { code });
    } finally {
      if (generation === this.generation) this.openingKey = null;
    }
  }

  /** A card left its reader. An e-card session has no card, so it is not ended by this. */
  cardRemoved(): void {
    const isECard = (key: string | null | undefined) => key?.startsWith('eSsCard:') === true;
    if (this.openingKey && !isECard(this.openingKey)) {
      this.generation++;
      this.openingKey = null;
    }
    if (this.current && !isECard(this.current.cardKey)) this.end('cardRemoved');
    this.forgetCardLeft();
  }

  /** The card left in the reader after the last session, as the renderer may know it. */
  cardLeft(): CardLeft {
    return { card: this.left?.identifiedBy ?? null };
  }

  /** Opens a session again from the card still in the reader; `notFound` when none is left. */
  async resumeWithCardLeft(): Promise<void> {
    const left = this.left;
    if (!left) throw new KioskError('notFound', 'no card is left in a reader');
    if (this.current) return;
    await this.open(left.identifiedBy, left.cardKey, left.request);
  }

  private forgetCardLeft(): void {
    if (!this.left) return;
    this.left = null;
    this.options.events.emit('cardLeft', { card: null });
  }

  /** The person is still there: restart the inactivity countdown. */
  touch(): SessionView | null {
    if (!this.current) return null;
    this.current.lastActivity = this.now();
    this.armTimer();
    return this.view();
  }

  /**
   * Runs a hall call of the open session: a success counts as activity; a session the server no
   * longer knows (ended, expired) ends here too, rather than leave a half-open screen.
   */
  async withSession<T>(run: (sessionId: string) => Promise<T>): Promise<T> {
    const sessionId = this.requireSessionId();
    try {
      const value = await run(sessionId);
      this.touch();
      return value;
    } catch (error) {
      if (error instanceof KioskError && (error.code === 'sessionExpired' || error.code === 'noSession'))
        this.end('error');
      throw error;
    }
  }

  /** Ends the open session (if any), wipes it, and tells the renderer why. */
  end(reason: SessionEndReason): void {
    const s = this.current;
    if (!s) return;
    this.current = null;
    this.clearTimer();
    log.info('session', `ended (${reason})`);
    this.options.events.emit('sessionChanged', { session: null, endReason: reason });
    // 退出 or a timeout leaves a physical card where it was: remind the person, and let a tap reuse it.
    if ((reason === 'exit' || reason === 'timeout') && s.identifiedBy !== 'eSsCard') {
      this.left = { identifiedBy: s.identifiedBy, cardKey: s.cardKey, request: s.request };
      this.options.events.emit('cardLeft', { card: s.identifiedBy });
    }
    this.closeOnServer(s.sessionId);
  }

  /** Stops timers; ends any session. */
  dispose(): void {
    this.generation++;
    this.end('outOfService');
    this.left = null;
    this.clearTimer();
  }

  private closeOnServer(sessionId: string): void {
    // The server also expires idle sessions, so a close lost to a network fault is not a leak.
    this.options.hall
      .closeSession(sessionId)
      .catch((error: unknown) => log.warn('session', 'close on the hall server failed', error));
  }

  private armTimer(): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.end('timeout'), this.options.timeoutMs);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The problem the person is told about; an e-card's refusals get their own sentences. */
function problemCode(error: unknown, identifiedBy: IdentifiedBy): CardProblem['code'] {
  if (error instanceof KioskError) {
    if (error.code === 'personNotFound' || error.code === 'serverUnreachable') return error.code;
    if (error.code === 'eCardExpired') return 'eCardExpired';
    if (error.code === 'invalidRequest' || error.code === 'cardInvalid')
      return identifiedBy === 'eSsCard' ? 'eCardInvalid' : 'cardInvalid';
  }
  return 'internal';
}

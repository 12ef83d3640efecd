/**
 * The host's client for the hall server: every call names its route in the contract's table
 * (`hall.call(hallRoutes.openSession, { body })`), so paths, input and answer are typed from one
 * place; the terminal credential, timeouts and errors as KioskError codes are handled here.
 */
import {
  ErrorBody,
  type HallRoute,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type InsuranceSummary,
  KioskError,
  type OpenSessionRequest,
  type OpenSessionResponse,
  type RouteCall,
  type RouteResult,
  type TerminalProfile,
  hallRoutes,
  routeUrl,
} from '../../contracts';
import { TerminalCredentials } from '../terminal-key/credentials';

export interface HallClientOptions {
  baseUrl: string;
  terminalId: string;
  terminalSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** The terminal's key and secret, shared by its clients; default: the secret alone (no key). */
  credentials?: TerminalCredentials;
}

/** Calls the hall server on behalf of one terminal. */
export class HallClient {
  private readonly fetchImpl: typeof fetch;
  private readonly credentials: TerminalCredentials;

  constructor(private readonly options: HallClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.credentials =
      options.credentials ??
      new TerminalCredentials({ terminalId: options.terminalId, secret: options.terminalSecret, keyStore: null });
  }

  /** This terminal's profile; also proves the credential works. */
  terminalProfile(): Promise<TerminalProfile> {
    return this.call(hallRoutes.terminalProfile, {});
  }

  /** Reports this terminal's state; the answer says whether the server keeps it in service. */
  heartbeat(body: HeartbeatRequest): Promise<HeartbeatResponse> {
    return this.call(hallRoutes.heartbeat, { body });
  }

  /** Opens a citizen session from a card read on this terminal. */
  openSession(body: OpenSessionRequest): Promise<OpenSessionResponse> {
    return this.call(hallRoutes.openSession, { body });
  }

  /** Closes a session (idempotent on the server). */
  closeSession(sessionId: string): Promise<void> {
    return this.call(hallRoutes.closeSession, { params: { sessionId } });
  }

  /** The insurance summary of the session's person. */
  summary(sessionId: string): Promise<InsuranceSummary> {
    return this.call(hallRoutes.sessionSummary, { params: { sessionId } });
  }

  /**
   * One call to a route of the contract's table: the answer parsed by the route's response schema,
   * failures as KioskError codes. Service areas build their clients on this (`host/<area>/`).
   * `options.headers` are sent as well (the credential and content type cannot be overridden).
   */
  async call<R extends HallRoute>(
    route: R,
    input: RouteCall<R>,
    options: HallRequestOptions = {},
  ): Promise<RouteResult<R>> {
    const answer = await this.send(route, input, options, false);
    if (answer.notModified) throw new KioskError('internal', `${route.method} ${route.path}: unexpected 304`);
    return answer.value;
  }

  /**
   * A conditional GET: sends `If-None-Match` with the entity tag held (when there is one) and
   * answers `{ notModified: true }` on 304, so a copy that is still current is not downloaded again.
   */
  callIfChanged<R extends HallRoute>(
    route: R,
    input: RouteCall<R>,
    etag: string | null,
  ): Promise<Conditional<RouteResult<R>>> {
    const headers: Record<string, string> = etag ? { 'if-none-match': `"${etag}"` } : {};
    return this.send(route, input, { headers }, true);
  }

  private async send<R extends HallRoute>(
    route: R,
    input: RouteCall<R>,
    options: HallRequestOptions,
    allowNotModified: boolean,
  ): Promise<Conditional<RouteResult<R>>> {
    const { method } = route;
    const { params, query, body } = input as { params?: Record<string, string>; query?: object; body?: unknown };
    // Errors name the route's pattern, never the filled-in path (it may carry a session or case number).
    const where = `${method} ${route.path}`;
    const url = new URL(routeUrl(route.path, params), this.options.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const request = async (): Promise<Response> => {
      // Signed afresh on every attempt: a new time and nonce (contracts/terminal-keys.ts).
      const credential = await this.credentials.headersFor(method, url.pathname + url.search, bodyText);
      try {
        return await this.fetchImpl(url, {
          method,
          headers: {
            ...options.headers,
            ...credential,
            ...(bodyText === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: bodyText,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch {
        throw new KioskError('serverUnreachable', `${where}: no answer from the hall server`);
      }
    };
    let response = await request();
    // A signature refused for a clock that is off: once more on the server's time.
    if (this.credentials.learnServerTime(response.headers.get('date')) && response.status === 401) {
      await response.text().catch(() => '');
      response = await request();
    }
    const text = await response.text().catch(() => '');
    if (allowNotModified && response.status === 304) return { notModified: true };
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      if (parsed.success) throw new KioskError(parsed.data.code, `${where}: ${parsed.data.message}`);
      throw new KioskError(
        response.status >= 500 ? 'serverUnreachable' : 'internal',
        `${where}: HTTP ${response.status}`,
      );
    }
    const etag = response.headers.get('etag')?.replace(/^W\//, '').replace(/^"|"$/g, '') ?? null;
    const schema = route.response.schema;
    if (schema === null) return { notModified: false, value: undefined as RouteResult<R>, etag };
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new KioskError('internal', `${where}: the hall server's answer does not match the contract`);
    return { notModified: false, value: parsed.data as RouteResult<R>, etag };
  }
}

/** Extra headers for one call. */
export interface HallRequestOptions {
  headers?: Record<string, string>;
}

/** The answer to a conditional GET: the copy held is current, or here is the new one (with its entity tag). */
export type Conditional<T> = { notModified: true } | { notModified: false; value: T; etag: string | null };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The host's client for the hall server: terminal credential, timeouts, errors as KioskError codes. */
import {
  ErrorBody,
  HeartbeatResponse,
  InsuranceSummary,
  KioskError,
  OpenSessionResponse,
  TerminalProfile,
  type HeartbeatRequest,
  type OpenSessionRequest,
} from '../../contracts';
import type { z } from 'zod';

export interface HallClientOptions {
  baseUrl: string;
  terminalId: string;
  terminalSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Calls the hall server on behalf of one terminal. */
export class HallClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HallClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** This terminal's profile; also proves the credential works. */
  terminalProfile(): Promise<TerminalProfile> {
    return this.request('GET', '/api/v1/terminal', undefined, TerminalProfile);
  }

  /** Reports this terminal's state; the answer says whether the server keeps it in service. */
  heartbeat(body: HeartbeatRequest): Promise<HeartbeatResponse> {
    return this.request('POST', '/api/v1/terminal/heartbeat', body, HeartbeatResponse);
  }

  /** Opens a citizen session from a card read on this terminal. */
  openSession(body: OpenSessionRequest): Promise<OpenSessionResponse> {
    return this.request('POST', '/api/v1/sessions', body, OpenSessionResponse);
  }

  /** Closes a session (idempotent on the server). */
  async closeSession(sessionId: string): Promise<void> {
    await this.request('DELETE', `/api/v1/sessions/${encodeURIComponent(sessionId)}`, undefined, null);
  }

  /** The insurance summary of the session's person. */
  summary(sessionId: string): Promise<InsuranceSummary> {
    return this.request(
      'GET',
      `/api/v1/sessions/${encodeURIComponent(sessionId)}/summary`,
      undefined,
      InsuranceSummary,
    );
  }

  /**
   * One call to the hall server: answers parsed by `schema` (null: no body expected), failures
   * as KioskError codes. Service areas build their clients on this (`host/<area>/…-client.ts`).
   * `options.headers` are sent as well (the credential and content type cannot be overridden).
   */
  async request<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options?: HallRequestOptions,
  ): Promise<T>;
  async request(method: string, path: string, body: unknown, schema: null, options?: HallRequestOptions): Promise<void>;
  async request<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T> | null,
    options: HallRequestOptions = {},
  ): Promise<T | void> {
    const answer = await this.send(method, path, body, schema, options, false);
    if (answer.notModified) throw new KioskError('internal', `${method} ${path}: unexpected 304`);
    return answer.value;
  }

  /**
   * A conditional GET: sends `If-None-Match` with the entity tag held (when there is one) and
   * answers `{ notModified: true }` on 304, so a copy that is still current is not downloaded again.
   */
  async requestIfChanged<T>(path: string, schema: z.ZodType<T>, etag: string | null): Promise<Conditional<T>> {
    const headers: Record<string, string> = etag ? { 'if-none-match': `"${etag}"` } : {};
    // With a schema (never null here) the value is always a parsed T.
    return this.send('GET', path, undefined, schema, { headers }, true) as Promise<Conditional<T>>;
  }

  private async send<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T> | null,
    options: HallRequestOptions,
    allowNotModified: boolean,
  ): Promise<Conditional<T | void>> {
    const url = new URL(path, this.options.baseUrl);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          ...options.headers,
          authorization: `Bearer ${this.options.terminalId}.${this.options.terminalSecret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      throw new KioskError('serverUnreachable', `${method} ${path}: no answer from the hall server`);
    }
    const text = await response.text().catch(() => '');
    if (allowNotModified && response.status === 304) return { notModified: true };
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      if (parsed.success) throw new KioskError(parsed.data.code, `${method} ${path}: ${parsed.data.message}`);
      throw new KioskError(
        response.status >= 500 ? 'serverUnreachable' : 'internal',
        `${method} ${path}: HTTP ${response.status}`,
      );
    }
    const etag = response.headers.get('etag')?.replace(/^W\//, '').replace(/^"|"$/g, '') ?? null;
    if (schema === null) return { notModified: false, value: undefined, etag };
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new KioskError('internal', `${method} ${path}: the hall server's answer does not match the contract`);
    return { notModified: false, value: parsed.data, etag };
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

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
   */
  async request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  async request(method: string, path: string, body: unknown, schema: null): Promise<void>;
  async request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T> | null): Promise<T | void> {
    const url = new URL(path, this.options.baseUrl);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
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
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      if (parsed.success) throw new KioskError(parsed.data.code, `${method} ${path}: ${parsed.data.message}`);
      throw new KioskError(
        response.status >= 500 ? 'serverUnreachable' : 'internal',
        `${method} ${path}: HTTP ${response.status}`,
      );
    }
    if (schema === null) return;
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new KioskError('internal', `${method} ${path}: the hall server's answer does not match the contract`);
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

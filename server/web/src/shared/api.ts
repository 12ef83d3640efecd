/**
 * The pages' only way out: fetch to this same server's HTTP API (the CSP allows nothing else).
 * Every answer is checked against its contract schema; failures become an `ApiError` with the
 * server's error code, so a page can say a plain sentence instead of showing a stack trace.
 */
import type { z } from 'zod';
import { ErrorBody, type ErrorCode } from '../../../../contracts/errors';

/** A failed request: the server's code, or `serverUnreachable` when there was no answer at all. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** Fills `:name` placeholders of a contract path. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export interface RequestOptions {
  params?: Record<string, string>;
  body?: unknown;
  /** Staff token, sent as a bearer credential. */
  token?: string | null;
  signal?: AbortSignal;
}

/** Calls one route; parses the answer with `schema` (204 answers give `undefined`). */
export async function apiRequest<S extends z.ZodType>(
  route: { method: string; path: string },
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(fillPath(route.path, options.params), {
      method: route.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('serverUnreachable', 0);
  }
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
    throw new ApiError(parsed.success ? parsed.data.code : 'internal', response.status);
  }
  if (response.status === 204) return undefined as z.infer<S>;
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ApiError('internal', response.status);
  return parsed.data;
}

/** A plain sentence for each error a page can meet. */
export function errorText(error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'internal';
  switch (code) {
    case 'unauthorized':
      return '工号或密码不对，或登录已过期，请重新登录';
    case 'forbidden':
      return '您没有这项操作的权限';
    case 'rateLimited':
      return '尝试次数过多，请稍后再试';
    case 'conflict':
      return '该号码状态已变化，请看最新队列';
    case 'notFound':
      return '没有找到';
    case 'serverUnreachable':
      return '连接不上服务器，正在重试';
    case 'invalidRequest':
      return '输入有误，请检查后再试';
    case 'providerUnavailable':
      return '支付渠道暂时连不上，没有发生扣款或退款，请稍后再试';
    default:
      return '出了点问题，请稍后再试';
  }
}

/** Validates a call against a method table and runs its handler; errors become reply envelopes. */
import type { z } from 'zod';
import { KioskError, type KioskReply } from '../contracts';
import { log } from './log';

type MethodTable = Record<string, { params: z.ZodType; result: z.ZodType }>;
type Handlers<T extends MethodTable> = {
  [M in keyof T]: (params: z.infer<T[M]['params']>) => Promise<z.infer<T[M]['result']>>;
};

/** A function that takes a raw method name and raw params from an untrusted caller and never throws. */
export type Dispatch = (method: string, params: unknown) => Promise<KioskReply>;

/** Builds the dispatcher for one API (the KioskApi, or the simulator's). */
export function createDispatcher<T extends MethodTable>(table: T, handlers: Handlers<T>): Dispatch {
  return async (method, params) => {
    if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(table, method)) {
      return { ok: false, error: { code: 'invalidRequest', message: 'unknown method' } };
    }
    const entry = table[method]!;
    const parsed = entry.params.safeParse(params ?? {});
    if (!parsed.success) {
      // Name the paths that failed, never the values: they may hold personal data.
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(params)').join(', ');
      return { ok: false, error: { code: 'invalidRequest', message: `${method}: invalid params at ${where}` } };
    }
    try {
      const value = await handlers[method as keyof T](parsed.data as never);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof KioskError) return { ok: false, error: error.toBody() };
      log.error('dispatch', `${method} failed unexpectedly`, error);
      return { ok: false, error: { code: 'internal', message: `${method} failed` } };
    }
  };
}

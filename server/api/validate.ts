/** Request input checked against the contracts' zod schemas; failures become 400 `invalidRequest`. */
import type { z } from 'zod';
import { KioskError } from '../../contracts/errors';

/** The parsed value, or a KioskError naming the offending fields (never their values). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'params' | 'query',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : where;
    return `${field}: ${issue.code}`;
  });
  throw new KioskError('invalidRequest', `invalid ${where} (${issues.join('; ')})`);
}

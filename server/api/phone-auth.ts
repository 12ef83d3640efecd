/** The phone page's session check as a Fastify `onRequest` hook, and the booker it proved. */
import type { FastifyRequest } from 'fastify';
import { KioskError } from '../../contracts/errors';
import type { Booker } from '../appointments/book';
import { phoneBooker } from '../appointments/phone-session';
import type { Db } from '../db/types';

const bookers = new WeakMap<FastifyRequest, Booker>();

/** An `onRequest` hook: 401 unless the request carries a live phone session token for the path's hall. */
export function phoneAuth(db: Db, now: () => Date): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const hallId = (request.params as { hallId?: unknown }).hallId;
    const booker = await phoneBooker(
      db,
      typeof hallId === 'string' ? hallId : '',
      request.headers.authorization,
      now(),
    );
    bookers.set(request, booker);
  };
}

/** The person that `phoneAuth` proved for this request. */
export function phoneOf(request: FastifyRequest): Booker {
  const booker = bookers.get(request);
  if (!booker) throw new KioskError('unauthorized', 'no phone session');
  return booker;
}

/** The terminal credential check as a Fastify `onRequest` hook, and the terminal it proved. */
import type { FastifyRequest } from 'fastify';
import { KioskError } from '../../contracts/errors';
import type { Db } from '../db/types';
import { type AuthenticatedTerminal, authenticateTerminal } from '../terminals/authenticate';

const terminals = new WeakMap<FastifyRequest, AuthenticatedTerminal>();

/** An `onRequest` hook: 401 unless the request carries a valid terminal credential. */
export function terminalAuth(db: Db): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    terminals.set(request, await authenticateTerminal(db, request.headers.authorization));
  };
}

/** The terminal that `terminalAuth` proved for this request. */
export function terminalOf(request: FastifyRequest): AuthenticatedTerminal {
  const terminal = terminals.get(request);
  if (!terminal) throw new KioskError('unauthorized', 'no terminal credential');
  return terminal;
}

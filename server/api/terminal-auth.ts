/**
 * The terminal credential check as Fastify hooks, and the terminal it proved. `onRequest` checks the
 * credential before the body is read (a signed request: time, nonce and the signature over the body
 * hash the terminal claims); `preParsing` hashes the body bytes as they stream into the parser, and
 * `preValidation` refuses the request when they are not the bytes that were signed.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { KioskError } from '../../contracts/errors';
import type { Db } from '../db/types';
import type { TerminalAuthConfig } from '../terminals/auth-config';
import { type AuthenticatedTerminal, authenticateTerminal, refuseTerminal } from '../terminals/authenticate';

const terminals = new WeakMap<FastifyRequest, AuthenticatedTerminal>();
const bodyHashes = new WeakMap<FastifyRequest, Hash>();

/** The hooks of a terminal route. */
export interface TerminalAuthHooks {
  onRequest: (request: FastifyRequest) => Promise<void>;
  preParsing: preParsingAsyncHookHandler;
  preValidation: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** Hooks that answer 401 unless the request carries a valid terminal credential (and, signed, its signed body). */
export function terminalAuth(db: Db, config: TerminalAuthConfig): TerminalAuthHooks {
  const sweep = { lastMs: 0 };
  return {
    async onRequest(request) {
      terminals.set(request, await authenticateTerminal(db, request, config, Date.now(), sweep));
    },
    async preParsing(request, _reply, payload) {
      if (!terminals.get(request)?.signedBodySha256) return payload;
      const hash = createHash('sha256');
      bodyHashes.set(request, hash);
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      payload.on('error', (error) => hashing.destroy(error));
      return payload.pipe(hashing);
    },
    async preValidation(request) {
      const terminal = terminals.get(request);
      if (!terminal?.signedBodySha256) return;
      // A request without a body never streams through the hash: its bytes are the empty string's.
      const actual = (bodyHashes.get(request) ?? createHash('sha256')).digest('hex');
      if (actual !== terminal.signedBodySha256) await refuseTerminal(db, 'bodyMismatch', terminal.terminalId);
    },
  };
}

/** The terminal that `terminalAuth` proved for this request. */
export function terminalOf(request: FastifyRequest): AuthenticatedTerminal {
  const terminal = terminals.get(request);
  if (!terminal) throw new KioskError('unauthorized', 'no terminal credential');
  return terminal;
}

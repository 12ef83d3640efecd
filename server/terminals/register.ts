/**
 * Registers a terminal (or rotates its secret): the secret is returned once, only its hash is kept.
 * Re-registering also forgets the terminal's enrolled key: the terminal (or its replacement) then
 * enrols a new one with the new secret, and the old key signs nothing any more.
 */
import { eq } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { audit } from '../audit/audit';
import { halls, terminalKeys, terminalRequestNonces, terminals } from '../db/schema';
import type { Db } from '../db/types';
import { hashTerminalSecret, newTerminalSecret } from './credential';

/** What identifies a terminal to register. */
export interface RegisterTerminalOptions {
  terminalId: string;
  hallId: string;
  location?: string;
}

/** Creates or re-keys the terminal, enables it, and returns its fresh secret. */
export async function registerTerminal(db: Db, options: RegisterTerminalOptions): Promise<string> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.terminalId)) {
    throw new KioskError('invalidRequest', 'terminalId must be 1-64 letters, digits, _ or -');
  }
  const hall = await db.select({ id: halls.id }).from(halls).where(eq(halls.id, options.hallId));
  if (hall.length === 0) throw new KioskError('notFound', `no hall ${options.hallId}`);
  const secret = newTerminalSecret();
  const credentialHash = hashTerminalSecret(secret);
  await db
    .insert(terminals)
    .values({ id: options.terminalId, hallId: options.hallId, location: options.location, credentialHash })
    .onConflictDoUpdate({
      target: terminals.id,
      set: {
        hallId: options.hallId,
        credentialHash,
        enabled: true,
        ...(options.location ? { location: options.location } : {}),
      },
    });
  await db.delete(terminalKeys).where(eq(terminalKeys.terminalId, options.terminalId));
  await db.delete(terminalRequestNonces).where(eq(terminalRequestNonces.terminalId, options.terminalId));
  await audit(db, {
    actorKind: 'system',
    terminalId: options.terminalId,
    action: 'terminal.register',
    result: 'ok',
    subjectId: options.terminalId,
  });
  return secret;
}

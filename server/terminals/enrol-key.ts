/** Enrols a terminal's public key: once per registration; the same key again is answered alike. */
import { sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import {
  type EnrolTerminalKeyRequest,
  type EnrolTerminalKeyResponse,
  enrolmentString,
} from '../../contracts/terminal-keys';
import { audit } from '../audit/audit';
import type { Db } from '../db/types';
import { keyFingerprint, verifySignature } from './signature';

/**
 * Stores the key unless the terminal has one already. The proof (the new key's signature of its own
 * enrolment) shows the terminal holds the private key; without it, anyone with the secret could
 * enrol a key they only copied. A different key for a keyed terminal is 409: a key is replaced only
 * by re-registering the terminal (server/terminals/register.ts), never by the terminal itself.
 */
export async function enrolTerminalKey(
  db: Db,
  terminalId: string,
  body: EnrolTerminalKeyRequest,
): Promise<EnrolTerminalKeyResponse> {
  if (!verifySignature(body.publicKey, enrolmentString(terminalId, body.publicKey), body.proof)) {
    throw new KioskError('invalidRequest', 'the proof is not this key’s signature of its enrolment');
  }
  const fingerprint = keyFingerprint(body.publicKey);
  const result = (await db.execute(sql`
    with added as (
      insert into terminal_keys (terminal_id, algorithm, public_key, fingerprint)
      values (${terminalId}, ${body.algorithm}, ${body.publicKey}, ${fingerprint})
      on conflict (terminal_id) do nothing
      returning fingerprint, enrolled_at, true as added
    )
    select fingerprint, enrolled_at, added from added
    union all
    select fingerprint, enrolled_at, false from terminal_keys
    where terminal_id = ${terminalId} and not exists (select 1 from added)`)) as unknown as {
    rows: { fingerprint: string; enrolled_at: string | Date; added: boolean }[];
  };
  const row = result.rows[0];
  if (!row) throw new KioskError('internal', 'the key was neither stored nor found');
  if (row.fingerprint !== fingerprint) {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action: 'terminal.keyEnrol',
      result: 'conflict',
      detail: { fingerprint },
    });
    throw new KioskError('conflict', 'this terminal already has another key: re-register it to replace the key');
  }
  if (row.added) {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action: 'terminal.keyEnrol',
      result: 'ok',
      detail: { fingerprint },
    });
  }
  return { fingerprint, enrolledAt: new Date(row.enrolled_at).toISOString() };
}

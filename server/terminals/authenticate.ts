/** Terminal authentication from the `Authorization: Bearer <terminalId>.<secret>` header. */
import { sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { parseTerminalCredential } from '../../contracts/hall-api';
import { audit } from '../audit/audit';
import type { Db } from '../db/types';
import { hashTerminalSecret, verifyTerminalSecret } from './credential';

/** The authenticated terminal, with its hall. */
export interface AuthenticatedTerminal {
  terminalId: string;
  hallId: string;
  hallName: string;
  hallTimeZone: string;
  inService: boolean;
}

/** Why authentication failed; recorded in the audit log, never told to the caller. */
type Failure = 'malformed' | 'unknownTerminal' | 'badSecret' | 'disabled';

/** `last_seen_at` is written at most this often per terminal. */
const LAST_SEEN_EVERY_S = 30;

/** The terminal the header proves, or a 401 `unauthorized` KioskError (audited). */
export async function authenticateTerminal(db: Db, header: string | undefined): Promise<AuthenticatedTerminal> {
  const credential = parseTerminalCredential(header);
  const fail = async (reason: Failure, terminalId: string | null): Promise<never> => {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action: 'terminal.auth',
      result: 'unauthorized',
      detail: { reason },
    });
    throw new KioskError('unauthorized', 'terminal credential missing or not accepted');
  };
  if (!credential) return fail('malformed', null);
  const hash = hashTerminalSecret(credential.secret);
  // One round trip: the lookup, and `last_seen_at` touched (at most every LAST_SEEN_EVERY_S) only when
  // the secret's hash matches and the terminal is enabled. The secret itself is still compared in
  // constant time below; the hash match in SQL only decides the touch.
  const result = (await db.execute(sql`
    with touched as (
      update terminals set last_seen_at = now()
      where id = ${credential.terminalId} and credential_hash = ${hash} and enabled
        and (last_seen_at is null or last_seen_at < now() - make_interval(secs => ${LAST_SEEN_EVERY_S}))
    )
    select t.id as terminal_id, t.hall_id, h.name as hall_name, h.time_zone as hall_time_zone,
      t.in_service, t.enabled, t.credential_hash
    from terminals t join halls h on h.id = t.hall_id
    where t.id = ${credential.terminalId}`)) as unknown as {
    rows: {
      terminal_id: string;
      hall_id: string;
      hall_name: string;
      hall_time_zone: string;
      in_service: boolean;
      enabled: boolean;
      credential_hash: string | null;
    }[];
  };
  const found = result.rows[0];
  const row = found && {
    terminalId: found.terminal_id,
    hallId: found.hall_id,
    hallName: found.hall_name,
    hallTimeZone: found.hall_time_zone,
    inService: found.in_service,
    enabled: found.enabled,
    credentialHash: found.credential_hash,
  };
  const ok = verifyTerminalSecret(credential.secret, row?.credentialHash ?? null);
  if (!row) return fail('unknownTerminal', credential.terminalId);
  if (!ok) return fail('badSecret', row.terminalId);
  if (!row.enabled) return fail('disabled', row.terminalId);
  return {
    terminalId: row.terminalId,
    hallId: row.hallId,
    hallName: row.hallName,
    hallTimeZone: row.hallTimeZone,
    inService: row.inService,
  };
}

/** Terminal authentication from the `Authorization: Bearer <terminalId>.<secret>` header. */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { parseTerminalCredential } from '../../contracts/hall-api';
import { audit } from '../audit/audit';
import { halls, terminals } from '../db/schema';
import type { Db } from '../db/types';
import { verifyTerminalSecret } from './credential';

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
  const [row] = await db
    .select({
      terminalId: terminals.id,
      hallId: terminals.hallId,
      hallName: halls.name,
      hallTimeZone: halls.timeZone,
      inService: terminals.inService,
      enabled: terminals.enabled,
      credentialHash: terminals.credentialHash,
    })
    .from(terminals)
    .innerJoin(halls, eq(halls.id, terminals.hallId))
    .where(eq(terminals.id, credential.terminalId));
  const ok = verifyTerminalSecret(credential.secret, row?.credentialHash ?? null);
  if (!row) return fail('unknownTerminal', credential.terminalId);
  if (!ok) return fail('badSecret', row.terminalId);
  if (!row.enabled) return fail('disabled', row.terminalId);
  await db
    .update(terminals)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(terminals.id, row.terminalId),
        or(
          isNull(terminals.lastSeenAt),
          lt(terminals.lastSeenAt, sql`now() - make_interval(secs => ${LAST_SEEN_EVERY_S})`),
        ),
      ),
    );
  return {
    terminalId: row.terminalId,
    hallId: row.hallId,
    hallName: row.hallName,
    hallTimeZone: row.hallTimeZone,
    inService: row.inService,
  };
}

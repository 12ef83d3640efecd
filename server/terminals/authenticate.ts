/**
 * Terminal authentication. A terminal with an enrolled key must sign every request
 * (contracts/terminal-keys.ts: time, nonce, method, target, body hash); its bare secret is refused
 * (unless within `bearerGraceS` of enrolment). A terminal without a key still authenticates with
 * `Authorization: Bearer <terminalId>.<secret>` (only to enrol a key when `requireKey`).
 */
import { sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { parseTerminalCredential } from '../../contracts/hall-api';
import {
  type SignedHeaders,
  parseSignatureHeaders,
  signedString,
  terminalKeyRoutes,
} from '../../contracts/terminal-keys';
import { audit } from '../audit/audit';
import type { Db } from '../db/types';
import type { TerminalAuthConfig } from './auth-config';
import { verifyTerminalSecret } from './credential';
import { verifySignature } from './signature';

/** The authenticated terminal, with its hall. */
export interface AuthenticatedTerminal {
  terminalId: string;
  hallId: string;
  hallName: string;
  hallTimeZone: string;
  inService: boolean;
  /** How it proved itself: its key's signature, or its registration secret (no key yet, or within the grace). */
  credential: 'signature' | 'bearer';
  /** Signed requests: the body hash the signature covers (checked against the body once it is read). */
  signedBodySha256: string | null;
}

/** Why authentication failed; recorded in the audit log, never told to the caller. */
export type AuthFailure =
  | 'malformed'
  | 'unknownTerminal'
  | 'badSecret'
  | 'disabled'
  | 'staleTime'
  | 'badSignature'
  | 'replayedNonce'
  | 'keyRequired'
  | 'noKeyEnrolled'
  | 'bodyMismatch';

/** What authentication reads of a request. */
export interface TerminalRequest {
  method: string;
  /** The request target as received: path and query string. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** `last_seen_at` is written at most this often per terminal. */
const LAST_SEEN_EVERY_S = 30;

const ENROL_PATH = terminalKeyRoutes.enrolTerminalKey.path;

interface Row {
  terminal_id: string;
  hall_id: string;
  hall_name: string;
  hall_time_zone: string;
  in_service: boolean;
  enabled: boolean;
  credential_hash: string | null;
  public_key: string | null;
  key_age_ms: string | number | null;
  seen_stale: boolean;
  nonce_fresh: boolean;
}

/** Audits a failed authentication and throws 401 `unauthorized`. */
export async function refuseTerminal(db: Db, reason: AuthFailure, terminalId: string | null): Promise<never> {
  await audit(db, {
    actorKind: 'terminal',
    actorId: terminalId,
    terminalId,
    action: 'terminal.auth',
    result: 'unauthorized',
    detail: { reason },
  });
  throw new KioskError('unauthorized', 'terminal credential missing or not accepted');
}

/** The terminal the request proves, or a 401 `unauthorized` KioskError (audited). */
export async function authenticateTerminal(
  db: Db,
  request: TerminalRequest,
  config: TerminalAuthConfig,
  nowMs: number = Date.now(),
  sweep: NonceSweep = processSweep,
): Promise<AuthenticatedTerminal> {
  const header = request.headers.authorization;
  const bearer = parseTerminalCredential(typeof header === 'string' ? header : undefined);
  const signed = parseSignatureHeaders(request.headers);
  const terminalId = signed?.terminalId ?? bearer?.terminalId;
  if (!terminalId || (signed && bearer && signed.terminalId !== bearer.terminalId)) {
    return refuseTerminal(db, 'malformed', terminalId ?? null);
  }
  const windowMs = config.clockWindowS * 1000;
  const timely = signed !== null && Math.abs(nowMs - signed.timeMs) <= windowMs;
  const row = await lookUp(db, terminalId, timely ? signed : null, windowMs, sweep);
  // The secret is compared even for an unknown terminal (against a dummy), so both paths cost the same.
  const secretOk = bearer !== null && verifyTerminalSecret(bearer.secret, row?.credential_hash ?? null);
  if (!row) return refuseTerminal(db, 'unknownTerminal', terminalId);

  let credential: AuthenticatedTerminal['credential'];
  if (row.public_key !== null && signed) {
    if (!timely) return refuseTerminal(db, 'staleTime', terminalId);
    const message = signedString({ ...signed, method: request.method, target: request.url });
    if (!verifySignature(row.public_key, message, signed.signature)) {
      return refuseTerminal(db, 'badSignature', terminalId);
    }
    if (!row.nonce_fresh) return refuseTerminal(db, 'replayedNonce', terminalId);
    credential = 'signature';
  } else if (row.public_key !== null) {
    // A keyed terminal sent its secret alone: a copied secret is not enough (but for the grace).
    if (!secretOk) return refuseTerminal(db, bearer ? 'badSecret' : 'malformed', terminalId);
    if (Number(row.key_age_ms) > config.bearerGraceS * 1000) return refuseTerminal(db, 'keyRequired', terminalId);
    credential = 'bearer';
  } else {
    if (!bearer) return refuseTerminal(db, 'noKeyEnrolled', terminalId);
    if (!secretOk) return refuseTerminal(db, 'badSecret', terminalId);
    const enrolling = request.method === 'POST' && request.url === ENROL_PATH;
    if (config.requireKey && !enrolling) return refuseTerminal(db, 'keyRequired', terminalId);
    credential = 'bearer';
  }
  if (!row.enabled) return refuseTerminal(db, 'disabled', terminalId);
  if (row.seen_stale) await db.execute(sql`update terminals set last_seen_at = now() where id = ${terminalId}`);
  return {
    terminalId: row.terminal_id,
    hallId: row.hall_id,
    hallName: row.hall_name,
    hallTimeZone: row.hall_time_zone,
    inService: row.in_service,
    credential,
    signedBodySha256: credential === 'signature' ? signed!.bodySha256 : null,
  };
}

/** Expired nonces are dropped by each server instance at most this often (by the next signed request). */
const NONCE_SWEEP_EVERY_MS = 30_000;

/** When this server instance last dropped expired nonces (one per app: `terminalAuth` makes it). */
export interface NonceSweep {
  lastMs: number;
}
const processSweep: NonceSweep = { lastMs: 0 };

/**
 * One round trip: the terminal, its hall and key; for a timely signed request also its nonce,
 * recorded unless already seen (the primary key decides, on every server instance alike) and, every
 * NONCE_SWEEP_EVERY_MS, every terminal's expired nonces dropped. A nonce is kept until no request of
 * its time could be accepted any more.
 */
async function lookUp(
  db: Db,
  terminalId: string,
  signed: SignedHeaders | null,
  windowMs: number,
  state: NonceSweep,
): Promise<Row | null> {
  const sweep = signed !== null && Date.now() - state.lastMs > NONCE_SWEEP_EVERY_MS;
  if (sweep) state.lastMs = Date.now();
  const nonceParts = signed
    ? sql`${sweep ? sql`, gone as (delete from terminal_request_nonces where expires_at < now())` : sql``}, fresh as (
        insert into terminal_request_nonces (terminal_id, nonce, expires_at)
        select ${terminalId}, ${signed.nonce}, to_timestamp(${(signed.timeMs + 2 * windowMs) / 1000})
        where exists (select 1 from terminal_keys where terminal_id = ${terminalId})
        on conflict do nothing
        returning 1
      )`
    : sql``;
  const freshColumn = signed ? sql`exists (select 1 from fresh)` : sql`false`;
  const result = (await db.execute(sql`
    with found as (
      select t.id as terminal_id, t.hall_id, h.name as hall_name, h.time_zone as hall_time_zone,
        t.in_service, t.enabled, t.credential_hash, k.public_key,
        extract(epoch from now() - k.enrolled_at) * 1000 as key_age_ms,
        (t.last_seen_at is null or t.last_seen_at < now() - make_interval(secs => ${LAST_SEEN_EVERY_S})) as seen_stale
      from terminals t join halls h on h.id = t.hall_id left join terminal_keys k on k.terminal_id = t.id
      where t.id = ${terminalId}
    )${nonceParts}
    select found.*, ${freshColumn} as nonce_fresh from found`)) as unknown as { rows: Row[] };
  return result.rows[0] ?? null;
}

// Issue 14: a terminal with an enrolled key must sign every request (time, nonce, method, target,
// body hash); its copied secret alone is refused, and so are a tampered body, a wrong key, a stale
// time and a reused nonce, on any server instance over the same database. Each refusal is audited.
import { generateKeyPairSync } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentString } from '../../contracts/terminal-keys';
import { buildServer } from '../../server/app';
import { auditLog, terminalKeys, terminalRequestNonces } from '../../server/db/schema';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { demoPeople } from '../../server/seed/demo-people';
import { registerTerminal } from '../../server/terminals/register';
import { TerminalCredentials } from '../../host/terminal-key/credentials';
import type { TerminalKeyStore } from '../../host/terminal-key/key-store';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

/** A key store in memory: these tests are about the wire, not the store. */
function memoryStore(): TerminalKeyStore {
  let held: Buffer | null = null;
  return {
    kind: 'file',
    location: 'memory',
    read: async () => held,
    write: async (bytes) => {
      held ??= bytes;
    },
  };
}

const ID = 'KIOSK-SIG';
const PROFILE = '/api/v1/terminal';
const SESSIONS = '/api/v1/sessions';
const person = { identifiedBy: 'idCard', idNumber: demoPeople[0]!.idNumber, name: demoPeople[0]!.name };

describe.each(backends)('signed terminal requests on $name', (backend) => {
  let hall: TestHall;
  let secret: string;
  let creds: TerminalCredentials;
  let store: TerminalKeyStore;
  const bearerOnly = () => ({ authorization: `Bearer ${ID}.${secret}` });

  /** Sends a request signed by `c`, the body as the given text (or `body` JSON). */
  async function signed(
    c: TerminalCredentials,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
    app = hall.app,
  ) {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = await c.headersFor(method, url, text);
    return { headers, res: await send(method, url, headers, text, app) };
  }
  function send(method: string, url: string, headers: Record<string, string>, text?: string, app = hall.app) {
    return app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(text === undefined ? {} : { payload: text }),
    });
  }
  async function lastAuthFailure() {
    const [row] = await hall.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'terminal.auth'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    return { terminalId: row?.terminalId, reason: (row?.detail as { reason?: string } | null)?.reason };
  }
  async function sessionCount(): Promise<number> {
    const r = (await hall.database.db.execute(
      sql`select count(*)::int as n from kiosk_sessions where terminal_id = ${ID}`,
    )) as unknown as {
      rows: { n: number }[];
    };
    return r.rows[0]!.n;
  }

  beforeAll(async () => {
    hall = await openTestHall(backend);
    secret = await registerTerminal(hall.database.db, { terminalId: ID, hallId: DEMO_HALL_ID });
    store = memoryStore();
    creds = new TerminalCredentials({ terminalId: ID, secret, keyStore: store });
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('before a key is enrolled the secret works, and a signature alone proves nothing', async () => {
    expect((await hall.inject({ method: 'GET', url: PROFILE, headers: bearerOnly() })).statusCode).toBe(200);
    const loose = new TerminalCredentials({ terminalId: ID, secret: 'x'.repeat(43), keyStore: memoryStore() });
    const { res } = await signed(loose, 'GET', PROFILE);
    expect(res.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'badSecret' });
  });

  it('enrols the key with the secret and a proof of possession; a repeat is answered alike', async () => {
    const body = await creds.enrolmentRequest();
    const first = await signed(creds, 'POST', '/api/v1/terminal/key', body);
    expect(first.res.statusCode).toBe(200);
    const key = await creds.loadKey();
    expect(first.res.json()).toEqual({ fingerprint: key.fingerprint, enrolledAt: expect.any(String) });
    const [row] = await hall.database.db.select().from(terminalKeys).where(eq(terminalKeys.terminalId, ID));
    expect(row).toMatchObject({ algorithm: 'ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint });
    creds.keyConfirmed();
    const again = await signed(creds, 'POST', '/api/v1/terminal/key', body);
    expect(again.res.statusCode).toBe(200);
    expect(again.res.json()).toEqual(first.res.json());
  });

  it('refuses another key for a keyed terminal (409) and a proof by another key (400)', async () => {
    const other = new TerminalCredentials({ terminalId: ID, secret, keyStore: memoryStore() });
    const otherBody = await other.enrolmentRequest();
    const conflict = await signed(creds, 'POST', '/api/v1/terminal/key', otherBody);
    expect(conflict.res.statusCode).toBe(409);
    expect(conflict.res.json().code).toBe('conflict');
    const mine = await creds.enrolmentRequest();
    const badProof = await signed(creds, 'POST', '/api/v1/terminal/key', { ...mine, proof: otherBody.proof });
    expect(badProof.res.statusCode).toBe(400);
    const [row] = await hall.database.db.select().from(terminalKeys).where(eq(terminalKeys.terminalId, ID));
    expect(row!.publicKey).toBe(mine.publicKey);
  });

  it('accepts signed requests: the profile, and a session opened with a signed body', async () => {
    const profile = await signed(creds, 'GET', PROFILE);
    expect(profile.headers.authorization).toBeUndefined(); // once confirmed, the secret is not sent
    expect(profile.res.statusCode).toBe(200);
    expect(profile.res.json().terminalId).toBe(ID);
    const before = await sessionCount();
    const opened = await signed(creds, 'POST', SESSIONS, person);
    expect(opened.res.statusCode).toBe(201);
    expect(await sessionCount()).toBe(before + 1);
    const closed = await signed(creds, 'DELETE', `${SESSIONS}/${opened.res.json().sessionId}`);
    expect(closed.res.statusCode).toBe(204);
  });

  it('refuses the copied secret alone once the terminal has a key', async () => {
    for (const [method, url, body] of [
      ['GET', PROFILE, undefined],
      ['POST', SESSIONS, person],
      ['POST', '/api/v1/terminal/key', await creds.enrolmentRequest()],
    ] as const) {
      const before = await sessionCount();
      const res = await send(method, url, bearerOnly(), body && JSON.stringify(body));
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
      expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'keyRequired' });
      expect(await sessionCount()).toBe(before);
    }
  });

  it('refuses a tampered body, and nothing happens', async () => {
    const text = JSON.stringify(person);
    const headers = await creds.headersFor('POST', SESSIONS, text);
    const other = JSON.stringify({ ...person, idNumber: demoPeople[1]!.idNumber, name: demoPeople[1]!.name });
    const before = await sessionCount();
    const res = await send('POST', SESSIONS, headers, other);
    expect(res.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'bodyMismatch' });
    expect(await sessionCount()).toBe(before);
    // A body slipped into a request signed without one.
    const get = await creds.headersFor('POST', SESSIONS, undefined);
    expect((await send('POST', SESSIONS, get, text)).statusCode).toBe(401);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a signature moved to another path or method', async () => {
    const opened = await signed(creds, 'POST', SESSIONS, person);
    const id = opened.res.json().sessionId as string;
    const headers = await creds.headersFor('GET', `${SESSIONS}/${id}/summary`, undefined);
    expect((await send('DELETE', `${SESSIONS}/${id}`, headers)).statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'badSignature' });
    const other = await creds.headersFor('GET', `${PROFILE}?x=1`, undefined);
    expect((await send('GET', PROFILE, other)).statusCode).toBe(401);
    expect((await signed(creds, 'DELETE', `${SESSIONS}/${id}`)).res.statusCode).toBe(204);
  });

  it('refuses a signature by a wrong key (a key made elsewhere, claiming this terminal)', async () => {
    const thief = new TerminalCredentials({ terminalId: ID, secret, keyStore: memoryStore() });
    thief.keyConfirmed();
    const { res } = await signed(thief, 'GET', PROFILE);
    expect(res.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'badSignature' });
    // Even with the secret beside it: a keyed terminal is proved by its key only.
    const withSecret = new TerminalCredentials({ terminalId: ID, secret, keyStore: memoryStore() });
    expect((await signed(withSecret, 'GET', PROFILE)).res.statusCode).toBe(401);
  });

  it.each([
    ['two minutes behind', -120_000],
    ['two minutes ahead', 120_000],
  ])('refuses a time %s of the server', async (_what, skew) => {
    // The terminal's own key, signing with a clock that is off.
    const off = new TerminalCredentials({ terminalId: ID, secret, keyStore: store, now: () => Date.now() + skew });
    off.keyConfirmed();
    const { res } = await signed(off, 'GET', PROFILE);
    expect(res.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'staleTime' });
  });

  it('refuses a reused nonce, on this instance and on another instance over the same database', async () => {
    const first = await signed(creds, 'POST', SESSIONS, person);
    expect(first.res.statusCode).toBe(201);
    const before = await sessionCount();
    const replay = await send('POST', SESSIONS, first.headers, JSON.stringify(person));
    expect(replay.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'replayedNonce' });
    const second = buildServer({ ...hall.database });
    try {
      await second.ready();
      const elsewhere = await send('POST', SESSIONS, first.headers, JSON.stringify(person), second);
      expect(elsewhere.statusCode).toBe(401);
      expect((await signed(creds, 'GET', PROFILE, undefined, second)).res.statusCode).toBe(200);
    } finally {
      await second.close();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('keeps nonces only while a request of their time could be accepted', async () => {
    await hall.database.db
      .insert(terminalRequestNonces)
      .values({ terminalId: ID, nonce: 'o'.repeat(22), expiresAt: new Date(Date.now() - 1000) });
    // Each instance sweeps expired nonces with its first signed request, then every 30 s.
    const fresh = buildServer({ ...hall.database });
    try {
      await fresh.ready();
      expect((await signed(creds, 'GET', PROFILE, undefined, fresh)).res.statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
    const rows = await hall.database.db
      .select()
      .from(terminalRequestNonces)
      .where(eq(terminalRequestNonces.terminalId, ID));
    expect(rows.some((r) => r.nonce === 'o'.repeat(22))).toBe(false);
    expect(rows.every((r) => r.expiresAt.getTime() > Date.now())).toBe(true);
  });

  it('re-registering forgets the key: the old key signs nothing, the new secret enrols a new one', async () => {
    const fresh = await registerTerminal(hall.database.db, { terminalId: ID, hallId: DEMO_HALL_ID });
    expect((await signed(creds, 'GET', PROFILE)).res.statusCode).toBe(401);
    expect(await lastAuthFailure()).toEqual({ terminalId: ID, reason: 'noKeyEnrolled' });
    const next = new TerminalCredentials({ terminalId: ID, secret: fresh, keyStore: memoryStore() });
    expect((await signed(next, 'POST', '/api/v1/terminal/key', await next.enrolmentRequest())).res.statusCode).toBe(
      200,
    );
    next.keyConfirmed();
    expect((await signed(next, 'GET', PROFILE)).res.statusCode).toBe(200);
    secret = fresh;
    creds = next;
  });

  it('with a grace, a keyed terminal’s secret still works for a while; with requireKey an unkeyed one only enrols', async () => {
    const graceful = buildServer({ ...hall.database, terminalAuth: { bearerGraceS: 3600 } });
    const strict = buildServer({ ...hall.database, terminalAuth: { requireKey: true } });
    try {
      await Promise.all([graceful.ready(), strict.ready()]);
      expect((await send('GET', PROFILE, bearerOnly(), undefined, graceful)).statusCode).toBe(200);
      const unkeyed = await registerTerminal(hall.database.db, { terminalId: 'KIOSK-NEW', hallId: DEMO_HALL_ID });
      const auth = { authorization: `Bearer KIOSK-NEW.${unkeyed}` };
      expect((await send('GET', PROFILE, auth, undefined, strict)).statusCode).toBe(401);
      expect(await lastAuthFailure()).toEqual({ terminalId: 'KIOSK-NEW', reason: 'keyRequired' });
      const newcomer = new TerminalCredentials({ terminalId: 'KIOSK-NEW', secret: unkeyed, keyStore: memoryStore() });
      const enrol = await signed(newcomer, 'POST', '/api/v1/terminal/key', await newcomer.enrolmentRequest(), strict);
      expect(enrol.res.statusCode).toBe(200);
      expect((await signed(newcomer, 'GET', PROFILE, undefined, strict)).res.statusCode).toBe(200);
    } finally {
      await Promise.all([graceful.close(), strict.close()]);
    }
  });

  it('a raw Ed25519 signature over the documented string is what the server checks', async () => {
    // The wire format is the contract's, not the host class's: a key made with node:crypto alone.
    const t = await registerTerminal(hall.database.db, { terminalId: 'KIOSK-RAW', hallId: DEMO_HALL_ID });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const { sign } = await import('node:crypto');
    const proof = sign(null, Buffer.from(enrolmentString('KIOSK-RAW', spki)), privateKey).toString('base64url');
    const enrol = await send(
      'POST',
      '/api/v1/terminal/key',
      { authorization: `Bearer KIOSK-RAW.${t}` },
      JSON.stringify({ algorithm: 'ed25519', publicKey: spki, proof }),
    );
    expect(enrol.statusCode).toBe(200);
    const time = String(Date.now());
    const nonce = 'A'.repeat(22);
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const message = ['HRSS-TERMINAL-SIG-1', 'KIOSK-RAW', 'GET', PROFILE, time, nonce, empty].join('\n');
    const signature = sign(null, Buffer.from(message), privateKey).toString('base64url');
    const res = await send('GET', PROFILE, {
      'x-terminal-id': 'KIOSK-RAW',
      'x-terminal-time': time,
      'x-terminal-nonce': nonce,
      'x-content-sha256': empty,
      'x-terminal-signature': signature,
    });
    expect(res.statusCode).toBe(200);
  });
});

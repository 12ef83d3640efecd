// Statement signing key rotation: a statement issued with key A still verifies after the hall rotates to
// key B (on the server and offline with the published keys), a B statement verifies, and a statement
// naming a key the server does not know is not genuine. Also the env key path (STATEMENT_SIGNING_KEY)
// and retired keys given by STATEMENT_RETIRED_PUBLIC_KEYS.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { StatementIssued, StatementKey, VerificationResult } from '../../contracts/statements';
import { buildServer } from '../../server/app';
import { statementSigningKeys, statements } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { rotateStoredStatementKey } from '../../server/statements/signer';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

const worker = demoPeople[0]!;

/** Opens a session for the worker on `app` as terminal A, proves the PIN, and issues a statement. */
async function issueOn(app: FastifyInstance, headers: Record<string, string>): Promise<StatementIssued> {
  const opened = OpenSessionResponse.parse(
    (
      await app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers,
        payload: { identifiedBy: 'ssCard', idNumber: worker.idNumber, name: worker.name },
      })
    ).json(),
  );
  await app.inject({
    method: 'POST',
    url: `/api/v1/sessions/${opened.sessionId}/second-factor`,
    headers,
    payload: { method: 'ssCardPin' },
  });
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/sessions/${opened.sessionId}/statements`,
    headers,
    payload: { kind: 'rightsStatement', year: 2024, requestId: crypto.randomUUID() },
  });
  expect(res.statusCode, res.body).toBe(201);
  return StatementIssued.parse(res.json());
}

async function verifyOn(app: FastifyInstance, code: string): Promise<VerificationResult> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/verify/${code}` });
  expect(res.statusCode, res.body).toBe(200);
  return VerificationResult.parse(res.json());
}

async function keysOf(app: FastifyInstance): Promise<StatementKey> {
  return StatementKey.parse((await app.inject({ method: 'GET', url: '/.well-known/statement-key' })).json());
}

/** A server over the same database whose signer is loaded while `env` is set (it is loaded on first use). */
async function serverWithEnv(hall: TestHall, env: Record<string, string>): Promise<FastifyInstance> {
  const app = buildServer({ ...hall.database });
  await app.ready();
  await withEnv(env, () => keysOf(app));
  return app;
}

async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function newKeyPem(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe.each(backends)('statement key rotation on $name', (backend) => {
  let hall: TestHall;
  let rotated: FastifyInstance;
  let issuedA: StatementIssued;
  let issuedB: StatementIssued;
  let keyA: StatementKey;
  const dir = mkdtempSync(join(tmpdir(), 'statement-rotation-'));

  beforeAll(async () => {
    hall = await openTestHall(backend);
    issuedA = await issueOn(hall.app, hall.a);
    keyA = await keysOf(hall.app);
    // Rotate the stored key; a server started afterwards signs with key B.
    const rotation = await rotateStoredStatementKey(hall.database.db);
    expect(rotation.retired).toEqual([keyA.keyId]);
    rotated = buildServer({ ...hall.database });
    await rotated.ready();
    issuedB = await issueOn(rotated, hall.a);
  });
  afterAll(async () => {
    await rotated?.close();
    await hall?.close();
  });

  it('after rotating from key A to key B, the A statement and the B statement both verify', async () => {
    expect(issuedB.verificationCode).not.toBe(issuedA.verificationCode);
    const a = await verifyOn(rotated, issuedA.verificationCode);
    const b = await verifyOn(rotated, issuedB.verificationCode);
    expect(a).toMatchObject({ genuine: true, keyId: keyA.keyId });
    expect(b.genuine).toBe(true);
    if (!b.genuine) return;
    expect(b.keyId).not.toBe(keyA.keyId);
    // The retired key lost its private half; only its public half is kept.
    const [row] = await hall.database.db
      .select()
      .from(statementSigningKeys)
      .where(eq(statementSigningKeys.keyId, keyA.keyId));
    expect(row).toMatchObject({ privateKeyPem: null, publicKeyPem: keyA.publicKeyPem });
    expect(row!.retiredAt).toBeInstanceOf(Date);
  });

  it('publishes the current key on top (as before) and every key with its id, the retired one marked', async () => {
    const published = await keysOf(rotated);
    const b = await verifyOn(rotated, issuedB.verificationCode);
    if (!b.genuine) throw new Error('expected genuine');
    expect(published.keyId).toBe(b.keyId);
    expect(published.keys.map((k) => [k.keyId, k.current])).toEqual([
      [b.keyId, true],
      [keyA.keyId, false],
    ]);
    expect(published.keys[0]!.publicKeyPem).toBe(published.publicKeyPem);
    expect(published.keys[1]).toMatchObject({ publicKeyPem: keyA.publicKeyPem });
    expect(published.keys[1]!.retiredAt).not.toBeNull();
  });

  it('a statement naming a key the server does not know is not genuine, nor one moved to another key id', async () => {
    const db = hall.database.db;
    const b = await verifyOn(rotated, issuedB.verificationCode);
    if (!b.genuine) throw new Error('expected genuine');
    await db.update(statements).set({ keyId: 'ffffffffffffffff' }).where(eq(statements.id, issuedB.statementId));
    expect(await verifyOn(rotated, issuedB.verificationCode)).toEqual({ genuine: false, reason: 'badSignature' });
    // Claiming the retired key A for a B signature does not pass either.
    await db.update(statements).set({ keyId: keyA.keyId }).where(eq(statements.id, issuedB.statementId));
    expect(await verifyOn(rotated, issuedB.verificationCode)).toEqual({ genuine: false, reason: 'badSignature' });
    // A key row whose id does not match its public key is not trusted.
    const forger = newKeyPem();
    await db.insert(statementSigningKeys).values({ keyId: 'eeeeeeeeeeeeeeee', publicKeyPem: forger.publicPem });
    await db.update(statements).set({ keyId: 'eeeeeeeeeeeeeeee' }).where(eq(statements.id, issuedB.statementId));
    expect(await verifyOn(rotated, issuedB.verificationCode)).toEqual({ genuine: false, reason: 'badSignature' });
    await db.delete(statementSigningKeys).where(eq(statementSigningKeys.keyId, 'eeeeeeeeeeeeeeee'));
    await db.update(statements).set({ keyId: b.keyId }).where(eq(statements.id, issuedB.statementId));
    expect((await verifyOn(rotated, issuedB.verificationCode)).genuine).toBe(true);
  });

  it('offline: the script checks A and B statements with the published keys, and refuses an unknown key id', async () => {
    const published = await keysOf(rotated);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(published));
    writeFileSync(join(dir, 'current.pem'), published.publicKeyPem);
    const run = (record: unknown, keyFile: string) => {
      const file = join(dir, `record-${crypto.randomUUID()}.json`);
      writeFileSync(file, JSON.stringify(record));
      try {
        const out = execFileSync('node_modules/.bin/tsx', ['scripts/verify-statement.ts', file, join(dir, keyFile)], {
          encoding: 'utf8',
        });
        return { out, code: 0 };
      } catch (error) {
        const e = error as { stdout: string; status: number };
        return { out: e.stdout, code: e.status };
      }
    };
    const recordA = await verifyOn(rotated, issuedA.verificationCode);
    const recordB = await verifyOn(rotated, issuedB.verificationCode);
    const a = run(recordA, 'keys.json');
    expect(a.code, a.out).toBe(0);
    expect(a.out).toContain(issuedA.verificationCode);
    expect(run(recordB, 'keys.json')).toMatchObject({ code: 0 });
    // The current key alone cannot check the A statement: it names another key.
    const aWithB = run(recordA, 'current.pem');
    expect(aWithB.code).toBe(1);
    expect(aWithB.out).toContain('NOT GENUINE');
    const unknown = run({ ...recordA, keyId: 'ffffffffffffffff' }, 'keys.json');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('not among the published keys');
    // Altered content under a known key id is still refused.
    if (!recordA.genuine) throw new Error('expected genuine');
    const altered = run({ ...recordA, signedContent: recordA.signedContent.replace(worker.name, '李四') }, 'keys.json');
    expect(altered.code).toBe(1);
  });

  it('with STATEMENT_SIGNING_KEY: earlier keys still verify, the env key is remembered, retired env keys count', async () => {
    const c = newKeyPem();
    const envC = await serverWithEnv(hall, { STATEMENT_SIGNING_KEY: c.privatePem });
    let issuedC: StatementIssued;
    try {
      issuedC = await issueOn(envC, hall.a);
      expect((await verifyOn(envC, issuedA.verificationCode)).genuine).toBe(true);
      expect((await verifyOn(envC, issuedB.verificationCode)).genuine).toBe(true);
      const published = await keysOf(envC);
      expect(published.publicKeyPem).toBe(c.publicPem);
      expect(published.keys.filter((k) => k.current).map((k) => k.publicKeyPem)).toEqual([c.publicPem]);
    } finally {
      await envC.close();
    }
    // The env key changes to D: the C statement verifies because C's public half was recorded.
    const d = newKeyPem();
    const envD = await serverWithEnv(hall, { STATEMENT_SIGNING_KEY: d.privatePem });
    try {
      expect((await verifyOn(envD, issuedC.verificationCode)).genuine).toBe(true);
      // A database that never recorded C: only STATEMENT_RETIRED_PUBLIC_KEYS can vouch for it.
      const cRecord = await verifyOn(envD, issuedC.verificationCode);
      if (!cRecord.genuine) throw new Error('expected genuine');
      await hall.database.db.delete(statementSigningKeys).where(eq(statementSigningKeys.keyId, cRecord.keyId));
      expect((await verifyOn(envD, issuedC.verificationCode)).genuine).toBe(false);
      const retired = `${newKeyPem().publicPem}${c.publicPem}`;
      await withEnv({ STATEMENT_RETIRED_PUBLIC_KEYS: retired }, async () => {
        expect((await verifyOn(envD, issuedC.verificationCode)).genuine).toBe(true);
        expect((await keysOf(envD)).keys.map((k) => k.keyId)).toContain(cRecord.keyId);
      });
    } finally {
      await envD.close();
    }
  });
});

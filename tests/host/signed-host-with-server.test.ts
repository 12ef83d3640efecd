// Issue 14 end to end: a host started with only its registration secret makes a key pair in its data
// folder, enrols the public key and from then on signs every request (profile, heartbeat, the staff
// command long-poll, sessions); the secret copied out of kiosk.json no longer works; a restart keeps
// the key; a key file others may read stops the terminal rather than being used.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { keyFiles } from '../../host/terminal-key/choose-store';
import { FileKeyStore } from '../../host/terminal-key/file-store';
import { TerminalKey } from '../../host/terminal-key/terminal-key';
import { startHallServer, type HallServer } from '../../server';
import { auditLog, terminalKeys, terminals } from '../../server/db/schema';

process.env.KIOSK_LOG = 'silent';

const ID = 'KIOSK-SIGNED-01';
let hall: HallServer;
let running: RunningHost | null = null;
let dataDir: string;
let secret: string;
let startedAt: Date;

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(): Promise<RunningHost> {
  return runHost({
    config: parseHostConfig({
      terminalId: ID,
      terminalSecret: secret,
      hallServerUrl: hall.url,
      heartbeatIntervalMs: 1000,
    }),
    rendererDir: '/nonexistent',
    browserMode: false,
    dataDir,
  });
}

async function refusals(): Promise<string[]> {
  const rows = await hall.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'terminal.auth'), eq(auditLog.terminalId, ID), gt(auditLog.at, startedAt)));
  return rows.map((r) => (r.detail as { reason: string }).reason);
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  secret = await hall.registerTerminal({ terminalId: ID });
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-signed-'));
  startedAt = new Date(Date.now() - 1000);
  running = await start();
}, 300_000);
afterAll(async () => {
  await running?.stop();
  await hall?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a host that signs', () => {
  it('makes its key on the terminal, owner-only, and the server holds only the public half', async () => {
    const file = path.join(dataDir, keyFiles.file);
    await until(
      async () => (await hall.db.select().from(terminalKeys).where(eq(terminalKeys.terminalId, ID))).length > 0,
      'key enrolled',
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = await TerminalKey.loadOrCreate(new FileKeyStore(file));
    const [row] = await hall.db.select().from(terminalKeys).where(eq(terminalKeys.terminalId, ID));
    expect(row).toMatchObject({ publicKey: key.publicKey, fingerprint: key.fingerprint });
  });

  it('carries on signed: heartbeats arrive, the long-poll answers, nothing is refused', async () => {
    const since = new Date();
    await until(async () => {
      const [row] = await hall.db.select().from(terminals).where(eq(terminals.id, ID));
      return (row?.lastHeartbeatAt?.getTime() ?? 0) > since.getTime();
    }, 'a heartbeat after enrolment');
    const nonces = (await hall.db.execute(
      sql`select count(*)::int as n from terminal_request_nonces where terminal_id = ${ID}`,
    )) as unknown as { rows: { n: number }[] };
    expect(nonces.rows[0]!.n).toBeGreaterThan(0); // signed requests, each with its nonce
    expect(await refusals()).toEqual([]);
    expect(running!.host).toBeDefined();
  });

  it('the secret copied from kiosk.json is refused on its own', async () => {
    for (const url of ['/api/v1/terminal', '/api/v1/terminal/commands?waitMs=0']) {
      const res = await fetch(`${hall.url}${url}`, { headers: { authorization: `Bearer ${ID}.${secret}` } });
      expect(res.status, url).toBe(401);
    }
    expect(await refusals()).toEqual(['keyRequired', 'keyRequired']);
  });

  it('a restart keeps the key and the terminal carries on', async () => {
    await running!.stop();
    running = await start();
    const since = new Date();
    await until(async () => {
      const [row] = await hall.db.select().from(terminals).where(eq(terminals.id, ID));
      return (row?.lastHeartbeatAt?.getTime() ?? 0) > since.getTime();
    }, 'a heartbeat after the restart');
    expect((await hall.db.select().from(terminalKeys).where(eq(terminalKeys.terminalId, ID))).length).toBe(1);
    expect(await refusals()).toEqual(['keyRequired', 'keyRequired']);
  });

  it('a key file others may read is not used: the terminal stops talking to the server', async () => {
    await running!.stop();
    chmodSync(path.join(dataDir, keyFiles.file), 0o644);
    const since = new Date();
    running = await start();
    await new Promise((r) => setTimeout(r, 1500));
    const [row] = await hall.db.select().from(terminals).where(eq(terminals.id, ID));
    expect((row?.lastHeartbeatAt?.getTime() ?? 0) < since.getTime()).toBe(true);
    // Neither the secret nor a new key was tried behind the installer's back.
    expect(await refusals()).toEqual(['keyRequired', 'keyRequired']);
    expect(statSync(path.join(dataDir, keyFiles.file)).mode & 0o777).toBe(0o644);
  });
});

// Certification killed mid-flight: `npx tsx bench/certification-kill.ts` (about 20 s; not in CI).
//
// Starts its own PostgreSQL, a migrated and seeded database with the demo faces enrolled, and a hall
// server process. For each attempt a terminal (the host's HallClient) opens a session for a
// retiree, heartbeats, gets the server's challenge and sends face evidence fitting it (the frames a
// live camera would give: tests/server/support/face-evidence.ts), keyed by a new request id. A few
// milliseconds after sending (random, 0–KILL_MAX_MS), the server is SIGKILLed; it is started again,
// and the terminal sends the very same evidence with the same request id until it gets an answer.
// Attempts: two of 李秀英 with another person's face (no match), then hers (passes); three of
// 赵桂兰 with 李秀英's face (no match, until her day's attempts are used up). Afterwards, on the
// database: every request id has exactly one certification record, the answer the terminal finally
// got is that record's result, 李秀英 is certified once, and no attempt was lost or counted twice.
// Writes bench/results/certification-kill.json. Exit code 1 on any violation.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CertificationOutcome, certificationRoutes } from '../contracts/certification';
import { KioskError } from '../contracts/errors';
import { FaceChallenge, faceChallengeRoutes } from '../contracts/face-challenge';
import { hallRoutes } from '../contracts/hall-api';
import { HallClient } from '../host/hall-client/hall-client';
import { demoPhotoFolder, enrolDemoReferences, photoDescriptors } from '../server/certification/demo-references';
import { openDatabase } from '../server/db/open';
import { demoPeople } from '../server/seed/demo-people';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { demoSeedParams } from '../server/seed/params';
import { seedDatabase } from '../server/seed/seed-database';
import { registerTerminal } from '../server/terminals/register';
import { ageChallenge, evidenceFor, liveVariation } from '../tests/server/support/face-evidence';
import { freePort, repo, startPostgres } from './hall-harness';

const KILL_MAX_MS = Number(process.env.KILL_MAX_MS ?? 100);
const SEED = Number(process.env.SEED ?? 1);
const TERMINAL_ID = 'KILL-01';
let rng = SEED * 7919;
function random(): number {
  rng = (rng * 16807) % 2147483647;
  return rng / 2147483647;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const liXiuying = demoPeople.find((p) => p.idNumber === '440104196209030463')!;
const zhaoGuilan = demoPeople.find((p) => p.idNumber === '440106195804140243')!;

const started = Date.now();
const pgServer = await startPostgres();
const databaseUrl = pgServer.url.replace(/\/postgres$/, '/certkill');
const port = await freePort();
let child: ChildProcess | null = null;

function startServer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/queue-server.ts')], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = c;
    let buffered = '';
    c.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (/listening /.test(buffered)) resolve();
    });
    c.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening`)));
  });
}

async function killServer(): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await exited;
}

/** Retries a call while the server is down or restarting, as the kiosk does before telling the person. */
async function retried<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const transient =
        error instanceof KioskError && (error.code === 'serverUnreachable' || error.code === 'internal');
      if (!transient || attempt >= 40) throw error;
      await sleep(250);
    }
  }
}

interface Attempt {
  who: string;
  face: string;
  requestId: string;
  killedAfterMs: number;
  /** What the terminal was finally told. */
  told: string;
  /** Sends until an answer came (the first one cut by the kill). */
  sends: number;
  /** Whether the first send's record was already committed when the server died. */
  committedBeforeKill: boolean;
}

const attempts: Attempt[] = [];
const violations: string[] = [];
let summary: Record<string, unknown> = {};
try {
  const admin = new pg.Client({ connectionString: pgServer.url });
  await admin.connect();
  await admin.query('create database certkill');
  await admin.end();
  const database = await openDatabase({ url: databaseUrl });
  await seedDatabase(database.db, demoSeedParams({ people: 20 }));
  await enrolDemoReferences(database.db);
  const secret = await registerTerminal(database.db, { terminalId: TERMINAL_ID, hallId: DEMO_HALL_ID });
  const [franck, cage] = await photoDescriptors(
    ['franck_02045.jpg', 'cage.jpg'].map((f) => path.join(demoPhotoFolder, f)),
  );
  const check = new pg.Client({ connectionString: databaseUrl });
  await check.connect();
  /** The people's certification records (the seed holds earlier cycles' too). */
  const recordsOf = async (idNumber: string, result?: string) =>
    (
      await check.query<{ n: number }>(
        `select count(*)::int as n from certifications c join persons p on p.id = c.person_id
         where p.id_number = $1 and ($2::text is null or c.result = $2)`,
        [idNumber, result ?? null],
      )
    ).rows[0]!.n;
  const before = {
    li: await recordsOf(liXiuying.idNumber),
    liPassed: await recordsOf(liXiuying.idNumber, 'passed'),
    zhao: await recordsOf(zhaoGuilan.idNumber),
  };
  const recordsFor = async (requestId: string) =>
    (await check.query<{ result: string }>('select result from certifications where idempotency_key = $1', [requestId]))
      .rows;
  await startServer();
  const hall = new HallClient({
    baseUrl: `http://127.0.0.1:${port}`,
    terminalId: TERMINAL_ID,
    terminalSecret: secret,
    timeoutMs: 5000,
  });

  const plan: Array<[typeof liXiuying, string, number[]]> = [
    [liXiuying, 'cage.jpg', cage!],
    [liXiuying, 'cage.jpg', cage!],
    [liXiuying, 'franck_02045.jpg', franck!],
    [zhaoGuilan, 'franck_02045.jpg', franck!],
    [zhaoGuilan, 'franck_02045.jpg', franck!],
    [zhaoGuilan, 'franck_02045.jpg', franck!],
  ];
  for (const [person, face, descriptor] of plan) {
    const opened = await retried(() =>
      hall.openSession({ identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name }),
    );
    const params = { sessionId: opened.sessionId };
    await retried(() =>
      hall.call(hallRoutes.heartbeat, {
        body: { appVersion: '1.0.0', uptimeS: 60, inService: true, devices: [], lastError: null },
      }),
    );
    const challenge = FaceChallenge.parse(
      await retried(() =>
        hall.call(faceChallengeRoutes.issueFaceChallenge, { params, body: { purpose: 'certification' } }),
      ),
    );
    // As if the person had spent the attempt's 15 s in front of the camera.
    await ageChallenge(database.db, challenge.challengeId);
    const body = {
      requestId: randomUUID(),
      capturedAt: new Date().toISOString(),
      ...evidenceFor(challenge, liveVariation([descriptor, descriptor, descriptor])),
    };
    const killedAfterMs = Math.round(random() * KILL_MAX_MS);
    const first = hall.call(certificationRoutes.submitCertification, { params, body }).then(
      (r) => r,
      () => null,
    );
    await sleep(killedAfterMs);
    await killServer();
    const cut = await first;
    const committedBeforeKill = (await recordsFor(body.requestId)).length > 0;
    await startServer();
    let sends = 1;
    const outcome = CertificationOutcome.parse(
      await retried(() => {
        sends += 1;
        return hall.call(certificationRoutes.submitCertification, { params, body });
      }),
    );
    if (cut && CertificationOutcome.parse(cut).result !== outcome.result)
      violations.push(`${body.requestId}: answered ${CertificationOutcome.parse(cut).result}, then ${outcome.result}`);
    attempts.push({
      who: person.name,
      face,
      requestId: body.requestId,
      killedAfterMs,
      told: outcome.result === 'failed' ? `failed (${outcome.reason})` : outcome.result,
      sends,
      committedBeforeKill,
    });
    await retried(() => hall.closeSession(opened.sessionId));
  }

  // The verdict, on the database.
  for (const a of attempts) {
    const rows = await recordsFor(a.requestId);
    if (rows.length !== 1) violations.push(`${a.requestId} (${a.who}): ${rows.length} records`);
    else if (!a.told.startsWith(rows[0]!.result))
      violations.push(`${a.requestId}: told ${a.told}, recorded ${rows[0]!.result}`);
  }
  const liPassed = (await recordsOf(liXiuying.idNumber, 'passed')) - before.liPassed;
  if (liPassed !== 1) violations.push(`李秀英 was certified ${liPassed} times by this run`);
  const added =
    (await recordsOf(liXiuying.idNumber)) - before.li + (await recordsOf(zhaoGuilan.idNumber)) - before.zhao;
  if (added !== attempts.length) violations.push(`${added} records for ${attempts.length} attempts`);
  await check.end();
  await database.close();
  summary = {
    when: new Date().toISOString(),
    command: `SEED=${SEED} KILL_MAX_MS=${KILL_MAX_MS} npx tsx bench/certification-kill.ts`,
    seconds: (Date.now() - started) / 1000,
    attempts,
    violations: violations.length,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
  };
  console.log(JSON.stringify(summary, null, 2));
  for (const v of violations) console.log(`VIOLATION ${v}`);
} finally {
  await killServer();
  pgServer.stop();
}
const dir = path.join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'certification-kill.json'),
  JSON.stringify({ ...summary, violationList: violations }, null, 2) + '\n',
);
console.log(violations.length === 0 ? 'PASS' : `FAIL: ${violations.length} violations`);
process.exit(violations.length === 0 ? 0 : 1);

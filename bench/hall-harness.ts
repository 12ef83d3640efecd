// Shared by the hall server load benchmarks (queue-load.ts, hall-throughput.ts): a throwaway
// PostgreSQL, a fresh seeded database with registered terminals, and hall server instances as
// separate processes (bench/queue-server.ts) that report their own CPU time over IPC.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../server/db/open';
import type { Database } from '../server/db/types';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { demoSeedParams } from '../server/seed/params';
import { seedDatabase } from '../server/seed/seed-database';
import { registerTerminal } from '../server/terminals/register';

export const repo = path.resolve(import.meta.dirname, '..');

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts PostgreSQL with scripts/start-test-postgres.sh (PGTEST_DIR/PGTEST_PORT reuse a cluster, which is then left running). */
export async function startPostgres(): Promise<{ url: string; stop: () => void }> {
  const own = !process.env.PGTEST_DIR;
  const dir = process.env.PGTEST_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'queue-load-pg-'));
  const port = process.env.PGTEST_PORT ?? String(await freePort());
  const out = execFileSync('bash', [path.join(repo, 'scripts/start-test-postgres.sh')], {
    env: { ...process.env, PGTEST_DIR: dir, PGTEST_PORT: port },
    encoding: 'utf8',
  });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
  if (!url) throw new Error('PostgreSQL did not start');
  const stop = () => {
    if (!own) return;
    const bin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], {
      encoding: 'utf8',
    }).trim();
    const cmd = `'${bin}/pg_ctl' -D '${dir}/data' -m fast stop`;
    const root = process.getuid?.() === 0;
    execFileSync(root ? 'su' : 'bash', root ? ['postgres', '-s', '/bin/bash', '-c', cmd] : ['-c', cmd], {
      stdio: 'ignore',
    });
  };
  return { url, stop };
}

/** A fresh database on the cluster, migrated and seeded, with `terminals` registered; `drop` removes it. */
export async function freshDatabase(
  serverUrl: string,
  name: string,
  terminals: number,
): Promise<{ url: string; database: Database; credentials: string[]; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url });
  await seedDatabase(database.db, demoSeedParams({ people: 20 }));
  const credentials: string[] = [];
  for (let i = 0; i < terminals; i++) {
    const terminalId = `LOAD-${String(i).padStart(3, '0')}`;
    credentials.push(
      `Bearer ${terminalId}.${await registerTerminal(database.db, { terminalId, hallId: DEMO_HALL_ID })}`,
    );
  }
  const drop = async () => {
    await database.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect().then(
      () => cleanup.query(`drop database if exists ${name} with (force)`).finally(() => cleanup.end()),
      () => undefined,
    );
  };
  return { url, database, credentials, drop };
}

/** A hall server process: its URL, its CPU time so far (µs, user + system), and how to stop it. */
export interface Instance {
  url: string;
  child: ChildProcess;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/queue-server.ts over `databaseUrl`; `env` adds e.g. DATABASE_POOL_SIZE, `nodeArgs` e.g. --cpu-prof. */
export async function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(repo, 'bench/queue-server.ts')], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /listening (\S+)/.exec(buffered);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
  child.stdout!.resume();
  return {
    url,
    child,
    cpuMicros: () =>
      new Promise((resolve) => {
        child.once('message', (m: { user: number; system: number }) => resolve(m.user + m.system));
        child.send('cpu');
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Latency and throughput figures of one or more autocannon runs. */
export type Figures = {
  p50: number;
  p90: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/** Merges runs: latency percentiles as the request-weighted mean of each run's (p99: the worst), throughput summed. */
export function merge(runs: autocannon.Result[]): Figures {
  const total = runs.reduce((n, r) => n + r.requests.total, 0) || 1;
  const w = (f: (r: autocannon.Result) => number) => runs.reduce((s, r) => s + f(r) * r.requests.total, 0) / total;
  return {
    p50: w((r) => r.latency.p50),
    p90: w((r) => r.latency.p90),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    rps: runs.reduce((s, r) => s + r.requests.average, 0),
    requests: runs.reduce((s, r) => s + r.requests.total, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts, 0),
  };
}

/** The machine, for the results file. */
export function machine() {
  return {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

// Signed terminal requests against the bare secret (issue 14), on real PostgreSQL:
// `npx tsx bench/terminal-signing.ts` (about a minute). One hall server process; autocannon sends
// `GET /api/v1/terminal` (the cheapest authenticated route, so the credential check is most of the
// work) and `POST /api/v1/terminal/heartbeat` (a body to hash), alternately by unkeyed terminals with
// their secret (the baseline: the check before issue 14) and by keyed terminals signing each request
// afresh (time, nonce, body hash; Ed25519 in the load generator's process, as a terminal would).
// Figures: requests/s and the server's CPU per request, signed ÷ bearer, in the same run; plus the
// cost of one Ed25519 signature and one verification here.
// Env: CONNECTIONS (default 32), DURATION_S (5), ROUNDS (2), PGTEST_DIR/PGTEST_PORT.
// Writes bench/results/terminal-signing.json.
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { SIGNATURE_HEADERS, signedString } from '../contracts/terminal-keys';
import { TerminalKey } from '../host/terminal-key/terminal-key';
import { terminalKeys } from '../server/db/schema';
import { type Figures, freshDatabase, machine, merge, repo, startInstance, startPostgres } from './hall-harness';

const TERMINALS = 100; // the first half keyed, the second half with the secret alone
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const DURATION_S = Number(process.env.DURATION_S ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 2);

const pgServer = await startPostgres();
const db = await freshDatabase(pgServer.url, `term_sig_${process.pid}`, TERMINALS);
const keyed: { terminalId: string; key: TerminalKey }[] = [];
for (let i = 0; i < TERMINALS / 2; i++) {
  const terminalId = `LOAD-${String(i).padStart(3, '0')}`;
  const pkcs8 = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
  const key = await TerminalKey.loadOrCreate({
    kind: 'file',
    location: 'memory',
    read: async () => pkcs8,
    write: async () => undefined,
  });
  await db.database.db.insert(terminalKeys).values({
    terminalId,
    algorithm: 'ed25519',
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
  });
  keyed.push({ terminalId, key });
}
const bearers = db.credentials.slice(TERMINALS / 2);
const instance = await startInstance(db.url);

const heartbeat = JSON.stringify({
  inService: true,
  devices: [],
  appVersion: 'bench',
  uptimeS: 1,
  lastError: null,
});

type Mode = 'bearer' | 'signed';
type Route = 'profile' | 'heartbeat';

function requests(mode: Mode, route: Route): autocannon.Request[] {
  let n = 0;
  const method = route === 'profile' ? 'GET' : 'POST';
  const target = route === 'profile' ? '/api/v1/terminal' : '/api/v1/terminal/heartbeat';
  const body = route === 'profile' ? undefined : heartbeat;
  const bodySha256 = createHash('sha256')
    .update(body ?? '')
    .digest('hex');
  return [
    {
      method,
      path: target,
      ...(body ? { body } : {}),
      setupRequest: (req) => {
        const i = n++;
        const contentType = body ? { 'content-type': 'application/json' } : {};
        if (mode === 'bearer')
          return { ...req, headers: { ...contentType, authorization: bearers[i % bearers.length]! } };
        const { terminalId, key } = keyed[i % keyed.length]!;
        const parts = {
          terminalId,
          method,
          target,
          timeMs: Date.now(),
          nonce: randomBytes(16).toString('base64url'),
          bodySha256,
        };
        return {
          ...req,
          headers: {
            ...contentType,
            [SIGNATURE_HEADERS.terminalId]: terminalId,
            [SIGNATURE_HEADERS.time]: String(parts.timeMs),
            [SIGNATURE_HEADERS.nonce]: parts.nonce,
            [SIGNATURE_HEADERS.bodySha256]: bodySha256,
            [SIGNATURE_HEADERS.signature]: key.sign(signedString(parts)),
          },
        };
      },
    },
  ];
}

async function run(
  mode: Mode,
  route: Route,
  duration = DURATION_S,
): Promise<{ figures: Figures; cpuMicrosPerRequest: number }> {
  const cpuBefore = await instance.cpuMicros();
  const result = await autocannon({
    url: instance.url,
    connections: CONNECTIONS,
    duration,
    requests: requests(mode, route),
  });
  const cpu = (await instance.cpuMicros()) - cpuBefore;
  const figures = merge([result]);
  if (figures.non2xx > 0) throw new Error(`${mode} ${route}: ${figures.non2xx} answers were not 2xx`);
  return { figures, cpuMicrosPerRequest: Math.round(cpu / Math.max(1, figures.requests)) };
}

/** One Ed25519 signature and one verification, µs each (median of 5 batches of 2000). */
function cryptoCost(): { signMicros: number; verifyMicros: number } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = Buffer.from(
    signedString({
      terminalId: 'T',
      method: 'GET',
      target: '/api/v1/terminal',
      timeMs: 1,
      nonce: 'n',
      bodySha256: 'h',
    }),
  );
  const signature = sign(null, message, privateKey);
  const median = (f: () => void) => {
    const batches: number[] = [];
    for (let b = 0; b < 5; b++) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 2000; i++) f();
      batches.push(Number(process.hrtime.bigint() - t) / 2000 / 1000);
    }
    return Math.round(batches.sort((x, y) => x - y)[2]! * 10) / 10;
  };
  return {
    signMicros: median(() => sign(null, message, privateKey)),
    verifyMicros: median(() => verify(null, message, publicKey, signature)),
  };
}

try {
  // Warm-up: JIT, pool connections, plan caches, every terminal's key parsed once.
  for (const mode of ['bearer', 'signed'] as const)
    for (const route of ['profile', 'heartbeat'] as const) await run(mode, route, 2);
  const runs: Record<string, { figures: Figures; cpuMicrosPerRequest: number }[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const route of ['profile', 'heartbeat'] as const) {
      for (const mode of r % 2 === 0 ? (['bearer', 'signed'] as const) : (['signed', 'bearer'] as const)) {
        (runs[`${route}.${mode}`] ??= []).push(await run(mode, route));
      }
    }
  }
  const mean = (key: string, f: (x: { figures: Figures; cpuMicrosPerRequest: number }) => number) =>
    runs[key]!.reduce((s, x) => s + f(x), 0) / runs[key]!.length;
  const summary: Record<string, unknown> = {};
  for (const route of ['profile', 'heartbeat'] as const) {
    const rps = (mode: Mode) => Math.round(mean(`${route}.${mode}`, (x) => x.figures.rps));
    const cpu = (mode: Mode) => Math.round(mean(`${route}.${mode}`, (x) => x.cpuMicrosPerRequest));
    const p50 = (mode: Mode) => Math.round(mean(`${route}.${mode}`, (x) => x.figures.p50) * 10) / 10;
    summary[route] = {
      bearerRps: rps('bearer'),
      signedRps: rps('signed'),
      signedOverBearerRps: Math.round((rps('signed') / rps('bearer')) * 100) / 100,
      bearerServerCpuMicrosPerRequest: cpu('bearer'),
      signedServerCpuMicrosPerRequest: cpu('signed'),
      signedOverBearerCpu: Math.round((cpu('signed') / cpu('bearer')) * 100) / 100,
      bearerP50Ms: p50('bearer'),
      signedP50Ms: p50('signed'),
    };
  }
  const out = {
    when: new Date().toISOString(),
    machine: machine(),
    settings: { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, terminals: TERMINALS },
    crypto: cryptoCost(),
    summary,
    runs,
  };
  mkdirSync(path.join(repo, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repo, 'bench/results/terminal-signing.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify({ crypto: out.crypto, summary }, null, 2));
} finally {
  await instance.stop();
  await db.drop();
  pgServer.stop();
}

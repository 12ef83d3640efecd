// The kiosk side of the chaos run (bench/chaos.ts starts it, kills it with SIGKILL and starts it
// again). It plays scripted kiosk actions through the host's own HallClient, against the chaos
// proxy, and journals each action (fsync'd) before it starts and when the kiosk would tell the
// person the outcome: `begin`, then `done`, `failed` (the server refused: a definite answer) or
// `unknown` (the server could not be reached after retries with the same idempotency key).
// Env: HALL_URL, TERMINAL_ID, TERMINAL_SECRET, STAFF_TOKEN, JOURNAL, TOTAL, SEED.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { KioskError, fleetRoutes, inquiryRoutes, queueRoutes, statementRoutes } from '../contracts';
import { HallClient } from '../host/hall-client/hall-client';
import { demoPeople } from '../server/seed/demo-people';

export type ActionKind = 'ticket' | 'statement' | 'staffCommand';

/** The action at index i of the script (the same on every restart). */
export function scriptedAction(i: number, seed: number): ActionKind {
  const x = Math.abs(Math.sin((i + 1) * 12.9898 + seed) * 43758.5453) % 1;
  return x < 0.5 ? 'ticket' : x < 0.75 ? 'statement' : 'staffCommand';
}

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const hallUrl = env('HALL_URL');
const terminalId = env('TERMINAL_ID');
const staffToken = env('STAFF_TOKEN');
const journalPath = env('JOURNAL');
const total = Number(env('TOTAL'));
const seed = Number(process.env.SEED ?? 1);
const hall = new HallClient({ baseUrl: hallUrl, terminalId, terminalSecret: env('TERMINAL_SECRET'), timeoutMs: 3000 });
/** The staff console's call (a staff token, not the terminal credential), failures as KioskError codes. */
async function staffPost(path: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(new URL(path, hallUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
    await res.text();
  } catch {
    throw new KioskError('serverUnreachable', 'no answer');
  }
  if (res.status >= 500) throw new KioskError('serverUnreachable', `HTTP ${res.status}`);
  if (!res.ok) throw new KioskError('invalidRequest', `HTTP ${res.status}`);
}

// Resume after the last action begun before a kill (that one's outcome was never told).
const begun = existsSync(journalPath)
  ? readFileSync(journalPath, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('begin ')).length
  : 0;
const fd = openSync(journalPath, 'a');
function journal(line: string): void {
  writeSync(fd, line + '\n');
  fsyncSync(fd);
}

/** A transient failure: the network or an instance went away; retry with the same key. */
const transient = (e: unknown) => e instanceof KioskError && (e.code === 'serverUnreachable' || e.code === 'internal');

/** Retries a step with the same idempotency key for a while, as a kiosk should before telling the person. */
async function retried<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!transient(error) || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 150 * attempt));
    }
  }
}

async function ticket(key: string): Promise<void> {
  await retried(() => hall.call(queueRoutes.issueTicket, { body: { categoryCode: 'A', idempotencyKey: key } }));
}

async function statement(key: string, i: number): Promise<void> {
  const person = demoPeople[i % demoPeople.length]!;
  // Card in: a session open is not keyed; a retried open makes a second session, which is harmless.
  const opened = await retried(() =>
    hall.openSession({ identifiedBy: 'ssCard', idNumber: person.idNumber, name: person.name }),
  );
  const params = { sessionId: opened.sessionId };
  try {
    await retried(() => hall.call(inquiryRoutes.secondFactor, { params, body: { method: 'ssCardPin' } }));
    await retried(() =>
      hall.call(statementRoutes.issueStatement, {
        params,
        body: { kind: 'rightsStatement', year: 2024, requestId: key },
      }),
    );
  } finally {
    // Card out (the server's idle expiry closes it when this does not arrive).
    await hall.closeSession(opened.sessionId).catch(() => undefined);
  }
}

async function staffCommand(key: string): Promise<void> {
  await retried(() =>
    staffPost(`/api/v1/staff/terminals/${terminalId}/commands`, { kind: 'inService', idempotencyKey: key }),
  );
  // The terminal picks its commands up and acks them (an ack is idempotent per command).
  const pending = await retried(() => hall.call(fleetRoutes.terminalCommands, { query: { waitMs: '0' } })).catch(
    () => ({ commands: [] as { commandId: string }[] }),
  );
  for (const c of pending.commands) {
    await hall
      .call(fleetRoutes.ackCommand, { params: { commandId: c.commandId }, body: { result: 'done', detail: null } })
      .catch(() => undefined);
  }
}

// A fetch whose connection the network cut can leave nothing but its (unref'd) abort timer
// behind; this keeps the process alive so that timer fires, as the host's own timers do.
const keepAlive = setInterval(() => undefined, 1000);
for (let i = begun; i < total; i++) {
  const kind = scriptedAction(i, seed);
  const key = kind === 'staffCommand' ? `chaos-${randomUUID()}` : randomUUID();
  journal(`begin ${i} ${kind} ${key}`);
  try {
    if (kind === 'ticket') await ticket(key);
    else if (kind === 'statement') await statement(key, i);
    else await staffCommand(key);
    journal(`done ${i} ${kind} ${key}`);
  } catch (error) {
    const code = error instanceof KioskError ? error.code : 'internal';
    journal(`${transient(error) ? 'unknown' : 'failed'} ${i} ${kind} ${key} ${code}`);
  }
}
closeSync(fd);
clearInterval(keepAlive);
process.exit(0);

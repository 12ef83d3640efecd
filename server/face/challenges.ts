/**
 * Issuing and spending face challenges. The actions and the light sequence come from the server's
 * CSPRNG; a challenge is stored with its session, terminal and person and answered at most once
 * before it expires (an unknown, expired or used one is `conflict`).
 */
import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import {
  type FaceChallenge,
  type FaceChallengePurpose,
  LIGHT_STEP_MIN_MS,
  type LightStep,
  LivenessAction,
} from '../../contracts/face-challenge';
import { faceChallenges } from '../db/schema';
import type { Db } from '../db/types';

/**
 * Soft colour fields far apart in chromaticity (pale red, green, blue, yellow, cyan, magenta): bright
 * enough to light a face, gentle enough to look at.
 */
export const LIGHT_PALETTE: ReadonlyArray<[number, number, number]> = [
  [255, 170, 170],
  [170, 255, 170],
  [170, 190, 255],
  [255, 245, 160],
  [160, 245, 245],
  [245, 170, 245],
];
const LIGHT_STEP_MAX_MS = 900;

const rand = (n: number) => randomInt(0, n);

/** Distinct actions in random order, the two turns never next to each other. */
export function pickActions(length: 2 | 3): LivenessAction[] {
  const out: LivenessAction[] = [];
  while (out.length < length) {
    const last = out[out.length - 1];
    const pool = LivenessAction.options.filter(
      (a) => !out.includes(a) && !(last?.startsWith('turn') && a.startsWith('turn')),
    );
    out.push(pool[rand(pool.length)]!);
  }
  return out;
}

/** A random light sequence covering `totalMs`: never the same colour twice in a row, at most 2.5 changes a second. */
export function pickLight(totalMs: number): LightStep[] {
  const out: LightStep[] = [];
  let sum = 0;
  let last = -1;
  while (sum < totalMs && out.length < 400) {
    let c = rand(LIGHT_PALETTE.length - 1);
    if (c >= last && last >= 0) c++;
    last = c;
    const ms = LIGHT_STEP_MIN_MS + rand(LIGHT_STEP_MAX_MS - LIGHT_STEP_MIN_MS + 1);
    out.push({ rgb: [...LIGHT_PALETTE[c]!], ms });
    sum += ms;
  }
  return out;
}

export interface IssueOptions {
  purpose: FaceChallengePurpose;
  challengeLength: 2 | 3;
  actionTimeoutMs: number;
  lifetimeMs: number;
  /** Tests only: the actions to ask (the browser tests' recorded video shows all four). */
  fixedActions?: LivenessAction[];
}

/** Stores and returns a new challenge for the session's person on this terminal. */
export async function issueChallenge(
  db: Db,
  terminalId: string,
  sessionId: string,
  personId: number,
  options: IssueOptions,
): Promise<FaceChallenge> {
  const [row] = await db
    .insert(faceChallenges)
    .values({
      sessionId,
      terminalId,
      personId,
      purpose: options.purpose,
      actions: options.fixedActions ?? pickActions(options.challengeLength),
      light: pickLight(options.lifetimeMs),
      actionTimeoutMs: options.actionTimeoutMs,
      expiresAt: sql`now() + make_interval(secs => ${options.lifetimeMs / 1000})`,
    })
    .returning();
  return {
    challengeId: row!.id,
    purpose: row!.purpose,
    actions: row!.actions,
    actionTimeoutMs: row!.actionTimeoutMs,
    light: row!.light,
    issuedAt: row!.issuedAt.toISOString(),
    expiresAt: row!.expiresAt.toISOString(),
  };
}

export type SpentChallenge = typeof faceChallenges.$inferSelect & { elapsedMs: number };

/** Marks the challenge used by this attempt and returns it; `conflict` when unknown, expired or used. */
export async function spendChallenge(
  db: Db,
  challengeId: string,
  sessionId: string,
  purpose: FaceChallengePurpose,
  requestId: string,
): Promise<SpentChallenge> {
  const [row] = await db
    .update(faceChallenges)
    .set({ usedAt: sql`now()`, usedBy: requestId })
    .where(
      and(
        eq(faceChallenges.id, challengeId),
        eq(faceChallenges.sessionId, sessionId),
        eq(faceChallenges.purpose, purpose),
        isNull(faceChallenges.usedAt),
        gt(faceChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning();
  if (!row) throw new KioskError('conflict', 'the face challenge is unknown, expired or already used');
  const elapsedMs = Math.max(0, (row.usedAt ?? new Date()).getTime() - row.issuedAt.getTime());
  return { ...row, elapsedMs };
}

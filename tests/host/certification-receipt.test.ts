// Certification through the host: a demo retiree's card, an attempt with real descriptors (other
// photos of the enrolled face), the outcome from the hall server, and the receipt as the simulated
// printer drew it from the ESC/POS bytes it received (masked name, next due date, QR code).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationOutcome, CertificationStatus, FaceChallenge, type KioskEvent } from '../../contracts';
import { chineseDate } from '../../documents/receipts/certification';
import { svgToPng } from '../../devices/receipt-printer/render/png';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { demoPeople, startHallServer, type HallServer } from '../../server';
import { demoPhotoFolder, photoDescriptors } from '../../server/certification/demo-references';
import { ageChallenge, evidenceFor } from '../server/support/face-evidence';

process.env.KIOSK_LOG = process.env.KIOSK_LOG ?? 'silent';

let hall: HallServer;
let running: RunningHost;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];
const retiree = demoPeople[1]!; // 李秀英, due

async function until<T>(probe: () => T | undefined, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The text runs of a receipt SVG, one per line. */
function receiptText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))))
    .join('\n');
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-CERT-01' });
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-CERT-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
  });
  running.host.onEvent((event, payload) => events.push({ event, payload }));
}, 120_000);
afterAll(async () => {
  await running?.stop();
  await hall?.close();
});

describe('certification through the host', () => {
  it('submits an attempt, prints the receipt, and the printer shows the masked name and the next due date', async () => {
    running.hardware!.insertIdCard(retiree);
    await until(
      () => events.find((e) => e.event === 'sessionChanged' && (e.payload as { session: unknown }).session),
      'session',
    );
    const status = await running.host.call('getCertificationStatus', {});
    expect(status.ok).toBe(true);
    expect(CertificationStatus.parse((status as { value: unknown }).value)).toMatchObject({
      standing: 'due',
      faceEnrolled: true,
    });

    const live = await photoDescriptors(
      ['franck_02045.jpg', 'franck_04000.jpg'].map((f) => path.join(demoPhotoFolder, f)),
    );
    // The hall server issues the challenge; the frames answer it (see tests/server/support/face-evidence.ts).
    const issued = await running.host.call('startCertificationAttempt', {});
    expect(issued.ok, JSON.stringify(issued).slice(0, 200)).toBe(true);
    const challenge = FaceChallenge.parse((issued as { value: unknown }).value);
    expect(challenge.actions).toHaveLength(2);
    await ageChallenge(hall.db, challenge.challengeId);
    const params = {
      attempt: 1,
      ...evidenceFor(challenge, live, {}, { consistency: 0.35, antiSpoof: null, liveness: null }),
    };
    const reply = await running.host.call('submitCertification', params);
    expect(reply.ok, JSON.stringify(reply).slice(0, 200)).toBe(true);
    const outcome = CertificationOutcome.parse((reply as { value: unknown }).value);
    expect(outcome.result).toBe('passed');
    // The same attempt sent again (a lost answer) gets the same record back.
    const again = CertificationOutcome.parse(
      ((await running.host.call('submitCertification', params)) as { value: unknown }).value,
    );
    expect(again.certificationId).toBe(outcome.certificationId);

    const before = running.hardware!.printedReceipts().length;
    const printed = await running.host.call('printCertificationReceipt', {});
    expect(printed, JSON.stringify(printed)).toEqual({ ok: true, value: { printed: true } });
    const receipts = await until(() => {
      const all = running.hardware!.printedReceipts();
      return all.length > before ? all : undefined;
    }, 'receipt printed');
    const text = receiptText(receipts[0]!.svg);
    expect(text).toContain('李**');
    expect(text).not.toContain('李秀英');
    expect(text).toContain(chineseDate(outcome.nextDueDate!));
    expect(text).toContain('KIOSK-CERT-01');
    expect(text).toContain('12333');
    const dir = 'test-results/screenshots';
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'certification-receipt.png'), svgToPng(receipts[0]!.svg, 1));
  });
});

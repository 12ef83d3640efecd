// A card reader with a PIN pad (PC/SC part 10): the PIN step says 请在读卡器键盘上输入密码 and shows
// no keypad; the kiosk asks the reader, and the card's answer (wrong, then right) is told on screen.
// The reader's keypad itself is doubled at the device manager (a PIN "typed" by the test reaches
// the simulated card as a VERIFY); its bytes over PC/SC are tested in tests/devices/ss-card-pcsc.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;
const typed: string[] = [];
let padRequests = 0;

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 300_000 });
  const devices = k.running.devices;
  devices.ssCardPinPad = () => true;
  devices.verifySsCardPinOnPad = async () => {
    padRequests += 1;
    // The holder takes a moment at the reader's keypad.
    while (typed.length === 0) await new Promise((r) => setTimeout(r, 50));
    return devices.verifySsCardPin(typed.shift()!);
  };
});
afterAll(() => k?.close());

describe('PIN typed on the card reader’s keypad', () => {
  it('tells where to type, counts a wrong PIN down, and opens the details on the right one', async () => {
    const person = demoCards()[0]!.card;
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.simulator.getByTestId(`sim-insert-ss-${person.idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-inquiry').click();
    await k.kiosk.getByTestId('inquiry-open-contributions').click();

    const pad = k.kiosk.getByTestId('pin-pad');
    await pad.waitFor();
    await expect(pad.textContent()).resolves.toContain('请在读卡器键盘上输入密码');
    expect(await k.kiosk.getByTestId('pin-key-1').count()).toBe(0); // no keypad on the screen
    await expect.poll(() => padRequests).toBe(1);
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
      [1280, 1024],
      [1366, 768],
    ] as const) {
      await k.kiosk.setViewportSize({ width, height });
      await screenshot(k.kiosk, `pinpad-01-enter-${width}x${height}`);
    }
    await k.kiosk.setViewportSize({ width: 1920, height: 1080 });

    typed.push('000000');
    await k.kiosk.getByTestId('pin-wrong').waitFor();
    await expect(k.kiosk.getByTestId('pin-wrong').textContent()).resolves.toContain('还可以再试 2 次');
    await expect.poll(() => k.simulator.getByTestId('sim-ss-tries').textContent(), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => padRequests).toBe(2); // asked again, on the reader
    await screenshot(k.kiosk, 'pinpad-02-wrong');

    typed.push('123456');
    await k.kiosk.getByTestId('inquiry-years').waitFor({ timeout: 10_000 });
    await expect.poll(() => k.simulator.getByTestId('sim-ss-tries').textContent(), { timeout: 10_000 }).toBe('3');
  });
});

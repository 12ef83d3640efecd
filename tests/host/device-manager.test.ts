import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, IdCardFields } from '../../contracts';
import { createDeviceManager, type IdCardRead } from '../../host/device-manager/device-manager';
import { SimulatedHardware } from '../../host/device-manager/simulated-hardware';

process.env.KIOSK_LOG = 'silent';

const CARD: IdCardFields = {
  name: '张建国',
  sex: '1',
  nation: '01',
  birthDate: '19680315',
  address: '北京市东城区东华门街道1号',
  idNumber: '110101196803150016',
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20150101',
  validTo: '20350101',
};

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('device manager over the simulated ID card reader', () => {
  let stop: () => Promise<void> = async () => undefined;
  afterEach(() => stop());

  async function start() {
    const hardware = new SimulatedHardware();
    await hardware.start();
    const devices = createDeviceManager({
      idCardTransport: hardware.idCardTransport,
      driverOptions: { pollIntervalMs: 20, responseTimeoutMs: 200, readTimeoutMs: 500 },
      reconnectIntervalMs: 100,
    });
    const cards: IdCardRead[] = [];
    let removed = 0;
    const health: DeviceHealth[] = [];
    devices.onIdCard((c) => cards.push(c));
    devices.onIdCardRemoved(() => removed++);
    devices.onHealth((h) => health.push(h));
    await devices.start();
    stop = async () => {
      await devices.stop();
      await hardware.stop();
    };
    return { hardware, devices, cards, health, removed: () => removed };
  }

  it('reports a card once while it stays, and its removal', async () => {
    const { hardware, cards, removed } = await start();
    hardware.insertIdCard(CARD);
    await until(() => cards.length === 1, 'card read');
    expect(cards[0]).toEqual({ name: '张建国', idNumber: '110101196803150016' });
    await new Promise((r) => setTimeout(r, 300)); // many poll cycles with the card still there
    expect(cards).toHaveLength(1);
    hardware.removeIdCard();
    await until(() => removed() === 1, 'card removed');
  });

  it('an unplugged reader is failed, then recovers on its own after replug', async () => {
    const { hardware, devices, cards, removed } = await start();
    hardware.insertIdCard(CARD);
    await until(() => cards.length === 1, 'card read');
    hardware.unplug('idCardReader');
    await until(() => devices.health()[0]?.state === 'failed', 'health failed');
    expect(removed()).toBe(1); // a card held by a lost reader counts as gone
    await hardware.replug('idCardReader');
    await until(() => devices.health()[0]?.state === 'ok', 'health ok again', 5000);
    // The card still lies there: after a replug it is read again as a new placement.
    await until(() => cards.length === 2, 'card read again');
  });
});

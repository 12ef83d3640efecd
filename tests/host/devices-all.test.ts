import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../contracts';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { createDeviceManager, DeviceJobError, type SsCardRead } from '../../host/device-manager/device-manager';
import { SimulatedHardware } from '../../host/device-manager/simulated-hardware';
import { demoSsCard } from '../../host/simulator/simulator-service';

process.env.KIOSK_LOG = 'silent';

const HOLDER = {
  name: '王秀英',
  sex: '2',
  nation: '01',
  birthDate: '19520314',
  address: '南京市玄武区',
  idNumber: '320102195203140028',
  issuingAuthority: '南京市公安局',
  validFrom: '20150101',
  validTo: '长期',
};

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('device manager over every simulated device', () => {
  let stop: () => Promise<void> = async () => undefined;
  afterEach(() => stop());

  async function start() {
    const hardware = new SimulatedHardware();
    await hardware.start();
    const devices = createDeviceManager({
      idCardTransport: hardware.idCardTransport,
      driverOptions: { pollIntervalMs: 20, responseTimeoutMs: 200, readTimeoutMs: 500 },
      ssCardReader: { kind: 'transport', transport: hardware.ssCardTransport },
      qrScanner: { mode: 'hidPos', open: hardware.qrDevice.open },
      receiptPrinter: {
        transport: hardware.receiptPrinterTransport,
        driverOptions: { pollIntervalMs: 50, responseTimeoutMs: 200 },
      },
      a4Printer: hardware.a4Printer,
      reconnectIntervalMs: 100,
      a4PollIntervalMs: 100,
    });
    const ssCards: SsCardRead[] = [];
    let ssRemoved = 0;
    const scans: string[] = [];
    const health: DeviceHealth[] = [];
    devices.onSsCard((c) => ssCards.push(c));
    devices.onSsCardRemoved(() => ssRemoved++);
    devices.onQrScanned((t) => scans.push(t));
    devices.onHealth((h) => health.push(h));
    await devices.start();
    stop = async () => {
      await devices.stop();
      await hardware.stop();
    };
    const stateOf = (device: DeviceHealth['device']) => devices.health().find((h) => h.device === device);
    return { hardware, devices, ssCards, ssRemoved: () => ssRemoved, scans, health, stateOf };
  }

  it('starts with every device healthy', async () => {
    const { devices } = await start();
    await until(() => devices.health().every((h) => h.state === 'ok'), 'all ok');
    expect(devices.health().map((h) => h.device)).toEqual([
      'idCardReader',
      'ssCardReader',
      'qrScanner',
      'receiptPrinter',
      'a4Printer',
    ]);
  });

  it('a social security card in the slot is read and announced, and its removal', async () => {
    const { hardware, ssCards, ssRemoved } = await start();
    hardware.insertSsCard(demoSsCard(HOLDER));
    await until(() => ssCards.length === 1, 'ss card read');
    expect(ssCards[0]).toEqual({ name: '王秀英', idNumber: '320102195203140028', cardNo: 'S03140028' });
    hardware.removeSsCard();
    await until(() => ssRemoved() === 1, 'ss card removed');
  });

  it('a scan reaches onQrScanned', async () => {
    const { hardware, scans } = await start();
    hardware.scanQr('https://si.example/e-card?t=ABC123');
    await until(() => scans.length === 1, 'scan');
    expect(scans).toEqual(['https://si.example/e-card?t=ABC123']);
  });

  it('prints a receipt; the simulator keeps it drawn from the bytes it received', async () => {
    const { hardware, devices } = await start();
    const job = buildReceiptJob('^^排队号 A017\n\n前面还有 3 人\n');
    const printed = await devices.printReceipt({ escpos: job.escpos });
    expect(printed.processId).toHaveLength(4);
    await until(() => hardware.printedReceiptCount === 1, 'receipt kept');
    const [receipt] = hardware.printedReceipts();
    expect(receipt!.svg).toMatch(/^<svg/);
    expect(receipt!.svg).toContain('A017');
  });

  it('paper out: health failed (paperOut) and a receipt is refused with a typed error; a new roll recovers', async () => {
    const { hardware, devices, stateOf } = await start();
    hardware.setPaper('out');
    await until(() => stateOf('receiptPrinter')?.state === 'failed', 'printer failed');
    expect(stateOf('receiptPrinter')).toEqual({ device: 'receiptPrinter', state: 'failed', reason: 'paperOut' });
    const refused = await devices.printReceipt({ escpos: buildReceiptJob('x\n').escpos }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeviceJobError);
    expect(refused).toMatchObject({
      code: 'deviceFailed',
      device: 'receiptPrinter',
      reason: 'paperOut',
      delivery: 'notSent',
    });
    expect(hardware.printedReceiptCount).toBe(0);
    hardware.setPaper('ok');
    await until(() => stateOf('receiptPrinter')?.state === 'ok', 'printer ok');
  });

  it('cover open is failed with reason coverOpen', async () => {
    const { hardware, stateOf } = await start();
    hardware.setCoverOpen(true);
    await until(() => stateOf('receiptPrinter')?.reason === 'coverOpen', 'cover open');
    hardware.setCoverOpen(false);
    await until(() => stateOf('receiptPrinter')?.state === 'ok', 'cover closed');
  });

  it('hands a PDF to the A4 printer', async () => {
    const { hardware, devices } = await start();
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');
    const { jobId } = await devices.printA4(pdf, { title: '参保证明' });
    expect(hardware.a4Documents()).toEqual([expect.objectContaining({ id: jobId, title: '参保证明', pages: 1 })]);
  });

  it('counts every A4 page while keeping only the latest 10 documents (the soak found them all kept)', async () => {
    const { hardware, devices } = await start();
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');
    for (let i = 1; i <= 15; i++) {
      const { jobId } = await devices.printA4(pdf, { title: `证明 ${i}`, copies: 2 });
      await hardware.a4Printer.waitForCompletion(jobId, { timeoutMs: 2000 });
    }
    const kept = hardware.a4Documents();
    expect(kept).toHaveLength(10);
    expect(kept[0]).toMatchObject({ title: '证明 15', pages: 1 });
    expect(hardware.a4Pages).toBe(30);
  });

  for (const device of ['ssCardReader', 'qrScanner', 'receiptPrinter', 'a4Printer'] as const) {
    it(`${device}: unplugged is failed, and it recovers on its own within 5 s of a replug`, async () => {
      const { hardware, stateOf } = await start();
      await until(() => stateOf(device)?.state === 'ok', 'ok at start');
      hardware.unplug(device);
      await until(() => stateOf(device)?.state === 'failed', 'failed after unplug');
      await hardware.replug(device);
      const replugged = Date.now();
      await until(() => stateOf(device)?.state === 'ok', 'ok after replug', 5000);
      expect(Date.now() - replugged).toBeLessThan(5000);
    });
  }

  it('a scanner that was replugged still delivers scans', async () => {
    const { hardware, scans, stateOf } = await start();
    hardware.unplug('qrScanner');
    await until(() => stateOf('qrScanner')?.state === 'failed', 'failed');
    await hardware.replug('qrScanner');
    await until(() => stateOf('qrScanner')?.state === 'ok', 'ok');
    hardware.scanQr('CASE-2025-0001');
    await until(() => scans.length === 1, 'scan after replug');
    expect(scans).toEqual(['CASE-2025-0001']);
  });
});

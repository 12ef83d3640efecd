// The social security card through a real PC/SC stack (pcscd + vsmartcard's vpcd + our card in
// vicc + the `smartcard` binding): card in -> the driver's `cardInserted`, and one APDU's round
// trip, against the same driver over the in-process simulated reader in the same run.
import { existsSync } from 'node:fs';
import { SsCardReaderDriver } from '../devices/ss-card/driver';
import { createSimulatedSsCardReader } from '../devices/ss-card/simulated-reader';
import { encodeCommandApdu } from '../devices/ss-card/apdu';
import { selectSsCardFile, selectSsse } from '../devices/ss-card/commands';
import type { ApduTransport } from '../devices/ss-card/transport';
import { loadPcscBinding } from '../devices/ss-card/pcsc/binding';
import { PcscApduTransport } from '../devices/ss-card/pcsc/transport';
import { demoSsCard } from '../host/simulator/simulator-service';
import { demoPeople } from '../server/seed/demo-people';
import { startPcscLab } from '../tests/devices/pcsc/pcsc-lab';
import type { BenchResult } from './types';

const image = demoSsCard(demoPeople[0]!);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median round trip of SELECT EF05 (inside SSSE), `n` times. */
async function roundTrips(transport: ApduTransport, n: number): Promise<number> {
  await transport.transmit(encodeCommandApdu(selectSsse()));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await transport.transmit(encodeCommandApdu(selectSsCardFile(0xef05)));
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function simulated(runs: number): Promise<{ insert: number; apdu: number }> {
  const reader = createSimulatedSsCardReader();
  const driver = new SsCardReaderDriver(reader.transport);
  const inserts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const read = new Promise<void>((resolve) => driver.on('cardInserted', () => resolve()));
    reader.insertCard(image);
    await read;
    inserts.push(performance.now() - t0);
    reader.removeCard();
  }
  reader.insertCard(image);
  await new Promise((r) => setTimeout(r, 50));
  const apdu = await roundTrips(reader.transport, 50);
  driver.dispose();
  return { insert: median(inserts), apdu };
}

/** Card in -> session data, and APDU round trips, through pcscd; [] where the stack is absent. */
export async function benchSsCardPcsc(runs = 7): Promise<BenchResult[]> {
  const loaded = loadPcscBinding();
  if (!loaded.ok || !existsSync('/usr/sbin/pcscd') || !existsSync('/usr/bin/vicc')) {
    console.log('ss card through PC/SC: skipped (needs pcscd, vsmartcard and the smartcard binding)');
    return [];
  }
  const base = await simulated(runs);
  const lab = await startPcscLab('HRSS Bench Reader');
  const transport = new PcscApduTransport(loaded.binding, { reader: '*00 00' });
  const driver = new SsCardReaderDriver(transport);
  try {
    transport.start();
    while (!transport.isOpen) await new Promise((r) => setTimeout(r, 20));
    const inserts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const read = new Promise<number>((resolve) => driver.on('cardInserted', () => resolve(performance.now())));
      const card = await lab.insertCard(0, image); // resolves once vicc is connected to vpcd
      const t0 = performance.now();
      inserts.push((await read) - t0);
      await card.pull();
      while (transport.cardPresent()) await new Promise((r) => setTimeout(r, 20));
    }
    const card = await lab.insertCard(0, image);
    while (!driver.card) await new Promise((r) => setTimeout(r, 20));
    const apdu = await roundTrips(transport, 50);
    await card.pull();
    return [
      {
        name: 'ss card: simulated reader, insert -> cardInserted (baseline)',
        value: base.insert,
        unit: 'ms',
        baseline: base.insert,
      },
      {
        name: 'ss card: pcscd+vpcd, card connected -> cardInserted',
        value: median(inserts),
        unit: 'ms',
        baseline: base.insert,
      },
      {
        name: 'ss card: simulated reader, one APDU round trip (baseline)',
        value: base.apdu,
        unit: 'ms',
        baseline: base.apdu,
      },
      { name: 'ss card: pcscd+vpcd, one APDU round trip', value: apdu, unit: 'ms', baseline: base.apdu },
    ];
  } finally {
    driver.dispose();
    await transport.close();
    await lab.stop();
  }
}

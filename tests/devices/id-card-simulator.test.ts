import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameDecoder, encodeFindCard, parseResponse } from '../../devices/id-card/codec';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { createLinkedPair } from '../../devices/transports/memory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A simulator on one end; raw bytes in and decoded SW3 bytes out on the other. */
async function wire() {
  const pair = createLinkedPair();
  await pair.a.open();
  await pair.b.open();
  const simulator = new IdCardReaderSimulator(pair.b);
  cleanups.push(() => simulator.dispose());
  const decoder = new FrameDecoder();
  const statuses: number[] = [];
  pair.a.on('data', (chunk) => {
    for (const item of decoder.push(chunk)) if (item.kind === 'frame') statuses.push(parseResponse(item.payload)!.sw3);
  });
  return { pair, simulator, statuses };
}

describe('IdCardReaderSimulator on the wire', () => {
  it('answers a frame with a bad checksum with SW3 10', async () => {
    const { pair, statuses, simulator } = await wire();
    await pair.a.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x23));
    await vi.waitFor(() => expect(statuses).toEqual([0x10]));
    expect(simulator.commandCount('badFrame')).toBe(1);
  });

  it('answers an unknown command with SW3 21', async () => {
    const { pair, statuses } = await wire();
    // CMD 0x77 PARA 0x01, checksum 00 ^ 03 ^ 77 ^ 01 = 75.
    await pair.a.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x77, 0x01, 0x75));
    await vi.waitFor(() => expect(statuses).toEqual([0x21]));
  });

  it('answers an impossible length with SW3 11 and ignores plain garbage', async () => {
    const { pair, statuses } = await wire();
    await pair.a.write(Uint8Array.of(0x01, 0x02, 0x03));
    await pair.a.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff));
    await pair.a.write(encodeFindCard());
    await vi.waitFor(() => expect(statuses).toEqual([0x11, 0x80]));
  });

  it('stays silent when told to', async () => {
    const { pair, statuses, simulator } = await wire();
    simulator.setSilent(true);
    await pair.a.write(encodeFindCard());
    await vi.waitFor(() => expect(simulator.commandCount('findCard')).toBe(1));
    simulator.setSilent(false);
    await pair.a.write(encodeFindCard());
    await vi.waitFor(() => expect(statuses).toEqual([0x80]));
  });
});

/**
 * The embedded default's hardware: device simulators on the far side of in-memory cables,
 * with the controls the simulator page offers (insert a card, pull a cable).
 */
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { createLinkedPair, type LinkedPair } from '../../devices/transports/memory';
import type { Transport } from '../../devices/transport';
import type { IdCardFields, SimulatedDevice } from '../../contracts';

/** Simulated devices and their cables. */
export class SimulatedHardware {
  private readonly idCardCable: LinkedPair;
  private readonly idCardReader: IdCardReaderSimulator;
  private cardInField: IdCardFields | null = null;
  private readonly listeners = new Set<() => void>();

  constructor() {
    // Chunked delivery, as a UART would: the driver must reassemble frames.
    this.idCardCable = createLinkedPair({ maxChunkSize: 64 });
    this.idCardReader = new IdCardReaderSimulator(this.idCardCable.b);
  }

  /** The transport the ID card reader driver uses. */
  get idCardTransport(): Transport {
    return this.idCardCable.a;
  }

  /** Powers the simulated devices on. */
  async start(): Promise<void> {
    await this.idCardCable.b.open();
  }

  /** Powers them off. */
  async stop(): Promise<void> {
    this.idCardReader.dispose();
    await this.idCardCable.b.close();
  }

  /** Puts a card on the simulated reader. */
  insertIdCard(card: IdCardFields): void {
    this.idCardReader.insertCard({ text: { ...card } });
    this.cardInField = card;
    this.changed();
  }

  /** Takes the card off the reader. */
  removeIdCard(): void {
    this.idCardReader.removeCard();
    this.cardInField = null;
    this.changed();
  }

  /** The ID number of the card on the reader, if any. */
  get idCardInField(): string | null {
    return this.cardInField?.idNumber ?? null;
  }

  /** Devices whose cable is pulled. */
  get unplugged(): SimulatedDevice[] {
    return this.idCardCable.plugged ? [] : ['idCardReader'];
  }

  /** Pulls a device's cable. */
  unplug(device: SimulatedDevice): void {
    if (device === 'idCardReader') this.idCardCable.unplug();
    this.changed();
  }

  /** Puts a device's cable back; the device powers on at once. */
  async replug(device: SimulatedDevice): Promise<void> {
    if (device === 'idCardReader') {
      this.idCardCable.replug();
      await this.idCardCable.b.open();
      // A reader that lost power lost its RF field: a card lying on it is a new placement.
      if (this.cardInField) this.idCardReader.insertCard({ text: { ...this.cardInField } });
    }
    this.changed();
  }

  /** Subscribes to state changes of the simulated hardware. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * The embedded default's hardware: device simulators on the far side of in-memory cables and
 * fakes, with the controls the simulator page offers (insert a card, scan a code, pull the
 * paper, open the cover, pull a cable). Receipts are kept as the printer drew them from the
 * bytes it received.
 */
import { A4PrinterSimulator } from '../../devices/a4-printer/simulator';
import type { A4PrintOptions } from '../../devices/a4-printer/a4-printer';
import { FakeHidDevice } from '../../devices/hid/fake';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { QrScannerSimulator } from '../../devices/qr-scanner/simulator';
import { receiptSvg } from '../../devices/receipt-printer/render/svg';
import { ReceiptPrinterSimulator } from '../../devices/receipt-printer/simulator';
import { createSimulatedSsCardReader, type SimulatedSsCardReader } from '../../devices/ss-card/simulated-reader';
import { SsCardSimulator } from '../../devices/ss-card/simulator';
import type { SsCardImage } from '../../devices/ss-card/card-image';
import type { ApduTransport } from '../../devices/ss-card/transport';
import { createLinkedPair, type LinkedPair } from '../../devices/transports/memory';
import type { Transport } from '../../devices/transport';
import type { A4Document, IdCardFields, PaperState, PrintedReceipt, SimulatedDevice } from '../../contracts';

const KEPT_RECEIPTS = 10;

/** An A4 simulator that remembers when each document came. */
class TimedA4Simulator extends A4PrinterSimulator {
  readonly printedAt = new Map<string, string>();
  /** Pages of every document given since start (the documents themselves are kept only a while). */
  pages = 0;
  /** Told of every document that came, so the simulator page can show it at once. */
  onPrinted: () => void = () => undefined;

  override async print(pdf: Uint8Array, options: A4PrintOptions) {
    const result = await super.print(pdf, options);
    if (result.ok) {
      this.printedAt.set(result.value.jobId, new Date().toISOString());
      this.pages += (countPages(pdf) ?? 0) * (options.copies ?? 1);
      // Forget the times of documents the queue no longer keeps.
      for (const jobId of this.printedAt.keys()) {
        if (!this.documents.some((d) => d.jobId === jobId)) this.printedAt.delete(jobId);
      }
      this.onPrinted();
    }
    return result;
  }
}

/**
 * A demo social security card whose next PIN check can be made to fail (the simulator page's
 * "下一次输入视为错误"), and which can be locked outright ("锁卡"), as a person could by typing wrong PINs.
 */
class DemoSsCard extends SsCardSimulator {
  /** The next VERIFY is answered as if a wrong PIN had been typed. */
  wrongNext = false;

  constructor(readonly image: SsCardImage) {
    super(image);
  }

  override process(apdu: Uint8Array): Uint8Array {
    // VERIFY (INS 20): swap the PIN for one that cannot be right, so the card counts a real wrong try.
    if (this.wrongNext && apdu[1] === 0x20 && apdu.length >= 8) {
      this.wrongNext = false;
      return super.process(Uint8Array.from(apdu, (b, i) => (i >= 5 && i < 8 ? (this.otherPinByte(i - 5) ?? b) : b)));
    }
    return super.process(apdu);
  }

  /** Types wrong PINs until the card blocks its PIN. */
  lock(): void {
    for (let i = 0; i < 20 && this.triesLeft > 0; i++) {
      this.wrongNext = true;
      this.process(Uint8Array.of(0x00, 0x20, 0x00, 0x00, 0x03, 0, 0, 0));
    }
    this.wrongNext = false;
  }

  /** One BCD byte of a PIN that differs from the card's in every position. */
  private otherPinByte(index: number): number {
    const pin = this.image.pin;
    const digit = (c: string) => ((Number(c) + 5) % 10).toString();
    const pair = pin.slice(2 * index, 2 * index + 2);
    return parseInt(digit(pair[0]!) + digit(pair[1]!), 16);
  }
}

/** Pages of a PDF by its page objects (good enough for the PDFs we make; absent when none are found). */
function countPages(pdf: Uint8Array): number | undefined {
  const n =
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return n > 0 ? n : undefined;
}

/** Simulated devices and their cables. */
export class SimulatedHardware {
  private readonly idCardCable: LinkedPair;
  private readonly idCardReader: IdCardReaderSimulator;
  private cardInField: IdCardFields | null = null;
  private readonly ssReader: SimulatedSsCardReader = createSimulatedSsCardReader();
  private ssCard: DemoSsCard | null = null;
  /** Each demo person's card, kept so its PIN try counter survives taking it out, as on a real card. */
  private readonly ssCards = new Map<string, DemoSsCard>();
  private ssUnplugged = false;
  /** The QR scanner's USB cable and the scanner on it (HID POS, as the embedded default configures it). */
  readonly qrDevice = new FakeHidDevice();
  private readonly qrScanner = new QrScannerSimulator(this.qrDevice, { mode: 'hidPos' });
  private readonly printerCable: LinkedPair;
  private readonly printer: ReceiptPrinterSimulator;
  private readonly receipts: PrintedReceipt[] = [];
  private receiptCount = 0;
  private paper: PaperState = 'ok';
  private cover = false;
  private readonly a4 = new TimedA4Simulator({ name: 'KioskA4', keep: KEPT_RECEIPTS });
  private a4Unplugged = false;
  private readonly listeners = new Set<() => void>();

  constructor() {
    // Chunked delivery, as a UART would: the driver must reassemble frames.
    this.idCardCable = createLinkedPair({ maxChunkSize: 64 });
    this.idCardReader = new IdCardReaderSimulator(this.idCardCable.b);
    this.printerCable = createLinkedPair({ maxChunkSize: 64 });
    this.printer = new ReceiptPrinterSimulator(this.printerCable.b);
    this.a4.onPrinted = () => this.changed();
    // After a PIN check (VERIFY) the page shows the card's tries left.
    this.ssReader.on('apdu', (apdu) => {
      if (apdu[1] === 0x20) setImmediate(() => this.changed());
    });
    this.printer.on('receipt', ({ bytes }) => {
      this.receiptCount += 1;
      this.receipts.unshift({
        id: `R${this.receiptCount}`,
        printedAt: new Date().toISOString(),
        svg: receiptSvg(bytes),
      });
      this.receipts.length = Math.min(this.receipts.length, KEPT_RECEIPTS);
      this.changed();
    });
  }

  /** The transport the ID card reader driver uses. */
  get idCardTransport(): Transport {
    return this.idCardCable.a;
  }

  /** The social security card reader the driver uses. */
  get ssCardTransport(): ApduTransport {
    return this.ssReader.transport;
  }

  /** The receipt printer's transport. */
  get receiptPrinterTransport(): Transport {
    return this.printerCable.a;
  }

  /** The A4 printer (an in-memory queue). */
  get a4Printer(): A4PrinterSimulator {
    return this.a4;
  }

  /** Powers the simulated devices on. */
  async start(): Promise<void> {
    await this.idCardCable.b.open();
    await this.printerCable.b.open();
  }

  /** Powers them off. */
  async stop(): Promise<void> {
    this.idCardReader.dispose();
    this.printer.dispose();
    this.a4.dispose();
    await this.idCardCable.b.close();
    await this.printerCable.b.close();
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

  /** Puts a social security card in the slot. */
  insertSsCard(card: SsCardImage): void {
    let demo = this.ssCards.get(card.idNumber);
    if (!demo) this.ssCards.set(card.idNumber, (demo = new DemoSsCard({ ...card })));
    this.ssReader.insertCard(demo);
    this.ssCard = demo;
    this.changed();
  }

  /** The PIN of the card in the slot (demo cards only: shown so a person can type a right or wrong one). */
  get ssCardPin(): string | null {
    return this.ssCard?.image.pin ?? null;
  }

  /** PIN tries the card in the slot still allows (0: locked). */
  get ssCardTriesLeft(): number | null {
    return this.ssCard?.triesLeft ?? null;
  }

  /** Whether the next PIN check of the card in the slot will be taken as wrong. */
  get ssCardWrongNext(): boolean {
    return this.ssCard?.wrongNext ?? false;
  }

  /** The next PIN typed on the kiosk counts as wrong, whatever it is. */
  failNextPin(): void {
    if (!this.ssCard) return;
    this.ssCard.wrongNext = true;
    this.changed();
  }

  /** Locks the PIN of the card in the slot. */
  lockSsCard(): void {
    this.ssCard?.lock();
    this.changed();
  }

  /** Takes the social security card out. */
  removeSsCard(): void {
    this.ssReader.removeCard();
    this.ssCard = null;
    this.changed();
  }

  /** The ID number of the social security card in the slot, if any. */
  get ssCardInReader(): string | null {
    return this.ssCard?.image.idNumber ?? null;
  }

  /** Holds a code under the scanner (lost, as in life, while the scanner is unplugged). */
  scanQr(text: string): void {
    this.qrScanner.scan(text);
  }

  /** Loads a roll, marks it near its end, or takes it out. */
  setPaper(state: PaperState): void {
    this.paper = state;
    this.printer.setPaper(state);
    this.changed();
  }

  get paperState(): PaperState {
    return this.paper;
  }

  /** Opens or closes the receipt printer's cover. */
  setCoverOpen(open: boolean): void {
    this.cover = open;
    this.printer.setCoverOpen(open);
    this.changed();
  }

  get coverOpen(): boolean {
    return this.cover;
  }

  /** Receipts cut off since start. */
  get printedReceiptCount(): number {
    return this.receiptCount;
  }

  /** The latest receipts first, at most 10, drawn from the bytes the printer received. */
  printedReceipts(): PrintedReceipt[] {
    return this.receipts.map((r) => ({ ...r }));
  }

  /** The A4 documents the printer still keeps (at most 10), latest first. */
  a4Documents(): Array<A4Document & { pdf: Uint8Array }> {
    return this.a4.documents
      .map((d) => {
        const pages = countPages(d.pdf);
        const printedAt = this.a4.printedAt.get(d.jobId) ?? '';
        return pages === undefined
          ? { id: d.jobId, title: d.title, printedAt, pdf: d.pdf }
          : { id: d.jobId, title: d.title, pages, printedAt, pdf: d.pdf };
      })
      .reverse();
  }

  /** Pages of every A4 document given so far. */
  get a4Pages(): number {
    return this.a4.pages;
  }

  /** Devices whose cable is pulled. */
  get unplugged(): SimulatedDevice[] {
    const out: SimulatedDevice[] = [];
    if (!this.idCardCable.plugged) out.push('idCardReader');
    if (this.ssUnplugged) out.push('ssCardReader');
    if (!this.qrDevice.plugged) out.push('qrScanner');
    if (!this.printerCable.plugged) out.push('receiptPrinter');
    if (this.a4Unplugged) out.push('a4Printer');
    return out;
  }

  /** Pulls a device's cable. */
  unplug(device: SimulatedDevice): void {
    switch (device) {
      case 'idCardReader':
        this.idCardCable.unplug();
        break;
      case 'ssCardReader':
        this.ssUnplugged = true;
        this.ssReader.unplug();
        break;
      case 'qrScanner':
        this.qrDevice.unplug();
        break;
      case 'receiptPrinter':
        this.printerCable.unplug();
        this.printer.unplug();
        break;
      case 'a4Printer':
        // The OS queue stays; the printer behind it is gone, as the spooler reports it.
        this.a4Unplugged = true;
        this.a4.setFault('offline');
        break;
    }
    this.changed();
  }

  /** Puts a device's cable back; the device powers on at once. */
  async replug(device: SimulatedDevice): Promise<void> {
    switch (device) {
      case 'idCardReader':
        this.idCardCable.replug();
        await this.idCardCable.b.open();
        // A reader that lost power lost its RF field: a card lying on it is a new placement.
        if (this.cardInField) this.idCardReader.insertCard({ text: { ...this.cardInField } });
        break;
      case 'ssCardReader':
        this.ssUnplugged = false;
        this.ssReader.replug();
        break;
      case 'qrScanner':
        this.qrDevice.replug();
        break;
      case 'receiptPrinter':
        this.printerCable.replug();
        await this.printerCable.b.open();
        this.printer.replug();
        break;
      case 'a4Printer':
        this.a4Unplugged = false;
        this.a4.setFault(undefined);
        break;
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

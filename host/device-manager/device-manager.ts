/**
 * The device manager: one small module per device (this folder), each building its driver over
 * its transport, publishing health and reopening its device after an unplug; this file puts
 * them behind the one interface the host uses.
 */
import type { DeviceHealth } from '../../contracts';
import type { A4JobStatus, A4Printer, A4PrintOptions } from '../../devices/a4-printer/a4-printer';
import type { HidDeviceOpener } from '../../devices/hid/device';
import type { IdCardReaderDriverOptions } from '../../devices/id-card/driver';
import type { QrScannerMode } from '../../devices/qr-scanner/scan';
import type { PrintedJob, ReceiptPrinterDriverOptions } from '../../devices/receipt-printer/driver';
import type { SsCardReaderDriverOptions } from '../../devices/ss-card/driver';
import type { Transport } from '../../devices/transport';
import { createA4Printer, type ManagedA4Printer } from './a4-printer';
import { createIdCardReader, type IdCardRead } from './id-card-reader';
import { DeviceJobError, Listeners, type ManagedDevice } from './managed-device';
import { createQrScanner } from './qr-scanner';
import { createReceiptPrinter, type ManagedReceiptPrinter, type ReceiptPrintJob } from './receipt-printer';
import {
  createSsCardReader,
  type ManagedSsCardReader,
  type SsCardPinOutcome,
  type SsCardRead,
  type SsCardReaderSource,
} from './ss-card-reader';

export type { IdCardRead } from './id-card-reader';
export type { SsCardPinOutcome, SsCardRead, SsCardReaderSource } from './ss-card-reader';
export type { ReceiptPrintJob } from './receipt-printer';
export { DeviceJobError } from './managed-device';

/** What the host needs from its devices. */
export interface DeviceManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  onIdCard(listener: (card: IdCardRead) => void): () => void;
  onIdCardRemoved(listener: () => void): () => void;
  onSsCard(listener: (card: SsCardRead) => void): () => void;
  onSsCardRemoved(listener: () => void): () => void;
  /** A complete QR or barcode scan (an e-card, a receipt's case number...). */
  onQrScanned(listener: (text: string) => void): () => void;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  /** Prints a receipt; resolves when the printer says printed, rejects with a DeviceJobError. */
  printReceipt(job: ReceiptPrintJob): Promise<PrintedJob>;
  /** Hands a PDF to the A4 printer's queue; rejects with a DeviceJobError. */
  printA4(pdf: Uint8Array, options: A4PrintOptions): Promise<{ jobId: string }>;
  /** Follows an A4 job to its end; rejects with a DeviceJobError when it failed, was cancelled or took too long. */
  waitForA4Job(jobId: string, timeoutMs: number): Promise<A4JobStatus>;
  /** Checks a PIN on the social security card in the reader (the card counts the tries). */
  verifySsCardPin(pin: string): Promise<SsCardPinOutcome>;
  /** True when the social security card reader has a PIN pad the holder can type on. */
  ssCardPinPad(): boolean;
  /** Checks the PIN the holder types on the reader's PIN pad (it never reaches the kiosk). */
  verifySsCardPinOnPad(): Promise<SsCardPinOutcome>;
  /** Health of every managed device. */
  health(): DeviceHealth[];
  /** Closes and reopens one device; rejects with a DeviceJobError when it is not managed or cannot be reset. */
  resetDevice(device: DeviceHealth['device']): Promise<DeviceHealth>;
}

export interface DeviceManagerOptions {
  /** The ID card reader's transport (serial in production, the simulator's cable in the embedded default); absent when the terminal has none. */
  idCardTransport?: Transport;
  driverOptions?: IdCardReaderDriverOptions;
  ssCardReader?: SsCardReaderSource;
  ssCardDriverOptions?: SsCardReaderDriverOptions;
  qrScanner?: { open: HidDeviceOpener; mode: QrScannerMode };
  receiptPrinter?: { transport: Transport; driverOptions?: ReceiptPrinterDriverOptions };
  a4Printer?: A4Printer;
  /** How often a lost device is tried again (default 1000 ms, so a replug recovers well within 5 s). */
  reconnectIntervalMs?: number;
  /** How often the A4 queue's health is asked (default 2000 ms). */
  a4PollIntervalMs?: number;
}

/** Creates the device manager for the configured devices; a device left out is not managed. */
export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const reconnectIntervalMs = options.reconnectIntervalMs ?? 1000;
  const idCards = new Listeners<[IdCardRead]>();
  const idCardsRemoved = new Listeners<[]>();
  const ssCards = new Listeners<[SsCardRead]>();
  const ssCardsRemoved = new Listeners<[]>();
  const scans = new Listeners<[string]>();
  const health = new Listeners<[DeviceHealth]>();

  const managed: ManagedDevice[] = [];
  if (options.idCardTransport) {
    managed.push(
      createIdCardReader({
        transport: options.idCardTransport,
        driverOptions: options.driverOptions,
        reconnectIntervalMs,
        cards: idCards,
        removed: idCardsRemoved,
        health,
      }),
    );
  }
  let ssCardReader: ManagedSsCardReader | null = null;
  if (options.ssCardReader) {
    const source = options.ssCardReader;
    ssCardReader = createSsCardReader({
      source,
      driverOptions: options.ssCardDriverOptions,
      cards: ssCards,
      removed: ssCardsRemoved,
      health,
    });
    managed.push(ssCardReader);
  }
  if (options.qrScanner) managed.push(createQrScanner({ ...options.qrScanner, reconnectIntervalMs, scans, health }));
  let receiptPrinter: ManagedReceiptPrinter | null = null;
  if (options.receiptPrinter) {
    receiptPrinter = createReceiptPrinter({ ...options.receiptPrinter, reconnectIntervalMs, health });
    managed.push(receiptPrinter);
  }
  let a4Printer: ManagedA4Printer | null = null;
  if (options.a4Printer) {
    a4Printer = createA4Printer({
      printer: options.a4Printer,
      pollIntervalMs: options.a4PollIntervalMs ?? 2000,
      health,
    });
    managed.push(a4Printer);
  }

  return {
    onIdCard: (l) => idCards.add(l),
    onIdCardRemoved: (l) => idCardsRemoved.add(l),
    onSsCard: (l) => ssCards.add(l),
    onSsCardRemoved: (l) => ssCardsRemoved.add(l),
    onQrScanned: (l) => scans.add(l),
    onHealth: (l) => health.add(l),
    health: () => managed.map((d) => d.health()),
    async printReceipt(job) {
      if (!receiptPrinter)
        throw new DeviceJobError('receiptPrinter', 'notConfigured', 'no receipt printer is configured');
      return receiptPrinter.print(job);
    },
    async printA4(pdf, printOptions) {
      if (!a4Printer) throw new DeviceJobError('a4Printer', 'notConfigured', 'no A4 printer is configured');
      return a4Printer.print(pdf, printOptions);
    },
    async resetDevice(name) {
      const device = managed.find((d) => d.device === name);
      if (!device) throw new DeviceJobError(name, 'notConfigured', `no ${name} is configured`);
      if (!device.reset) throw new DeviceJobError(name, 'notSupported', `${name} cannot be reset here`);
      await device.reset();
      return device.health();
    },
    async waitForA4Job(jobId, timeoutMs) {
      if (!a4Printer) throw new DeviceJobError('a4Printer', 'notConfigured', 'no A4 printer is configured');
      return a4Printer.waitForJob(jobId, timeoutMs);
    },
    async verifySsCardPin(pin) {
      return ssCardReader ? ssCardReader.verifyPin(pin) : { status: 'noCard' };
    },
    ssCardPinPad: () => ssCardReader?.hasPinPad() ?? false,
    async verifySsCardPinOnPad() {
      return ssCardReader ? ssCardReader.verifyPinOnPad() : { status: 'noCard' };
    },
    async start() {
      for (const device of managed) await device.start();
    },
    async stop() {
      for (const device of managed) await device.stop();
    },
  };
}

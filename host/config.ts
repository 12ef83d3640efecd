/** The terminal's configuration file, validated with plain messages for the person installing it. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UpdatesConfig } from './updates/updates-config';

/** A device this terminal does not have (left out of its file): not managed, its services hidden. */
const NotInstalled = z.object({ kind: z.literal('none') });

const SerialPortPath = z
  .string()
  .regex(/^(\/dev\/[\w./-]+|COM\d{1,3}|\/tmp\/[\w./-]+)$/, 'a serial port looks like /dev/ttyUSB0 or COM3');

/** How the ID card reader is reached. */
export const IdCardReaderConfig = z.discriminatedUnion('kind', [
  NotInstalled,
  z.object({ kind: z.literal('simulator') }),
  z.object({
    kind: z.literal('serial'),
    path: SerialPortPath,
    baudRate: z.number().int().positive().default(115200),
  }),
]);
export type IdCardReaderConfig = z.infer<typeof IdCardReaderConfig>;

/**
 * How the social security card reader is reached: `pcsc` through the OS's smart-card stack,
 * `reader` a name pattern (case-insensitive; `*` any characters; without `*` a part of the name)
 * choosing among several readers; absent takes the first. Without the PC/SC binding installed
 * the reader reports `failed` with reason `pcscBindingMissing`.
 */
export const SsCardReaderConfig = z.discriminatedUnion('kind', [
  NotInstalled,
  z.object({ kind: z.literal('simulator') }),
  z.object({
    kind: z.literal('pcsc'),
    reader: z.string().min(1, 'name the reader (or a part of its name), or leave reader out').max(200).optional(),
  }),
]);
export type SsCardReaderConfig = z.infer<typeof SsCardReaderConfig>;

const UsbId = (what: string) =>
  z
    .number({ error: `the ${what} is a number from 0 to 65535 (0xFFFF), e.g. 0x0c2e` })
    .int(`the ${what} is a whole number from 0 to 65535 (0xFFFF)`)
    .min(0, `the ${what} is a number from 0 to 65535 (0xFFFF)`)
    .max(0xffff, `the ${what} is a number from 0 to 65535 (0xFFFF)`);

/** How the QR scanner is reached: a USB HID device by vendor and product id. */
export const QrScannerConfig = z.discriminatedUnion('kind', [
  NotInstalled,
  z.object({ kind: z.literal('simulator') }),
  z.object({
    kind: z.literal('hid'),
    vendorId: UsbId('vendor id (VID)'),
    productId: UsbId('product id (PID)'),
    mode: z.enum(['hidPos', 'keyboard'], { error: "the scanner mode is 'hidPos' or 'keyboard'" }).default('hidPos'),
  }),
]);
export type QrScannerConfig = z.infer<typeof QrScannerConfig>;

/** How the receipt printer is reached. */
export const ReceiptPrinterConfig = z.discriminatedUnion('kind', [
  NotInstalled,
  z.object({ kind: z.literal('simulator') }),
  z.object({ kind: z.literal('serial'), path: SerialPortPath, baudRate: z.number().int().positive().default(115200) }),
]);
export type ReceiptPrinterConfig = z.infer<typeof ReceiptPrinterConfig>;

const PrinterName = z.string().min(1, 'name the printer as the system shows it').max(200);

/** How the A4 printer is reached: the OS print queue by printer name. */
export const A4PrinterConfig = z.discriminatedUnion('kind', [
  NotInstalled,
  z.object({ kind: z.literal('simulator') }),
  z.object({ kind: z.literal('cups'), printer: PrinterName }),
  z.object({ kind: z.literal('windows'), printer: PrinterName }),
]);
export type A4PrinterConfig = z.infer<typeof A4PrinterConfig>;

const simulator = { kind: 'simulator' } as const;

/** The device names of a configuration, in the order the README lists them. */
export const deviceNames = ['idCardReader', 'ssCardReader', 'qrScanner', 'receiptPrinter', 'a4Printer'] as const;

/**
 * Every device. Built in code (the embedded default, tests), a device left out is simulated; a
 * terminal's configuration file (`loadHostConfig`) leaves it out as `{ kind: 'none' }` instead.
 */
export const DevicesConfig = z.object({
  idCardReader: IdCardReaderConfig.default(simulator),
  ssCardReader: SsCardReaderConfig.default(simulator),
  qrScanner: QrScannerConfig.default(simulator),
  receiptPrinter: ReceiptPrinterConfig.default(simulator),
  a4Printer: A4PrinterConfig.default(simulator),
});
export type DevicesConfig = z.infer<typeof DevicesConfig>;

export const HostConfig = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The terminal credential's secret (issued at registration). */
  terminalSecret: z.string().min(16),
  /** Base URL of the hall server, e.g. https://hall.example/ */
  hallServerUrl: z.string().url(),
  /** Inactivity before a citizen session ends, in ms. */
  sessionTimeoutMs: z.number().int().min(5_000).max(600_000).default(60_000),
  /** How often the terminal reports its health to the hall server, in ms. */
  heartbeatIntervalMs: z.number().int().min(1_000).max(300_000).default(10_000),
  /** How long a hall server request may take before the person is told the network is down. */
  requestTimeoutMs: z.number().int().min(500).max(60_000).default(8_000),
  /** Self-healing (host/recovery): the page's heartbeat deadline and the nightly relaunch's hour (hall time; null: none). */
  recovery: z
    .object({
      rendererStaleMs: z.number().int().min(1_000).max(300_000).default(10_000),
      quietHour: z.number().int().min(0).max(23).nullable().default(3),
    })
    .default({ rendererStaleMs: 10_000, quietHour: 3 }),
  devices: DevicesConfig.default({
    idCardReader: simulator,
    ssCardReader: simulator,
    qrScanner: simulator,
    receiptPrinter: simulator,
    a4Printer: simulator,
  }),
  /** Staged, signed updates from the hall server (host/updates/); absent: none. */
  updates: UpdatesConfig.optional(),
});
export type HostConfig = z.infer<typeof HostConfig>;
export type HostConfigInput = z.input<typeof HostConfig>;

/** One wrong field of a configuration: where (`devices.qrScanner.vendorId`) and what is wrong. */
export interface ConfigFieldProblem {
  field: string;
  message: string;
}

/**
 * A configuration the host cannot run with: the file is missing, unreadable, not JSON, or has
 * wrong fields. Its message names the file and every field; it never quotes a value (the file
 * holds the terminal's secret).
 */
export class HostConfigError extends Error {
  override readonly name = 'HostConfigError';
  constructor(
    readonly source: string,
    readonly problem: 'missing' | 'unreadable' | 'notJson' | 'invalid',
    readonly fields: ConfigFieldProblem[] = [],
  ) {
    const what = {
      missing: `The terminal configuration file ${source} does not exist.`,
      unreadable: `The terminal configuration file ${source} cannot be read.`,
      notJson: `The terminal configuration file ${source} is not valid JSON.`,
      invalid: `The terminal configuration in ${source} is not valid:`,
    }[problem];
    super([what, ...fields.map((f) => `  - ${f.field}: ${f.message}`)].join('\n'));
  }
}

/** Validates a config object; throws a HostConfigError that lists every problem by its path. */
export function parseHostConfig(input: unknown, source = 'config'): HostConfig {
  const parsed = HostConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
  throw new HostConfigError(source, 'invalid', fields);
}

/**
 * Reads and validates a terminal's JSON config file. A device the file does not list is not
 * installed (never simulated): simulators only where a device says `{ "kind": "simulator" }`.
 */
export function loadHostConfig(path: string): HostConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new HostConfigError(path, missing ? 'missing' : 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new HostConfigError(path, 'notJson');
  }
  return parseHostConfig(withUnlistedDevicesAbsent(json), path);
}

function withUnlistedDevicesAbsent(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const record = json as Record<string, unknown>;
  const devices = record.devices ?? {};
  if (typeof devices !== 'object' || devices === null || Array.isArray(devices)) return json;
  const listed = devices as Record<string, unknown>;
  const absent = Object.fromEntries(deviceNames.filter((d) => !(d in listed)).map((d) => [d, { kind: 'none' }]));
  return { ...record, devices: { ...absent, ...listed } };
}

/** The terminal's configuration file, validated with plain messages for the person installing it. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const SerialPortPath = z
  .string()
  .regex(/^(\/dev\/[\w./-]+|COM\d{1,3}|\/tmp\/[\w./-]+)$/, 'a serial port looks like /dev/ttyUSB0 or COM3');

/** How the ID card reader is reached. */
export const IdCardReaderConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulator') }),
  z.object({
    kind: z.literal('serial'),
    path: SerialPortPath,
    baudRate: z.number().int().positive().default(115200),
  }),
]);
export type IdCardReaderConfig = z.infer<typeof IdCardReaderConfig>;

export const HostConfig = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The terminal credential's secret (issued at registration). */
  terminalSecret: z.string().min(16),
  /** Base URL of the hall server, e.g. https://hall.example/ */
  hallServerUrl: z.string().url(),
  /** Inactivity before a citizen session ends, in ms. */
  sessionTimeoutMs: z.number().int().min(5_000).max(600_000).default(60_000),
  /** How long a hall server request may take before the person is told the network is down. */
  requestTimeoutMs: z.number().int().min(500).max(60_000).default(8_000),
  devices: z.object({ idCardReader: IdCardReaderConfig }).default({ idCardReader: { kind: 'simulator' } }),
});
export type HostConfig = z.infer<typeof HostConfig>;
export type HostConfigInput = z.input<typeof HostConfig>;

/** Validates a config object; throws an Error whose message lists every problem by its path. */
export function parseHostConfig(input: unknown, source = 'config'): HostConfig {
  const parsed = HostConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`The terminal configuration in ${source} is not valid:\n${lines.join('\n')}`);
}

/** Reads and validates the JSON config file at `path`. */
export function loadHostConfig(path: string): HostConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`The terminal configuration file ${path} cannot be read.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`The terminal configuration file ${path} is not valid JSON.`);
  }
  return parseHostConfig(json, path);
}

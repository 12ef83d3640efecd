// A real PC/SC stack for tests and benches: Debian's pcscd with vsmartcard's virtual reader
// driver (vpcd), on a socket of our own, and social security cards played by vicc
// (ss_card_vicc.py). Everything started here is stopped by `stop()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SsCardImage } from '../../../devices/ss-card/card-image';
import { layOutRecords } from '../../../devices/ss-card/card-image';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** T=0 (answers 61xx, GET RESPONSE) or T=1, as the card's ATR offers. */
export type CardProtocol = 'T0' | 'T1';

export interface VirtualCardOptions {
  protocol?: CardProtocol;
  maxTries?: number;
  /** The card goes silent on this instruction (e.g. 0x20 VERIFY), until it is pulled. */
  hangOnIns?: number;
  /** Replaces records: EF (0xef05/0xef06) -> record number -> bytes. */
  records?: Record<number, Record<number, Uint8Array>>;
}

/** A card in a virtual reader. */
export interface VirtualCard {
  /** PIN tries left, as the card's own counter says. */
  triesLeft(): number;
  /** Pulls the card (vicc ends; vpcd reports the slot empty). */
  pull(): Promise<void>;
}

export interface PcscLab {
  /** The socket pcscd listens on (PCSCLITE_CSOCK_NAME is set to it in this process). */
  readonly socketPath: string;
  /** The PC/SC names of the two slots, "<name> 00 00" and "<name> 00 01". */
  readonly readerNames: [string, string];
  /** Inserts a card into slot 0 or 1. */
  insertCard(slot: 0 | 1, image: SsCardImage, options?: VirtualCardOptions): Promise<VirtualCard>;
  /** Stops pcscd (every reader vanishes); cards stay "in" but unreachable until restartPcscd. */
  stopPcscd(): Promise<void>;
  startPcscd(): Promise<void>;
  stop(): Promise<void>;
}

/** T=0 ATR: TS 3B, T0 6C (TB1, TC1, 12 historical bytes), no TD1 so T=0 only. */
const ATR_T0 = '3b6c0000535345330000000000000000';
/** T=1 ATR: TD1 81 (T=1, TD2 follows), TD2 01 (T=1), 12 historical bytes, TCK. */
function atrT1(): string {
  const body = [0x8c, 0x81, 0x01, 0x53, 0x53, 0x45, 0x33, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const tck = body.reduce((a, b) => a ^ b, 0);
  return Buffer.from([0x3b, ...body, tck]).toString('hex');
}

/**
 * Starts pcscd with one vpcd reader of two slots (vpcd keeps one connection per slot number, so
 * a second reader.conf entry would share the first one's slots); sets PCSCLITE_CSOCK_NAME for
 * this process. Slot 0 listens for vicc on `port`, slot 1 on `port + 1`.
 */
export async function startPcscLab(name = 'HRSS Virtual Reader'): Promise<PcscLab> {
  const dir = mkdtempSync(join(tmpdir(), 'hrss-pcsc-'));
  const confDir = join(dir, 'reader.conf.d');
  const socketPath = join(dir, 'pcscd.comm');
  const port = await freePortPair();
  mkdirSync(confDir);
  // vpcd listens for vicc on the port in DEVICENAME (slot 0) and the next one (slot 1).
  writeFileSync(
    join(confDir, 'vpcd'),
    `FRIENDLYNAME "${name}"\nDEVICENAME /dev/null:0x${port.toString(16)}\n` +
      `LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x${port.toString(16)}\n`,
  );
  process.env.PCSCLITE_CSOCK_NAME = socketPath;
  const children = new Set<ChildProcess>();
  let pcscd: ChildProcess | null = null;

  const startPcscd = async () => {
    const child = spawn(
      '/usr/bin/python3',
      [join(HERE, 'pcscd_socket.py'), socketPath, '-f', process.env.PCSC_LAB_LOG ? '-d' : '-i', '-c', confDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    if (process.env.PCSC_LAB_LOG) child.stdout!.on('data', (d: Buffer) => process.stderr.write(d));
    pcscd = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    await waitFor(
      () => output.includes('daemon ready'),
      () => `pcscd did not start:\n${output}`,
      8000,
    );
  };
  const stopPcscd = async () => {
    if (pcscd) await kill(pcscd);
    pcscd = null;
  };

  await startPcscd();

  return {
    socketPath,
    readerNames: [`${name} 00 00`, `${name} 00 01`],
    async insertCard(slot, image, options = {}) {
      const file = join(dir, `card-${slot}.json`);
      const records = layOutRecords(image);
      for (const [ef, recs] of Object.entries(options.records ?? {})) {
        for (const [n, bytes] of Object.entries(recs)) records.get(Number(ef))?.set(Number(n), bytes);
      }
      const maxTries = options.maxTries ?? 3;
      const previous = readCard(file);
      writeFileSync(
        file,
        JSON.stringify({
          port: port + slot,
          protocol: options.protocol ?? 'T0',
          atr: (options.protocol ?? 'T0') === 'T1' ? atrT1() : ATR_T0,
          cardNo: image.cardNo,
          pin: image.pin,
          maxTries,
          // The same card again keeps its counter, as a real card's EEPROM does.
          triesLeft: previous?.cardNo === image.cardNo ? previous.triesLeft : maxTries,
          hangOnIns: options.hangOnIns ?? null,
          records: Object.fromEntries(
            [...records].map(([ef, recs]) => [
              ef.toString(16),
              Object.fromEntries([...recs].map(([n, r]) => [n, Buffer.from(r).toString('hex')])),
            ]),
          ),
        }),
      );
      const child = spawn('/usr/bin/python3', [join(HERE, 'ss_card_vicc.py'), file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      child.once('exit', () => children.delete(child));
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      await waitFor(
        () => output.includes('inserted') || child.exitCode !== null,
        () => `vicc did not start:\n${output}`,
        8000,
      );
      if (!output.includes('inserted')) throw new Error(`vicc could not reach vpcd:\n${output}`);
      return {
        triesLeft: () => readCard(file)!.triesLeft,
        pull: () => kill(child),
      };
    },
    stopPcscd,
    startPcscd,
    async stop() {
      await Promise.all([...children].map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readCard(file: string): { cardNo: string; triesLeft: number } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { cardNo: string; triesLeft: number };
  } catch {
    return null;
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(check: () => boolean, message: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port p with p and p+1 free (vpcd's two slots). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error('no free port pair for vpcd');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

// Model-based test: random sequences of paper, cover, cable and print actions against
// the driver and the simulator, checked against a small model of what must happen.
// The rules: a job is `printed` only if the simulator cut a receipt holding it and
// confirmed its process ID; a job started while a fault was set is refused with
// nothing sent; a job stopped by a fault never reaches a receipt, even after a new
// roll goes in; no job is ever on two receipts.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { EscPosSplitter } from '../../devices/receipt-printer/codec';
import { ReceiptPrinterDriver } from '../../devices/receipt-printer/driver';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { ReceiptPrinterSimulator, type PaperState } from '../../devices/receipt-printer/simulator';
import { createLinkedPair, type LinkedPair } from '../../devices/transports/memory';
import { printedText } from './receipt-printer-fixtures';

interface Model {
  paper: PaperState;
  /** Lines or blocks left on the roll before its end sensor trips. */
  linesLeft: number;
  cover: boolean;
  plugged: boolean;
}

interface Real {
  pair: LinkedPair;
  driver: ReceiptPrinterDriver;
  simulator: ReceiptPrinterSimulator;
  next: number;
  printed: Set<string>;
  /** Jobs that failed with nothing sent or with the printer's buffers cleared. */
  stopped: Set<string>;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Commands that move paper in the simulator (see its FEEDS): LF, GS V, a QR print... */
function feedsIn(escpos: Uint8Array): number {
  return new EscPosSplitter()
    .push(escpos)
    .filter(
      (i) =>
        i.kind === 'command' &&
        (['LF', 'FF', 'ESC d', 'ESC J', 'GS V', 'GS v 0', 'GS k'].includes(i.name) ||
          (i.name === 'GS ( k' && i.bytes[6] === 0x51)),
    ).length;
}

function job(token: string): Uint8Array {
  return buildReceiptJob(`^^${token}\n社保业务 | ${token}\n{code:${token}; option:qrcode,3,l}`).escpos;
}

const receiptsWith = (real: Real, token: string) =>
  real.simulator.receipts.filter((r) => printedText(r.bytes).includes(token)).length;

/** After every step: no job on two receipts, every `printed` job on exactly one. */
function invariants(real: Real): void {
  for (let i = 0; i < real.next; i++) {
    const token = `T${i}X`;
    const count = receiptsWith(real, token);
    check(count <= 1, `${token} is on ${count} receipts`);
    if (real.printed.has(token)) check(count === 1, `${token} reported printed but on ${count} receipts`);
    if (real.stopped.has(token)) check(count === 0, `${token} was stopped but is on a receipt`);
  }
}

class SetPaper implements fc.AsyncCommand<Model, Real> {
  constructor(readonly state: PaperState) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.simulator.setPaper(this.state);
    model.paper = this.state;
    model.linesLeft = this.state === 'out' ? 0 : Infinity;
    invariants(real);
  }
  toString = () => `setPaper(${this.state})`;
}

class SetCover implements fc.AsyncCommand<Model, Real> {
  constructor(readonly open: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.simulator.setCoverOpen(this.open);
    model.cover = this.open;
  }
  toString = () => `setCoverOpen(${this.open})`;
}

class Unplug implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => model.plugged;
  async run(model: Model, real: Real) {
    real.pair.unplug();
    model.plugged = false;
    check(real.driver.health.state === 'failed', 'health not failed after unplug');
  }
  toString = () => 'unplug';
}

class Replug implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => !model.plugged;
  async run(model: Model, real: Real) {
    real.pair.replug();
    await real.pair.b.open();
    const result = await real.driver.reconnect();
    check(result.ok, `reconnect failed: ${!result.ok && result.error.code}`);
    model.plugged = true;
  }
  toString = () => 'replug';
}

class Print implements fc.AsyncCommand<Model, Real> {
  constructor(readonly runOutAfter: number | undefined) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const token = `T${real.next++}X`;
    const escpos = job(token);
    if (this.runOutAfter !== undefined && model.paper !== 'out') {
      real.simulator.runOutAfterLines(this.runOutAfter);
      model.paper = 'nearEnd';
      model.linesLeft = this.runOutAfter;
    }
    const before = real.simulator.receipts.length;
    const result = await real.driver.print({ escpos, id: token });
    if (result.ok) real.printed.add(token);
    else if (result.error.delivery !== 'unknown') real.stopped.add(token);
    const outcome = result.ok ? 'printed' : `${result.error.code}/${result.error.delivery}`;

    if (!model.plugged) {
      check(outcome === 'notOpen/notSent', `unplugged: ${outcome}`);
    } else if (model.cover) {
      check(outcome === 'coverOpen/notSent', `cover open at start: ${outcome}`);
    } else if (model.paper === 'out') {
      check(outcome === 'paperOut/notSent', `paper out at start: ${outcome}`);
    } else if (model.linesLeft < feedsIn(escpos)) {
      check(outcome === 'paperOut/partial', `roll ends midway: ${outcome}`);
      model.paper = 'out';
      model.linesLeft = 0;
    } else {
      check(outcome === 'printed', `should print: ${outcome}`);
      model.linesLeft -= feedsIn(escpos);
      const receipt = real.simulator.receipts.at(-1)!;
      check(Buffer.from(receipt.bytes.subarray(-escpos.length)).equals(Buffer.from(escpos)), 'receipt is not the job');
    }
    if (!result.ok) check(real.simulator.receipts.length === before, 'a failed job cut a receipt');
    invariants(real);
  }
  toString = () => `print(runOutAfter=${this.runOutAfter})`;
}

class PrintAndPullCable implements fc.AsyncCommand<Model, Real> {
  constructor(readonly afterBytes: number) {}
  check = (model: Readonly<Model>) => model.plugged && !model.cover && model.paper === 'ok';
  async run(model: Model, real: Real) {
    const token = `T${real.next++}X`;
    const start = real.simulator.counters.received;
    const off = real.simulator.on('received', (total) => {
      if (total - start >= this.afterBytes && real.pair.plugged) real.pair.unplug();
    });
    const result = await real.driver.print({ escpos: job(token), id: token });
    off();
    if (result.ok) {
      real.printed.add(token);
    } else {
      // Cut before the job left (during the status check): not sent. Cut after: it may or may not print.
      const { code, delivery } = result.error;
      check(delivery === 'unknown' || delivery === 'notSent', `cable pulled mid-job: ${code}/${delivery}`);
      if (delivery === 'notSent') real.stopped.add(token);
    }
    model.plugged = real.pair.plugged;
    invariants(real);
  }
  toString = () => `printAndPullCable(after ${this.afterBytes} bytes)`;
}

const commands = [
  fc.constantFrom<PaperState>('ok', 'nearEnd', 'out').map((s) => new SetPaper(s)),
  fc.boolean().map((open) => new SetCover(open)),
  fc.constant(new Unplug()),
  fc.constant(new Replug()),
  fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }).map((n) => new Print(n)),
  fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }).map((n) => new Print(n)),
  fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }).map((n) => new Print(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => new PrintAndPullCable(n)),
];

describe('receipt printer driver against a model', () => {
  it('reports printed only for receipts the simulator printed whole, and never starts on a fault', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 14 }), async (cmds) => {
        const pair = createLinkedPair({ maxChunkSize: 64 });
        await pair.a.open();
        await pair.b.open();
        const simulator = new ReceiptPrinterSimulator(pair.b);
        const driver = new ReceiptPrinterDriver(pair.a, {
          pollIntervalMs: 2,
          responseTimeoutMs: 1000,
          jobTimeoutMs: 5000,
          chunkSize: 64,
        });
        const model: Model = { paper: 'ok', linesLeft: Infinity, cover: false, plugged: true };
        const real: Real = { pair, driver, simulator, next: 0, printed: new Set(), stopped: new Set() };
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        } finally {
          await driver.dispose();
          simulator.dispose();
        }
      }),
      { numRuns: 150 },
    );
  });
});

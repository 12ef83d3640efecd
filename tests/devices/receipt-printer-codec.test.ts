// Golden bytes for the ESC/POS pieces we speak ourselves, with expectations written
// out from the Epson ESC/POS Command Reference tables (dle_eot.html,
// gs_lparen_ch_fn48.html, dle_dc4_fn8.html, gs_cv.html, gs_lparen_lk_fn18x.html).
import { describe, expect, it } from 'vitest';
import {
  EscPosSplitter,
  RealtimeScanner,
  ResponseParser,
  chunkJob,
  decodeStatus,
  decodeStatusByte,
  encodeClearBuffers,
  encodeCut,
  encodeProcessIdRequest,
  encodeProcessIdResponse,
  encodeQrCode,
  encodeStatus,
  encodeStatusBatch,
  encodeStatusRequest,
  isProcessId,
  printerFault,
  processIdFrom,
  type PrinterStatus,
} from '../../devices/receipt-printer/codec';

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
const bytes = (text: string) => Uint8Array.from(text.split(/\s+/).map((h) => parseInt(h, 16)));

const CLEAR: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  cutterError: false,
  unrecoverable: false,
  recoverable: false,
};

describe('commands we send', () => {
  it('DLE EOT n is 10 04 n, and the batch asks 1, 2, 3, 4 in order', () => {
    expect(hex(encodeStatusRequest(1))).toBe('10 04 01');
    expect(hex(encodeStatusRequest(4))).toBe('10 04 04');
    expect(hex(encodeStatusBatch())).toBe('10 04 01 10 04 02 10 04 03 10 04 04');
  });

  it('GS ( H fn 48 carries the 4-byte process ID; the answer is 37 22 id 00', () => {
    expect(hex(encodeProcessIdRequest('0042'))).toBe('1d 28 48 06 00 30 30 30 30 34 32');
    expect(hex(encodeProcessIdResponse('0042'))).toBe('37 22 30 30 34 32 00');
    expect(() => encodeProcessIdRequest('12345')).toThrow(RangeError);
    expect(() => encodeProcessIdRequest('12\n4')).toThrow(RangeError);
  });

  it('process IDs are four alphanumerics, distinct over the whole space', () => {
    expect(processIdFrom(0)).toBe('0000');
    expect(processIdFrom(61)).toBe('000z');
    expect(processIdFrom(62)).toBe('0010');
    expect(processIdFrom(62 ** 4 - 1)).toBe('zzzz');
    expect(isProcessId(processIdFrom(123_456))).toBe(true);
  });

  it('DLE DC4 fn 8 clears the buffers; GS V 66 0 is the partial cut receiptline emits', () => {
    expect(hex(encodeClearBuffers())).toBe('10 14 08 01 03 14 01 06 02 08');
    expect(hex(encodeCut())).toBe('1d 56 42 00');
  });

  it('a native QR code is GS ( k model 2, module size, level, store, print', () => {
    expect(hex(encodeQrCode(new TextEncoder().encode('A017'), 6, 'm'))).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00', // fn 165: model 2
        '1d 28 6b 03 00 31 43 06', // fn 167: 6-dot modules
        '1d 28 6b 03 00 31 45 31', // fn 169: level M
        '1d 28 6b 07 00 31 50 30 41 30 31 37', // fn 180: store "A017" (pL = 4 + 3)
        '1d 28 6b 03 00 31 51 30', // fn 181: print
      ].join(' '),
    );
  });
});

describe('real-time status answers', () => {
  it('0x12 on every request means all clear', () => {
    expect(decodeStatus([0x12, 0x12, 0x12, 0x12])).toEqual({ ok: true, value: CLEAR });
  });

  it('decodes each bit where Epson puts it', () => {
    expect(decodeStatusByte(1, 0x1a)).toEqual({ ok: true, value: { online: false } });
    expect(decodeStatusByte(2, 0x16)).toEqual({
      ok: true,
      value: { coverOpen: true, paperFeedButton: false, paperOut: false, errorOccurred: false },
    });
    expect(decodeStatusByte(2, 0x1a)).toMatchObject({ value: { paperFeedButton: true } });
    expect(decodeStatusByte(2, 0x32)).toMatchObject({ value: { paperOut: true } });
    expect(decodeStatusByte(2, 0x52)).toMatchObject({ value: { errorOccurred: true } });
    expect(decodeStatusByte(3, 0x1a)).toEqual({
      ok: true,
      value: { cutterError: true, unrecoverable: false, recoverable: false },
    });
    expect(decodeStatusByte(3, 0x32)).toMatchObject({ value: { unrecoverable: true } });
    expect(decodeStatusByte(3, 0x52)).toMatchObject({ value: { recoverable: true } });
    expect(decodeStatusByte(4, 0x1e)).toEqual({ ok: true, value: { paperNearEnd: true, paperOut: false } });
    expect(decodeStatusByte(4, 0x72)).toEqual({ ok: true, value: { paperNearEnd: false, paperOut: true } });
    expect(decodeStatusByte(4, 0x7e)).toEqual({ ok: true, value: { paperNearEnd: true, paperOut: true } });
  });

  it('folds a cover-open, out-of-paper printer', () => {
    // n=1 offline (0x1A), n=2 cover open + stopped by paper end (0x36), n=3 clear, n=4 near end + end (0x7E).
    const status = decodeStatus([0x1a, 0x36, 0x12, 0x7e]);
    expect(status).toEqual({
      ok: true,
      value: { ...CLEAR, online: false, coverOpen: true, paperOut: true, paperNearEnd: true },
    });
    expect(status.ok && printerFault(status.value)).toBe('coverOpen');
  });

  it('paper end stops printing even if only the offline cause says so', () => {
    const status = decodeStatus([0x1a, 0x32, 0x12, 0x12]);
    expect(status.ok && printerFault(status.value)).toBe('paperOut');
  });

  it.each([0x00, 0x13, 0x92, 0x10, 0x02, 0xff, 0x37])('rejects 0x%s: fixed bits do not match', (byte) => {
    const result = decodeStatusByte(1, byte);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.code, result.error.byte]).toEqual(['invalidStatusByte', byte]);
  });

  it('encodes what it decodes (the simulator answers with encodeStatus)', () => {
    expect(hex(encodeStatus(CLEAR))).toBe('12 12 12 12');
    expect(hex(encodeStatus({ ...CLEAR, online: false, paperOut: true }))).toBe('1a 32 12 7e');
    expect(hex(encodeStatus({ ...CLEAR, paperNearEnd: true }))).toBe('12 12 12 1e');
    expect(hex(encodeStatus({ ...CLEAR, online: false, coverOpen: true }))).toBe('1a 16 12 12');
    expect(hex(encodeStatus({ ...CLEAR, online: false, cutterError: true }))).toBe('1a 52 1a 12');
  });

  it('names faults by priority and lets a near-end roll print', () => {
    expect(printerFault(CLEAR)).toBeUndefined();
    expect(printerFault({ ...CLEAR, paperNearEnd: true })).toBeUndefined();
    expect(printerFault({ ...CLEAR, online: false })).toBe('offline');
    expect(printerFault({ ...CLEAR, online: false, cutterError: true })).toBe('cutterError');
    expect(printerFault({ ...CLEAR, unrecoverable: true })).toBe('unrecoverableError');
    expect(printerFault({ ...CLEAR, recoverable: true })).toBe('recoverableError');
  });
});

describe('ResponseParser', () => {
  it('splits status bytes, a process ID and a clear response cut anywhere', () => {
    const parser = new ResponseParser();
    const stream = bytes('12 16 37 22 30 30 34 32 00 37 25 00 7e');
    const items = [...stream].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(items).toEqual([
      { kind: 'status', byte: 0x12 },
      { kind: 'status', byte: 0x16 },
      { kind: 'processId', id: '0042' },
      { kind: 'cleared' },
      { kind: 'status', byte: 0x7e },
    ]);
    expect(parser.bufferedBytes).toBe(0);
  });

  it('skips XON/XOFF even inside a block, and reports junk as typed errors', () => {
    const parser = new ResponseParser();
    const items = parser.push(bytes('37 22 30 13 31 11 32 33 00 ff 37 99 12'));
    expect(items.map((i) => (i.kind === 'error' ? i.code : i.kind))).toEqual([
      'processId',
      'unexpectedByte',
      'malformedResponse',
      'unexpectedByte',
      'status',
    ]);
    expect(items[0]).toEqual({ kind: 'processId', id: '0123' });
  });

  it('a block broken by a status byte gives the status back', () => {
    const parser = new ResponseParser();
    expect(parser.push(bytes('37 22 30 12'))).toEqual([
      expect.objectContaining({ kind: 'error' }),
      { kind: 'status', byte: 0x12 },
    ]);
  });
});

describe('EscPosSplitter', () => {
  it('splits commands by their parameter lengths and keeps text runs whole', () => {
    const splitter = new EscPosSplitter();
    const stream = bytes(
      '1b 40 1d 21 11 1b 74 00 1c 26 c9 e7 b1 a3 0a 1d 28 6b 07 00 31 50 30 41 30 31 37 1d 76 30 00 01 00 02 00 ff 80 1d 6b 49 03 7b 42 41 1d 56 42 00 10 04 01',
    );
    const items = [...stream].flatMap((b) => splitter.push(Uint8Array.of(b)));
    const merged = items.reduce<{ kind: string; name: string; bytes: number[] }[]>((out, item) => {
      const last = out.at(-1);
      if (item.kind === 'text' && last?.kind === 'text') last.bytes.push(...item.bytes);
      else
        out.push({
          kind: item.kind,
          name: item.kind === 'command' ? item.name : '',
          bytes: item.kind === 'error' ? [] : [...item.bytes],
        });
      return out;
    }, []);
    expect(merged.map((i) => (i.kind === 'text' ? `text ${hex(Uint8Array.from(i.bytes))}` : i.name))).toEqual([
      'ESC @',
      'GS !',
      'ESC t',
      'FS &',
      'text c9 e7 b1 a3',
      'LF',
      'GS ( k',
      'GS v 0',
      'GS k',
      'GS V',
      'DLE EOT',
    ]);
    expect(splitter.bufferedBytes).toBe(0);
  });

  it('takes NUL-terminated barcodes and skips a command too large to keep', () => {
    const splitter = new EscPosSplitter({ maxCommandBytes: 64 });
    const items = splitter.push(bytes('1d 6b 04 31 32 33 00 1d 76 30 00 10 00 10 00'));
    expect(items.map((i) => (i.kind === 'error' ? i.error.code : i.kind === 'command' ? i.name : 'text'))).toEqual([
      'GS k',
      'oversizeCommand',
    ]);
    // 16 × 16 raster bytes are skipped, then parsing resumes.
    expect(splitter.push(new Uint8Array(256).fill(0x41))).toEqual([]);
    expect(splitter.push(bytes('0a'))).toEqual([{ kind: 'command', name: 'LF', bytes: bytes('0a') }]);
  });
});

describe('real-time commands hidden in a stream', () => {
  it('finds DLE EOT n and DLE DC4 8 wherever they are, across chunks', () => {
    const scanner = new RealtimeScanner();
    const first = scanner.push(bytes('41 10 04 02 10 10 04'));
    const second = scanner.push(bytes('03 10 14 08 01 03 14 01 06 02 08 10 04 09'));
    expect(first).toEqual([{ command: { kind: 'status', n: 2 }, end: 4 }]);
    expect(second).toEqual([
      { command: { kind: 'status', n: 3 }, end: 1 },
      { command: { kind: 'clearBuffers' }, end: 11 },
    ]);
  });

  it('cuts a job only between commands and counts status requests inside raster data', () => {
    // A 1-byte-wide, 3-row raster whose data is 10 04 01, then text, then a cut.
    const job = bytes('1b 40 1d 76 30 00 01 00 03 00 10 04 01 41 42 43 0a 1d 56 42 00');
    const chunks = chunkJob(job, 4);
    expect(chunks.ok).toBe(true);
    if (!chunks.ok) return;
    expect(chunks.value.map((c) => [hex(c.bytes), c.statusRequests])).toEqual([
      ['1b 40', 0],
      ['1d 76 30 00 01 00 03 00 10 04 01', 1],
      ['41 42 43 0a', 0],
      ['1d 56 42 00', 0],
    ]);
  });

  it('refuses a job that ends inside a command or would clear itself', () => {
    expect(chunkJob(bytes('1b 40 1d 76 30 00 01'), 512)).toMatchObject({ ok: false, error: { code: 'invalidJob' } });
    expect(chunkJob(Uint8Array.of(0x41, ...encodeClearBuffers()), 512)).toMatchObject({
      ok: false,
      error: { code: 'invalidJob' },
    });
  });
});

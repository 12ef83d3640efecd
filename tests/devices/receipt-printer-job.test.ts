// A receipt job from receiptline: the printer bytes and the preview come from one document.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EscPosSplitter } from '../../devices/receipt-printer/codec';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { TICKET } from './receipt-printer-fixtures';

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

describe('buildReceiptJob', () => {
  const job = buildReceiptJob(TICKET);
  const wire = hex(job.escpos);

  it('writes Chinese as GB18030 double-byte characters in FS & mode', () => {
    expect(wire).toContain('1c 26 c9 e7 b1 a3'); // FS &, 社保
    expect(wire).toContain(hex(iconv.encode('请保留本回执', 'gb18030')));
    expect(job.escpos.includes(0x3f)).toBe(false); // no '?' stand-ins
  });

  it('prints the ticket number at double width and height (GS ! 0x11)', () => {
    expect(wire).toContain('1d 21 11 1b 74 00 1c 26 41 30 31 37'); // GS ! 11, then "A017"
  });

  it('uses the printer’s own QR code (GS ( k) with the URL stored in it', () => {
    // fn 180: pL = 30 URL bytes + 3 = 0x21.
    expect(wire).toContain('1d 28 6b 04 00 31 41 32 00'); // model 2
    expect(wire).toContain(
      `1d 28 6b 21 00 31 50 30 ${hex(new TextEncoder().encode('https://hall.example.cn/t/A017'))}`,
    );
    expect(wire).toContain('1d 28 6b 03 00 31 51 30'); // print
  });

  it('starts with ESC @, ends with a cut, and leaves completion to the driver (no GS r)', () => {
    expect(wire.startsWith('1b 40')).toBe(true);
    expect(wire.endsWith('1d 56 42 00')).toBe(true);
    expect(wire).not.toContain('1d 72 31');
  });

  it('is a stream of whole commands', () => {
    const splitter = new EscPosSplitter();
    const items = splitter.push(job.escpos);
    expect(items.every((item) => item.kind !== 'error')).toBe(true);
    expect(splitter.bufferedBytes).toBe(0);
  });

  it('previews the same document as SVG with the text in it', () => {
    expect(job.svg.startsWith('<svg')).toBe(true);
    for (const char of '社保业务前面还有人请保留本回执A017') expect(job.svg).toContain(`>${char}<`);
    expect(job.svg).toContain('width="576px"');
  });

  it('takes a 58 mm width and the cp936 encoding', () => {
    const narrow = buildReceiptJob('社保', { width: 32, encoding: 'cp936' });
    expect(hex(narrow.escpos)).toContain('1d 57 80 01'); // GS W 384 dots = 32 columns of 12
    expect(hex(narrow.escpos)).toContain('c9 e7 b1 a3');
    expect(narrow.svg).toContain('width="384px"');
  });
});

// The queue ticket receipt: golden markup, and what the simulated printer draws from the bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../devices/receipt-printer/codec';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { escapeText } from '../../documents/receipts/markup';
import { formatTicketTime, ticketReceipt, type TicketReceiptData } from '../../documents/receipts/ticket';
import { printedText, printerRig } from '../devices/receipt-printer-fixtures';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'receipts');

const TICKET: TicketReceiptData = {
  ticketNo: 'A017',
  categoryName: '社保业务',
  peopleAhead: 3,
  estimatedWaitMin: 15,
  hallName: '示范市人社服务大厅',
  hallAddress: '示范市人民路 100 号',
  issuedAt: '2026-11-23T01:15:42Z',
  timeZone: 'Asia/Shanghai',
  followUrl: 'http://127.0.0.1:8080/q/6f1c2a3b-0000-4000-8000-000000000017',
};

describe('queue ticket receipt', () => {
  it('lays the ticket out as receiptline markup for 80 mm paper', () => {
    const doc = ticketReceipt(TICKET);
    expect(doc.kind).toBe('thermalReceipt');
    expect(doc.cpl).toBe(48);
    expect(doc.markup).toMatchInlineSnapshot(`
      "^^示范市人社服务大厅
      排队号
      ^^^^^^^A017
      ^^^社保业务
      -
      ^^^前面还有 | ^^^3 人
      ^^^预计等候 | ^^^约 15 分钟
      取号时间 | 2026-11-23 09:15
      -
      {code:http://127.0.0.1:8080/q/6f1c2a3b-0000-4000-8000-000000000017; option:qrcode,6,m}
      用手机扫码，查看还要等多久
      -
      请留意大厅屏幕和广播叫号
      过号请到服务台或重新取号
      地址：示范市人民路 100 号
      咨询电话 "12333""
    `);
  });

  it('prints the time in the hall time zone', () => {
    expect(formatTicketTime('2026-11-23T16:05:00Z', 'Asia/Shanghai')).toBe('2026-11-24 00:05');
  });

  it('keeps names from turning into markup', () => {
    expect(escapeText('A|B {x} -')).toBe('A\\|B \\{x\\} \\-');
    const doc = ticketReceipt({ ...TICKET, hallName: '大厅|{code:evil}', hallAddress: null, peopleAhead: 0 });
    expect(doc.markup).not.toContain('{code:evil}');
    expect(doc.markup).toContain('前面没有人在等');
    expect(doc.markup).not.toContain('地址');
  });

  it('prints the number 6x large with the QR code, drawn from the bytes the printer got', async () => {
    const { driver, simulator } = await printerRig();
    const doc = ticketReceipt(TICKET);
    const job = buildReceiptJob(doc.markup, { width: doc.cpl });
    expect((await driver.print({ escpos: job.escpos })).ok).toBe(true);

    const bytes = simulator.receipts[0]!.bytes;
    const text = printedText(bytes);
    for (const words of [
      'A017',
      '社保业务',
      '前面还有',
      '3 人',
      '约 15 分钟',
      '2026-11-23 09:15',
      '示范市人民路 100 号',
      '12333',
    ])
      expect(text).toContain(words);

    // The QR code carries the follow URL itself, character for character.
    expect(Buffer.from(bytes).includes(Buffer.from(TICKET.followUrl))).toBe(true);
    const layout = layoutReceipt(bytes);
    const number = layout.marks.find((m) => m.kind === 'text' && m.chars.join('') === 'A017');
    expect(number).toMatchObject({ scaleX: 6, scaleY: 6 });
    const grids = layout.marks.filter((m) => m.kind === 'bitmap');
    expect(grids).toHaveLength(1);
    expect(layout.marks.at(-1)?.kind).toBe('cut');

    const png = simulator.renderPng()!;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'queue-ticket-documents.png'), png);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(576 + 32); // thermal width: 80 mm of dots plus margins, never A4
  });
});

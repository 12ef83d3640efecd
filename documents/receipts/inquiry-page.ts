/**
 * "Print this page" (打印本页): the inquiry screen a person is looking at, as a thermal receipt they
 * can take home. Pure: the page's title and label/value lines in, receiptline markup out. Lines the
 * screen flags (arrears, overdue) carry a mark so they stand out on paper too.
 */
import type { PageReceipt } from '../../contracts';

/** Escapes text so a value can never turn into receiptline markup (same rules as markup.ts on the queue branch). */
function escapeText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\\|{}\-=~_"`^]/g, (c) => `\\${c}`);
}

/** The printed time `2026-11-23 09:15` in the hall's time zone. */
function formatTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export interface InquiryPageReceiptData {
  page: PageReceipt;
  hallName: string;
  printedAt: Date;
  timeZone: string;
}

/** Lays out one inquiry page for 80 mm paper (48 characters a line). */
export function inquiryPageReceipt(data: InquiryPageReceiptData): { cpl: 48; markup: string } {
  const lines = [
    `^^${escapeText(data.hallName)}`,
    `^^${escapeText(data.page.title)}`,
    '-',
    ...data.page.lines.map(
      (l) =>
        `${l.flag ? '"!" ' : ''}${escapeText(l.label)} | ${l.flag ? '"' : ''}${escapeText(l.value)}${l.flag ? '"' : ''}`,
    ),
    '-',
    `打印时间 | ${formatTime(data.printedAt, data.timeZone)}`,
    '本小票仅供查看，不作证明使用',
    '需要证明请在本机打印参保证明',
    '咨询电话 "12333"',
  ];
  return { cpl: 48, markup: lines.join('\n') };
}

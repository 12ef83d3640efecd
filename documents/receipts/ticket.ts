/**
 * The queue ticket (排队号票) as a thermal receipt: the number as large as the printer can make
 * it, the service category, people ahead, the estimated wait, the hall, the time, and a QR code
 * to follow the queue on a phone. Pure: data in, receiptline markup out.
 */
import { escapeProperty, escapeText, type ReceiptDocument } from './markup';

/** What a ticket receipt shows. */
export interface TicketReceiptData {
  /** The number a person is called by, e.g. `A017`. */
  ticketNo: string;
  /** The service category's name, e.g. 社保业务. */
  categoryName: string;
  /** Tickets of this category waiting before this one when it was issued. */
  peopleAhead: number;
  /** Estimated wait in whole minutes, or null when the server cannot tell. */
  estimatedWaitMin: number | null;
  hallName: string;
  hallAddress: string | null;
  /** When the ticket was issued (ISO 8601). */
  issuedAt: string;
  /** The hall's time zone (IANA), so the printed time is the hall's, not the machine's guess. */
  timeZone: string;
  /** The page that shows this ticket's place in the queue (the QR code). */
  followUrl: string;
}

/** The printed time: `2026-11-23 09:15` in the hall's time zone. */
export function formatTicketTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The plain sentence for the wait. */
function waitText(minutes: number | null): string {
  if (minutes === null) return '请留意叫号';
  if (minutes <= 1) return '马上轮到您';
  return `约 ${minutes} 分钟`;
}

/** Lays out a queue ticket for 80 mm thermal paper. */
export function ticketReceipt(data: TicketReceiptData): ReceiptDocument {
  const lines = [
    `^^${escapeText(data.hallName)}`,
    '排队号',
    // 6x size: 72 × 144 dots a character, readable at arm's length without glasses.
    `^^^^^^^${escapeText(data.ticketNo)}`,
    `^^^${escapeText(data.categoryName)}`,
    '-',
    // 2x size (48 × 48 dots a character) for the two facts a person reads while waiting.
    data.peopleAhead === 0 ? '^^^前面没有人在等' : `^^^前面还有 | ^^^${data.peopleAhead} 人`,
    `^^^预计等候 | ^^^${waitText(data.estimatedWaitMin)}`,
    `取号时间 | ${formatTicketTime(data.issuedAt, data.timeZone)}`,
    '-',
    `{code:${escapeProperty(data.followUrl)}; option:qrcode,6,m}`,
    '用手机扫码，查看还要等多久',
    '-',
    '请留意大厅屏幕和广播叫号',
    '过号请到服务台或重新取号',
    ...(data.hallAddress ? [`地址：${escapeText(data.hallAddress)}`] : []),
    '咨询电话 "12333"',
  ];
  return { kind: 'thermalReceipt', cpl: 48, markup: lines.join('\n') };
}

/**
 * The payment receipt (缴费回执) for thermal paper: what was paid for whom (masked), the server's
 * amounts, the order and transaction numbers, when and where. Pure: data in, receiptline markup out;
 * amounts are the server's fen, only formatted here.
 */
import { hallDateTime } from '../../contracts/hall-time';
import { formatFen } from '../../contracts/money';
import type { OrderItem, PaymentReceipt } from '../../contracts/payment';
import { escapeText, type ReceiptDocument } from './markup';

export interface PaymentReceiptData {
  items: readonly OrderItem[];
  receipt: PaymentReceipt;
  /** How it was paid: the phone's payment code at the scanner, or the kiosk's QR. */
  method: 'micropay' | 'native' | null;
  timeZone: string;
}

const itemNames: Record<string, string> = {
  residentPension: '城乡居民养老保险',
  residentMedical: '城乡居民医疗保险',
};

/** `202401-202412` as `2024年01月-2024年12月`. */
function span(item: OrderItem): string {
  if (item.year !== null && item.from.endsWith('01') && item.to.endsWith('12')) return `${item.year}年度`;
  const p = (period: string) => `${period.slice(0, 4)}年${period.slice(4)}月`;
  return item.from === item.to ? p(item.from) : `${p(item.from)}-${p(item.to)}`;
}

/** Lays out a payment receipt for 80 mm paper. */
export function paymentReceipt(data: PaymentReceiptData): ReceiptDocument {
  const e = escapeText;
  const { receipt } = data;
  const lines = [
    '^^"社会保险费缴费回执"',
    e(receipt.hallName),
    '-',
    ...data.items.flatMap((item) => [
      `${itemNames[item.insuranceType] ?? e(item.insuranceType)}${item.kind === 'arrears' ? '（补缴）' : ''} | ${formatFen(item.amount)}元`,
      `${span(item)} ${e(item.beneficiary.maskedName)} ${e(item.beneficiary.maskedIdNumber)}`,
      ...(item.subsidy > 0 ? [`|政府补贴 | ${formatFen(item.subsidy)}元|`] : []),
    ]),
    '-',
    `^^合计 | ^^${formatFen(receipt.amount)}元`,
    `|支付方式 | ${data.method === 'native' ? '扫码支付' : '付款码支付'}|`,
    `|订单号 | ${e(receipt.orderNo)}|`,
    `|交易单号 | ${e(receipt.transactionId)}|`,
    `|缴费时间 | ${hallDateTime(data.timeZone, receipt.paidAt)}|`,
    `|终端 | ${e(receipt.terminalId)}|`,
    '-',
    '缴费已记入参保记录，请妥善保管本回执。',
    '如需缴费凭证，请在终端上打印A4凭证。',
    '咨询电话 12333',
  ];
  return { kind: 'thermalReceipt', cpl: 48, markup: lines.join('\n') };
}

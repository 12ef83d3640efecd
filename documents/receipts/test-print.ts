/** The maintenance test print: a short receipt proving Chinese text, large type, a QR code and the cut. */
import { escapeText, type ReceiptDocument } from './markup';

/** Lays out the test receipt for a terminal (`at`: an ISO time, printed as given in UTC). */
export function testPrintReceipt(terminalId: string, at: string): ReceiptDocument {
  const markup = [
    '^^^打印测试',
    `终端 | ${escapeText(terminalId)}`,
    `时间 | ${at.slice(0, 16).replace('T', ' ')} UTC`,
    '-',
    '中文 | 人力资源和社会保障',
    '{code:TEST-PRINT; option:qrcode,4,m}',
    '^^打印正常',
  ].join('\n');
  return { kind: 'thermalReceipt', cpl: 48, markup };
}

/**
 * The certification receipt (认证回执) as receiptline markup: masked name and ID number, when and
 * where, the next due date, and a QR code anyone can scan to check it. Pure: the host turns the
 * markup into ESC/POS bytes with devices/receipt-printer/job.ts.
 */
import type { CertificationReceiptData } from '../../contracts/certification';
import { hallDateTime } from '../../contracts/hall-time';

const methodNames: Record<CertificationReceiptData['method'], string> = {
  face: '自助终端人脸认证',
  window: '窗口认证',
  app: '手机应用认证',
  homeVisit: '上门认证',
};

/** Receiptline treats these as markup; printed text escapes them. */
export function escapeReceiptText(text: string): string {
  return text.replace(/[\\|{}~_"`^=-]/g, (c) => `\\${c}`);
}

/** `2026年06月15日` from `2026-06-15`. */
export function chineseDate(date: string): string {
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
}

/** The receipt's markup. `reprint` adds a line saying it is a copy. */
export function certificationReceiptMarkup(
  data: CertificationReceiptData,
  options: { reprint?: boolean } = {},
): string {
  const e = escapeReceiptText;
  return [
    '^^"养老保险待遇领取资格认证回执"',
    e(data.hallName),
    '-',
    `|认证人 | ${e(data.maskedName)}|`,
    `|身份证号 | ${e(data.maskedIdNumber)}|`,
    `|认证方式 | ${methodNames[data.method]}|`,
    `|认证时间 | ${hallDateTime(data.hallTimeZone, data.certifiedAt)}|`,
    ...(data.terminalId ? [`|认证终端 | ${e(data.terminalId)}|`] : []),
    '-',
    '下次认证截止日期',
    `^^^${chineseDate(data.nextDueDate)}`,
    '请在此日期前再次认证，以免暂停发放养老金。',
    '-',
    `{code:${data.verificationUrl}; option:qrcode,5,m}`,
    '扫码核验本回执',
    ...(options.reprint ? ['（补打）'] : []),
    '咨询电话 12333',
  ].join('\n');
}

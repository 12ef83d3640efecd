/**
 * The A4 payment certificate (缴费凭证) of a posted order, drawn with pdfkit from its signed content,
 * in the statements' style: large type, the verification code and a QR code of the public
 * verification page. Pure: content in, bytes out.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatFen } from '../contracts/money';
import type { PaymentCertificateContent } from '../contracts/payment';
import { DEFAULT_CJK_FONT, insuranceTypeNames, verificationLink } from './statement-pdf';
import { warmFont } from './warm-font';

/** What is printed: the signed content less the PDF's own hash. */
export type PaymentCertificateDocument = Omit<PaymentCertificateContent, 'pdfSha256'>;

const kindNames = { residentPension: '年度缴费', residentMedical: '年度缴费', arrears: '补缴欠费' } as const;

/** `2025-06-15T02:03:04Z` → `2025年06月15日 10:03` in the hall's zone (Asia/Shanghai unless told). */
function dateTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}年${p('month')}月${p('day')}日 ${p('hour')}:${p('minute')}`;
}

/** Renders the certificate; one page. */
export async function renderPaymentCertificatePdf(
  content: PaymentCertificateDocument,
  options: { verifyUrl: string; font?: { path?: string; bytes?: Uint8Array; postscriptName?: string } },
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const issued = new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: `社会保险缴费凭证 ${content.verificationCode}`,
      Author: content.issuer,
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const font = options.font ?? {};
  const parsed = warmFont({
    bytes: font.bytes,
    path: font.bytes ? undefined : (font.path ?? DEFAULT_CJK_FONT.path),
    postscriptName: font.postscriptName ?? (font.bytes || font.path ? undefined : DEFAULT_CJK_FONT.postscriptName),
  });
  doc.registerFont('cjk', parsed as unknown as string);
  doc.font('cjk').fillColor('#111111');

  const link = verificationLink(options.verifyUrl, content.verificationCode);
  const qr = await QRCode.toBuffer(link, { margin: 0, width: 240, errorCorrectionLevel: 'M' });
  doc.image(qr, 595 - 56 - 104, 56, { width: 104 });
  doc.fontSize(12).text('扫码核验', 595 - 56 - 104, 164, { width: 104, align: 'center' });

  doc.fontSize(24).text('社会保险缴费凭证', 56, 64, { width: 370 });
  doc.fontSize(14).text(content.issuer, 56, 100, { width: 370 });
  doc.text(`经办地点：${content.hallName}`, 56, 122, { width: 370 });

  let y = 200;
  const line = (label: string, value: string) => {
    doc.fontSize(14).text(label, 56, y, { width: 120 });
    doc.text(value, 176, y, { width: 363 });
    y += 26;
  };
  line('缴费人', `${content.payer.name}（${content.payer.maskedIdNumber}）`);
  line('订单号', content.orderNo);
  line('交易单号', content.transactionId);
  line('缴费时间', dateTime(content.paidAt));
  line('缴费金额', `¥${formatFen(content.amount)}`);

  y += 12;
  doc.fontSize(13);
  const cols = [56, 170, 300, 380, 460];
  ['参保人', '险种', '所属期', '类型', '金额（元）'].forEach((t, i) => doc.text(t, cols[i]!, y, { width: 110 }));
  y += 22;
  doc
    .moveTo(56, y - 4)
    .lineTo(539, y - 4)
    .stroke();
  for (const item of content.items) {
    doc.text(`${item.beneficiary.maskedName}`, cols[0]!, y, { width: 110 });
    doc.text(insuranceTypeNames[item.insuranceType].full, cols[1]!, y, { width: 125 });
    doc.text(item.year ? `${item.year}年` : `${item.from}-${item.to}`, cols[2]!, y, { width: 75 });
    doc.text(kindNames[item.kind], cols[3]!, y, { width: 75 });
    doc.text(formatFen(item.amount), cols[4]!, y, { width: 79, align: 'right' });
    y += 18;
    doc
      .fontSize(11)
      .text(
        item.beneficiary.maskedIdNumber + (item.subsidy ? `  政府补贴 ¥${formatFen(item.subsidy)}` : ''),
        cols[0]!,
        y,
        { width: 480 },
      );
    doc.fontSize(13);
    y += 24;
  }
  doc.moveTo(56, y).lineTo(539, y).stroke();
  y += 20;
  doc.fontSize(14).text(`核验码：${content.verificationCode}`, 56, y);
  y += 24;
  doc
    .fontSize(12)
    .text(`出具时间：${dateTime(content.issuedAt)}。持本凭证核验码可在 ${options.verifyUrl} 核验真伪。`, 56, y, {
      width: 483,
    });
  doc.end();
  await done;
  return { pdf: new Uint8Array(Buffer.concat(chunks)), pageCount: 1 };
}

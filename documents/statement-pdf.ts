/**
 * A4 statement PDFs (个人权益记录单, 参保证明) drawn with pdfkit from the canonical content.
 *
 * Pure: content in, bytes out (the font comes in as a path or bytes). Readability first, for old
 * eyes on paper: 14 pt body, 13 pt table text, rows 24 pt high, the table's header row repeated at
 * the top of every page, rows never split, "第 x 页 / 共 y 页" and the verification code on every page.
 * The CJK font is embedded as a subset (pdfkit subsets every font it embeds): a few dozen KB, not megabytes.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { InsuranceType } from '../contracts/domain';
import { formatFen } from '../contracts/money';
import type { StatementContent, StatementMonthRow } from '../contracts/statements';
import { warmFont } from './warm-font';

/** What is printed: the signed content less what only exists once the PDF does. */
export type StatementDocument = Omit<StatementContent, 'pageCount' | 'pdfSha256'>;

/** The CJK font: WenQuanYi Micro Hei from Debian's fonts-wqy-microhei (a TrueType collection). */
export const DEFAULT_CJK_FONT = {
  path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  /** The face inside the collection, by PostScript name. */
  postscriptName: 'WenQuanYiMicroHei',
} as const;

export interface RenderOptions {
  /** Where the verification page is, e.g. `https://hall.example/verify`; the QR code holds `<url>?code=<code>`. */
  verifyUrl: string;
  /** A TrueType/OpenType file or collection (path or bytes) and, for a collection, the face's PostScript name. */
  font?: { path?: string; bytes?: Uint8Array; postscriptName?: string };
  /**
   * Embed every glyph of the font instead of the ones used: the naive way, megabytes a statement.
   * Only bench/statement-pdf.bench.ts sets it, as the baseline the subset is measured against.
   */
  embedWholeFont?: boolean;
}

export interface RenderedStatement {
  pdf: Uint8Array;
  pageCount: number;
}

/** Full names for the summary table; short ones for the narrow month columns. */
export const insuranceTypeNames: Record<InsuranceType, { full: string; short: string }> = {
  employeePension: { full: '企业职工基本养老保险', short: '养老' },
  residentPension: { full: '城乡居民基本养老保险', short: '居民养老' },
  publicSectorPension: { full: '机关事业单位养老保险', short: '机关养老' },
  employeeMedical: { full: '职工基本医疗保险', short: '医疗' },
  residentMedical: { full: '城乡居民基本医疗保险', short: '居民医疗' },
  unemployment: { full: '失业保险', short: '失业' },
  workInjury: { full: '工伤保险', short: '工伤' },
  maternity: { full: '生育保险', short: '生育' },
};

const statusNames = {
  active: '参保缴费',
  suspended: '暂停缴费',
  terminated: '终止参保',
  receiving: '领取待遇',
} as const;

export const statementTitles = {
  rightsStatement: '社会保险个人权益记录单',
  insuranceCertificate: '社会保险参保缴费证明',
} as const;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 48, right: 48, top: 44, bottom: 72 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const ROW_H = 24;
const INK = '#000000';
const RULE = '#555555';
const SHADE = '#e6e6e6';

/** `202403` as `2024年03月`. */
export function periodLabel(period: string): string {
  return `${period.slice(0, 4)}年${period.slice(4)}月`;
}

/** What the statement covers, in words: `2024年度` or `2015年01月至2024年12月`. */
export function coverageLabel(content: Pick<StatementContent, 'kind' | 'coverage'>): string {
  const { from, to } = content.coverage;
  if (content.kind === 'rightsStatement') return `${from.slice(0, 4)}年度`;
  return `${periodLabel(from)}至${periodLabel(to)}`;
}

/** `2024-03-05T02:00:00Z` as `2024年3月5日` in China time. */
export function issueDateLabel(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The verification link the QR code holds. */
export function verificationLink(verifyUrl: string, code: string): string {
  return `${verifyUrl}?code=${encodeURIComponent(code)}`;
}

type Doc = PDFKit.PDFDocument;

interface Column {
  title: string[];
  width: number;
  align: 'left' | 'right' | 'center';
}

/** Renders the statement; the same content always gives the same text (dates come from the content). */
export async function renderStatementPdf(
  content: StatementDocument,
  options: RenderOptions,
): Promise<RenderedStatement> {
  const issued = new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `${statementTitles[content.kind]} ${content.verificationCode}`,
      Author: content.issuer,
      Creator: 'HRSS self-service kiosk',
      Producer: 'pdfkit',
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
  const face = font.postscriptName ?? (font.bytes || font.path ? undefined : DEFAULT_CJK_FONT.postscriptName);
  const parsed = warmFont({
    bytes: font.bytes,
    path: font.bytes ? undefined : (font.path ?? DEFAULT_CJK_FONT.path),
    postscriptName: face,
  });
  // pdfkit accepts a parsed fontkit font (it checks for `layout`); its types only know paths and bytes.
  doc.registerFont('cjk', parsed as unknown as string);
  doc.font('cjk').fillColor(INK);
  if (options.embedWholeFont) includeEveryGlyph(doc);

  const link = verificationLink(options.verifyUrl, content.verificationCode);
  drawFirstPageHeader(doc, content, link);
  drawSummary(doc, content);
  drawMonthTable(doc, content);
  drawClosing(doc, content, options.verifyUrl);

  const range = doc.bufferedPageRange();
  const pageCount = range.count;
  for (let i = 0; i < pageCount; i++) {
    doc.switchToPage(range.start + i);
    drawFooter(doc, content, i + 1, pageCount);
  }
  doc.end();
  await done;
  return { pdf: new Uint8Array(Buffer.concat(chunks)), pageCount };
}

/** Puts every glyph into pdfkit's subset, in glyph order, so the embedded font is the whole face. */
function includeEveryGlyph(doc: Doc): void {
  interface Embedded {
    font: { numGlyphs: number; getGlyph(id: number): { advanceWidth: number; codePoints: number[] } };
    subset: { includeGlyph(id: number): number };
    scale: number;
    widths: number[];
    unicode: number[][];
  }
  const embedded = (doc as unknown as { _font: Embedded })._font;
  for (let id = 0; id < embedded.font.numGlyphs; id++) {
    const gid = embedded.subset.includeGlyph(id);
    const glyph = embedded.font.getGlyph(id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= glyph.codePoints;
  }
}

function text(
  doc: Doc,
  s: string,
  x: number,
  y: number,
  size: number,
  width?: number,
  align: Column['align'] = 'left',
) {
  doc.fontSize(size).text(s, x, y, { width, align, lineBreak: false, height: size * 1.4 });
}

function drawFirstPageHeader(doc: Doc, content: StatementDocument, link: string): void {
  const qrSize = 104;
  const qrX = PAGE.width - MARGIN.right - qrSize;
  const top = MARGIN.top;
  drawQr(doc, link, qrX, top, qrSize);
  text(doc, '扫码核验', qrX, top + qrSize + 4, 12, qrSize, 'center');

  const left = MARGIN.left;
  const textWidth = qrX - left - 12;
  text(doc, statementTitles[content.kind], left, top, 26, textWidth);
  text(doc, coverageLabel(content), left, top + 40, 18, textWidth);

  const lines: [string, string][] = [
    ['姓名', content.person.name],
    ['公民身份号码', content.person.maskedIdNumber],
    ['核验码', content.verificationCode],
  ];
  let y = top + 72;
  for (const [label, value] of lines) {
    text(doc, `${label}：`, left, y, 14, 100);
    text(doc, value, left + 100, y, 14, textWidth - 100);
    y += 22;
  }
  doc.y = Math.max(y, top + qrSize + 24) + 8;
}

/** The QR matrix from `qrcode`, drawn as filled squares (runs of dark modules merged per row). */
function drawQr(doc: Doc, data: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell, cell);
    }
  }
  doc.fill(INK).restore();
}

/** Per insurance type: status, start date, paid and arrears months, totals. Short: never crosses a page. */
function drawSummary(doc: Doc, content: StatementDocument): void {
  const left = MARGIN.left;
  text(doc, '一、参保缴费汇总', left, doc.y, 16);
  doc.y += 26;
  const columns: Column[] = [
    { title: ['险种'], width: 150, align: 'left' },
    { title: ['参保状态'], width: 70, align: 'center' },
    { title: ['已缴', '月数'], width: 48, align: 'right' },
    { title: ['欠费', '月数'], width: 48, align: 'right' },
    { title: ['单位缴费', '合计(元)'], width: 91, align: 'right' },
    { title: ['个人缴费', '合计(元)'], width: CONTENT_WIDTH - 150 - 70 - 48 - 48 - 91, align: 'right' },
  ];
  drawHeaderRow(doc, columns, doc.y);
  let y = doc.y;
  const rows = content.totals.map((t) => [
    insuranceTypeNames[t.insuranceType].full,
    t.status ? statusNames[t.status] : '未参保',
    String(t.paidMonths),
    String(t.arrearsMonths),
    formatFen(t.employerTotal),
    formatFen(t.personalTotal),
  ]);
  if (rows.length === 0) rows.push(['无参保记录', '', '', '', '', '']);
  for (const cells of rows) {
    drawRow(doc, columns, cells, y, 13, false);
    y += ROW_H;
  }
  y += 10;
  const facts: string[] = [`养老保险累计缴费月数：${content.pensionPaidMonthsTotal} 个月`];
  if (content.pensionAccount)
    facts.push(
      `养老保险个人账户累计储存额：${formatFen(content.pensionAccount.balance)} 元（截至${periodLabel(content.pensionAccount.asOfPeriod)}）`,
    );
  for (const f of facts) {
    text(doc, f, left, y, 14, CONTENT_WIDTH);
    y += 22;
  }
  for (const line of employerLines(content.employers ?? [])) {
    text(doc, line, left, y, 14, CONTENT_WIDTH);
    y += 22;
  }
  doc.y = y + 10;
}

/** Most employer lines a statement prints; more are summed up in one last line. */
const MAX_EMPLOYER_LINES = 6;

/** `参保单位：某公司（2019年03月至2026年10月）`, one line per employer in order. */
export function employerLines(employers: ReadonlyArray<{ name: string; from: string; to: string }>): string[] {
  const lines = employers
    .slice(0, MAX_EMPLOYER_LINES)
    .map(
      (e) =>
        `参保单位：${e.name}（${e.from === e.to ? periodLabel(e.from) : `${periodLabel(e.from)}至${periodLabel(e.to)}`}）`,
    );
  if (employers.length > MAX_EMPLOYER_LINES)
    lines.push(`另有 ${employers.length - MAX_EMPLOYER_LINES} 家参保单位，详见各月记录`);
  return lines;
}

function monthColumns(content: StatementDocument): Column[] {
  const types = content.coverage.insuranceTypes;
  const first: Column[] = [
    { title: ['缴费年月'], width: 92, align: 'left' },
    { title: ['缴费基数', '(元)'], width: 86, align: 'right' },
  ];
  const rest = CONTENT_WIDTH - 92 - 86;
  const w = rest / Math.max(1, types.length);
  return [
    ...first,
    ...types.map((t) => ({ title: [insuranceTypeNames[t].short, '个人(元)'], width: w, align: 'right' as const })),
  ];
}

function monthCells(row: StatementMonthRow): string[] {
  return [
    periodLabel(row.period),
    row.base === null ? '—' : formatFen(row.base),
    ...row.cells.map((c) => (c.state === 'paid' ? formatFen(c.personalAmount) : c.state === 'arrears' ? '欠费' : '—')),
  ];
}

/** The month table: header repeated on each page, a row moves whole to the next page. */
function drawMonthTable(doc: Doc, content: StatementDocument): void {
  const columns = monthColumns(content);
  const size = columns.length > 7 ? 11 : 13;
  const bottom = PAGE.height - MARGIN.bottom;
  const section =
    content.kind === 'insuranceCertificate'
      ? '二、逐月缴费明细（只列有记录的月份；“欠费”为应缴未缴）'
      : '二、逐月缴费明细（“欠费”为应缴未缴，“—”为无缴费记录）';
  if (doc.y + 26 + 2 * ROW_H + ROW_H > bottom) newPage(doc, content);
  text(doc, section, MARGIN.left, doc.y, 16, CONTENT_WIDTH);
  doc.y += 26;
  drawHeaderRow(doc, columns, doc.y);
  let y = doc.y;
  if (content.rows.length === 0) {
    text(doc, '本期间无缴费记录', MARGIN.left + 5, y + (ROW_H - size) / 2 - 1, size, CONTENT_WIDTH - 10);
    rule(doc, y + ROW_H, 0.4);
    doc.y = y + ROW_H + 12;
    return;
  }
  content.rows.forEach((row, i) => {
    if (y + ROW_H > bottom) {
      newPage(doc, content);
      text(doc, '二、逐月缴费明细（续）', MARGIN.left, doc.y, 14, CONTENT_WIDTH);
      doc.y += 22;
      drawHeaderRow(doc, columns, doc.y);
      y = doc.y;
    }
    drawRow(doc, columns, monthCells(row), y, size, i % 2 === 1);
    y += ROW_H;
  });
  doc.y = y + 12;
}

function newPage(doc: Doc, content: StatementDocument): void {
  doc.addPage();
  const top = MARGIN.top;
  text(
    doc,
    `${statementTitles[content.kind]}（续）  ${content.person.name}  ${coverageLabel(content)}`,
    MARGIN.left,
    top,
    13,
    CONTENT_WIDTH,
  );
  doc
    .moveTo(MARGIN.left, top + 22)
    .lineTo(PAGE.width - MARGIN.right, top + 22)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y = top + 32;
}

function drawHeaderRow(doc: Doc, columns: Column[], y: number): void {
  const twoLines = columns.some((c) => c.title.length > 1);
  const h = twoLines ? 40 : ROW_H;
  doc.save().rect(MARGIN.left, y, CONTENT_WIDTH, h).fill(SHADE).restore();
  let x = MARGIN.left;
  for (const c of columns) {
    const lines = c.title;
    const startY = y + (h - lines.length * 17) / 2 + 1;
    lines.forEach((line, i) =>
      text(doc, line, x + 5, startY + i * 17, 13, c.width - 10, c.align === 'left' ? 'left' : 'center'),
    );
    x += c.width;
  }
  rule(doc, y, 1);
  rule(doc, y + h, 1);
  doc.y = y + h;
}

function drawRow(doc: Doc, columns: Column[], cells: string[], y: number, size: number, shaded: boolean): void {
  if (shaded) doc.save().rect(MARGIN.left, y, CONTENT_WIDTH, ROW_H).fill('#f4f4f4').restore();
  let x = MARGIN.left;
  columns.forEach((c, i) => {
    text(doc, cells[i] ?? '', x + 5, y + (ROW_H - size) / 2 - 1, size, c.width - 10, c.align);
    x += c.width;
  });
  rule(doc, y + ROW_H, 0.4);
}

function rule(doc: Doc, y: number, width: number): void {
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(PAGE.width - MARGIN.right, y)
    .lineWidth(width)
    .strokeColor(RULE)
    .stroke();
}

/** Who issued it, when, and how to check it; moves whole to a new page when it does not fit. */
function drawClosing(doc: Doc, content: StatementDocument, verifyUrl: string): void {
  const lines = [
    `出具机构：${content.issuer}`,
    `出具网点：${content.hallName}`,
    `出具日期：${issueDateLabel(content.issuedAt)}`,
    `真伪核验：扫描首页二维码，或访问 ${verifyUrl}`,
    `${'\u3000'.repeat(5)}输入核验码 ${content.verificationCode}`,
    '本证明由社会保险自助服务终端打印，内容以经办机构系统记录为准，核验结果一致即为有效。',
  ];
  doc.fontSize(13);
  const needed = lines.reduce((h, l) => h + doc.heightOfString(l, { width: CONTENT_WIDTH, lineGap: 2 }) + 6, 4);
  if (doc.y + needed > PAGE.height - MARGIN.bottom) newPage(doc, content);
  let y = doc.y + 4;
  for (const l of lines) {
    doc.fontSize(13).text(l, MARGIN.left, y, { width: CONTENT_WIDTH, lineGap: 2 });
    y = doc.y + 6;
  }
  doc.y = y;
}

function drawFooter(doc: Doc, content: StatementDocument, page: number, pages: number): void {
  const y = PAGE.height - MARGIN.bottom + 22;
  // Writing below the bottom margin must not make pdfkit add a page.
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  rule(doc, y - 8, 0.6);
  text(doc, `${content.issuer}  核验码 ${content.verificationCode}`, MARGIN.left, y, 12, CONTENT_WIDTH - 130);
  text(doc, `第 ${page} 页 / 共 ${pages} 页`, PAGE.width - MARGIN.right - 130, y, 12, 130, 'right');
  doc.page.margins.bottom = saved;
}

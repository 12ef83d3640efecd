// Statement PDFs as a reader and a printer get them: the text read back with pdftotext, the CJK
// font embedded as a subset (pdffonts), A4 pages, the table header on every page of a ten-year
// certificate, no row split across pages, page x/y, and the pages rendered to PNG for a look
// (test-results/screenshots/statement-*.png).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodRange } from '../../contracts/period';
import { renderStatementPdf } from '../../documents/statement-pdf';
import { sampleStatement } from './statement-fixtures';

const run = promisify(execFile);
const SCREENSHOTS = 'test-results/screenshots';
const VERIFY_URL = 'http://hall.example:8080/verify';

interface Rendered {
  path: string;
  pages: string[];
  pageCount: number;
}

async function render(name: string, content: ReturnType<typeof sampleStatement>): Promise<Rendered> {
  const dir = mkdtempSync(join(tmpdir(), 'statement-pdf-'));
  const { pdf, pageCount } = await renderStatementPdf(content, { verifyUrl: VERIFY_URL });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  const { stdout } = await run('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const pages = stdout.split('\f').filter((p) => p.trim() !== '');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await run('pdftoppm', ['-r', '100', '-png', path, join(SCREENSHOTS, `statement-${name}`)]);
  return { path, pages, pageCount };
}

describe('rights statement PDF (one year)', () => {
  let doc: Rendered;
  const content = sampleStatement('rightsStatement', '202401', '202412', '202411');
  beforeAll(async () => {
    doc = await render('rights-2024', content);
  });

  it('reads back as the statement: title, year, masked ID, totals, arrears, bureau, date and code', () => {
    const text = doc.pages.join('\n');
    for (const s of [
      '社会保险个人权益记录单',
      '2024年度',
      '王秀兰',
      '110105********0023',
      '企业职工基本养老保险',
      '养老保险个人账户累计储存额：87,654.32 元',
      '2024年01月',
      '2024年12月',
      '欠费',
      '出具机构：XX市人力资源和社会保障局',
      '出具日期：2025年3月5日',
      '7K3M-Q9XD-2HTB-W5RT',
      VERIFY_URL,
    ])
      expect(text).toContain(s);
    // January's pension personal amount, formatted as yuan.
    const jan = content.rows[0]!.cells[0]!.personalAmount;
    expect(text).toMatch(new RegExp(`2024年01月\\s+5,003\\.40\\s+${(jan / 100).toFixed(2)}`));
  });

  it('embeds the CJK font as a subset, and only that font', async () => {
    const { stdout } = await run('pdffonts', [doc.path], { encoding: 'utf8' });
    const fonts = stdout.trim().split('\n').slice(2);
    expect(fonts).toHaveLength(1);
    // name type encoding emb sub uni ...: "ABCDEF+WenQuanYiMicroHei CID TrueType Identity-H yes yes yes"
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('is A4 with page x/y on every page', async () => {
    const { stdout } = await run('pdfinfo', [doc.path], { encoding: 'utf8' });
    expect(stdout).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(stdout).toMatch(new RegExp(`Pages:\\s+${doc.pageCount}\\n`));
    // pdftotext drops the spaces between CJK characters.
    doc.pages.forEach((page, i) =>
      expect(page).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${doc.pageCount}\\s*页`)),
    );
  });
});

describe('insurance certificate PDF (ten years)', () => {
  let doc: Rendered;
  const content = sampleStatement('insuranceCertificate', '201501', '202412');
  beforeAll(async () => {
    doc = await render('certificate-10y', content);
  });

  it('spans several pages, each with the table header, and every month exactly once on one line', () => {
    expect(doc.pageCount).toBeGreaterThanOrEqual(4);
    expect(doc.pages).toHaveLength(doc.pageCount);
    const tablePages = doc.pages.filter((p) => /\d{4}年\d{2}月\s+[\d,]+\.\d{2}/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(4);
    for (const page of tablePages) {
      expect(page).toContain('缴费年月');
      expect(page).toMatch(/养老\s+医疗\s+失业\s+工伤\s+生育/);
    }
    const all = doc.pages.join('\n');
    for (const period of periodRange('201501', '202412')) {
      const label = `${period.slice(0, 4)}年${period.slice(4)}月`;
      // Each month's row is whole on one line: month, base and the five amounts.
      const lines = all.split('\n').filter((l) => l.trimStart().startsWith(label) && !l.includes('至'));
      expect(lines, label).toHaveLength(1);
      expect(lines[0]!.trim().split(/\s+/), label).toHaveLength(7);
    }
    expect(doc.pages[1]).toContain('社会保险参保缴费证明（续）');
    expect(doc.pages.at(-1)).toContain('出具机构');
  });

  it('renders every page to PNG for a look', () => {
    const pngs = readdirSync(SCREENSHOTS).filter((f) => f.startsWith('statement-certificate-10y'));
    expect(pngs).toHaveLength(doc.pageCount);
  });
});

describe('edge contents', () => {
  it('says so when a period has no contributions at all', async () => {
    const empty = { ...sampleStatement('insuranceCertificate', '202401', '202406'), rows: [], totals: [] };
    empty.coverage = { ...empty.coverage, insuranceTypes: [] };
    const doc = await render('empty', empty);
    expect(doc.pages.join('\n')).toContain('无参保记录');
    expect(doc.pages.join('\n')).toContain('本期间无缴费记录');
  });
});

// Test helper for the real-CUPS tests: makes sure the tools are installed (failing,
// never skipping, with the Debian package to install), starts the private scheduler
// with scripts/start-test-cups.sh (see the comment there for exactly how), and makes
// small PDFs by hand.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'start-test-cups.sh');

/** A private CUPS scheduler with a cups-pdf queue. */
export interface TestCups {
  /** lp's `-h` value: the scheduler's socket. */
  server: string;
  queue: string;
  /** Where cups-pdf writes job_<n>-<title>.pdf. */
  pdfDir: string;
}

const TOOLS: [string, string][] = [
  ['/usr/sbin/cupsd', 'cups-daemon (install: apt-get install cups)'],
  ['/usr/bin/lp', 'cups-client'],
  ['/usr/bin/lpstat', 'cups-client'],
  ['/usr/sbin/lpadmin', 'cups-client'],
  ['/usr/bin/ipptool', 'cups-ipp-utils (pulled in by cups)'],
  ['/usr/lib/cups/backend/cups-pdf', 'printer-driver-cups-pdf'],
  ['/usr/bin/pdftotext', 'poppler-utils'],
];

/** Starts (or reuses) the test scheduler; throws a sentence naming the missing Debian package. */
export async function startTestCups(): Promise<TestCups> {
  const missing = TOOLS.filter(([path]) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `the A4 printer tests need CUPS: install the Debian packages ${[...new Set(missing.map(([, pkg]) => pkg))].join(', ')} ` +
        '(all at once: apt-get install cups cups-client printer-driver-cups-pdf poppler-utils)',
    );
  }
  const { stdout } = await run('bash', [SCRIPT], { timeout: 30_000 }).catch((error: { stderr?: string }) => {
    throw new Error(`scripts/start-test-cups.sh failed: ${error.stderr ?? String(error)}`);
  });
  const vars = Object.fromEntries([...stdout.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const { CUPS_SERVER: server, KIOSK_CUPS_QUEUE: queue, KIOSK_CUPS_PDF_DIR: pdfDir } = vars;
  if (!server || !queue || !pdfDir) throw new Error(`scripts/start-test-cups.sh printed no settings: ${stdout}`);
  return { server, queue, pdfDir };
}

/** The PDF cups-pdf wrote for CUPS job `KioskPDF-<n>`, if it is there yet. */
export function outputFor(cups: TestCups, jobId: string): string | undefined {
  const n = /-(\d+)$/.exec(jobId)?.[1];
  const name = readdirSync(cups.pdfDir).find((file) => file.startsWith(`job_${n}-`) && file.endsWith('.pdf'));
  return name && join(cups.pdfDir, name);
}

/** Text of a PDF, read back with pdftotext. */
export async function pdfText(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return stdout;
}

/** A minimal valid one-page A4 PDF showing `lines` in Helvetica (ASCII only), built by hand with a correct xref. */
export function minimalPdf(lines: string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((line, i) => `BT /F1 18 Tf 72 ${770 - i * 28} Td (${escape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

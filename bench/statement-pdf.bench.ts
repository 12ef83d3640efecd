// Statement PDF generation: time and size of a one-page and a ten-year statement with the CJK font
// embedded as a subset (what the server does), against two baselines measured in the same run: the
// font file parsed anew for every document (how the server rendered before issue 18, before
// documents/warm-font.ts), and the naive whole font face embedded (for the size).
import { readFileSync } from 'node:fs';
import { DEFAULT_CJK_FONT, type RenderOptions, renderStatementPdf } from '../documents/statement-pdf';
import { sampleStatement } from '../tests/documents/statement-fixtures';
import type { BenchResult } from './types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(content: ReturnType<typeof sampleStatement>, options: RenderOptions, runs: number) {
  return measureEach(content, () => options, runs);
}

async function measureEach(
  content: ReturnType<typeof sampleStatement>,
  options: () => RenderOptions,
  runs: number,
): Promise<{ ms: number; bytes: number; pages: number }> {
  const times: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const o = options();
    const t0 = performance.now();
    const { pdf, pageCount } = await renderStatementPdf(content, o);
    times.push(performance.now() - t0);
    bytes = pdf.length;
    pages = pageCount;
  }
  return { ms: median(times), bytes, pages };
}

export async function benchStatementPdf(): Promise<BenchResult[]> {
  const font = { bytes: readFileSync(DEFAULT_CJK_FONT.path), postscriptName: DEFAULT_CJK_FONT.postscriptName };
  const verifyUrl = 'http://hall.example:8080/verify';
  const docs = [
    ['one-page certificate (3 months)', sampleStatement('insuranceCertificate', '202410', '202412')],
    ['ten-year certificate (120 months)', sampleStatement('insuranceCertificate', '201501', '202412')],
  ] as const;
  const results: BenchResult[] = [];
  // Warm-up: first use loads pdfkit's and fontkit's code.
  await renderStatementPdf(docs[0][1], { verifyUrl, font });
  for (const [label, content] of docs) {
    const naive = await measure(content, { verifyUrl, font, embedWholeFont: true }, 3);
    // A fresh copy of the bytes each time misses the parsed-font cache: parsed per document.
    const cold = await measureEach(
      content,
      () => ({ verifyUrl, font: { ...font, bytes: new Uint8Array(font.bytes) } }),
      7,
    );
    const subset = await measure(content, { verifyUrl, font }, 15);
    const pages = `${subset.pages} page${subset.pages > 1 ? 's' : ''}`;
    results.push(
      {
        name: `statement ${label}, ${pages}: generate, font parsed per document (baseline, before)`,
        value: cold.ms,
        unit: 'ms',
        baseline: cold.ms,
      },
      {
        name: `statement ${label}, ${pages}: generate, parsed font kept warm`,
        value: subset.ms,
        unit: 'ms',
        baseline: cold.ms,
      },
      {
        name: `statement ${label}, ${pages}: generate, whole font (baseline)`,
        value: naive.ms,
        unit: 'ms',
        baseline: naive.ms,
      },
      { name: `statement ${label}, ${pages}: generate, subset font`, value: subset.ms, unit: 'ms', baseline: naive.ms },
      {
        name: `statement ${label}: size, whole font (baseline)`,
        value: naive.bytes / 1024,
        unit: 'KiB',
        baseline: naive.bytes / 1024,
      },
      {
        name: `statement ${label}: size, subset font`,
        value: subset.bytes / 1024,
        unit: 'KiB',
        baseline: naive.bytes / 1024,
      },
    );
  }
  return results;
}

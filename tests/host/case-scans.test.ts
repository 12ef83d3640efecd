// Receipt barcodes as the scanner reads them: grouped with dashes or spaces, or in small letters,
// they still announce the case number as stored; anything that is not a case number is ignored.
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../contracts';
import { CaseScans, normalizeCaseNo } from '../../host/citizen/case-scans';
import { HostEvents } from '../../host/events';

function scansWithEvents() {
  const events = new HostEvents();
  const seen: Array<{ event: KioskEvent; payload: unknown }> = [];
  events.on((event, payload) => seen.push({ event, payload }));
  return { scans: new CaseScans(events, () => 0), seen };
}

describe('receipt scans', () => {
  it('a barcode with dashes, spaces or small letters is announced as the plain case number', () => {
    const { scans, seen } = scansWithEvents();
    scans.scanned('SB001-20240315-0000123-1\r\n');
    scans.scanned(' sb001 2024 0315 0000 1231 ');
    expect(seen).toEqual([
      { event: 'caseScanned', payload: { caseNo: 'SB0012024031500001231' } },
      { event: 'caseScanned', payload: { caseNo: 'SB0012024031500001231' } },
    ]);
    expect(scans.take()).toBe('SB0012024031500001231');
  });

  it('ignores what is not a case number', () => {
    const { scans, seen } = scansWithEvents();
    for (const text of ['SB1-2', 'https://example.org/x', 'SB001_2024', '中文编号123456', 'A'.repeat(41)])
      scans.scanned(text);
    expect(seen).toEqual([]);
    expect(scans.take()).toBeNull();
    expect(normalizeCaseNo('yb-00 1')).toBe('YB001');
  });
});

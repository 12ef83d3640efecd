import { describe, expect, it } from 'vitest';
import { SsCardSimulator } from '../../devices/ss-card/simulator';
import { RETIREE_CARD } from './ss-card-fixtures';

const bytes = (hex: string) =>
  Uint8Array.from(
    hex
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** Feeds hex C-APDUs to a fresh card and returns its hex answers. */
function talk(...apdus: string[]): string[] {
  const card = new SsCardSimulator(RETIREE_CARD);
  return apdus.map((apdu) => hexOf(card.process(bytes(apdu))));
}

const SELECT_SSSE = '00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF';

describe('SsCardSimulator answers real APDUs', () => {
  it('selects SSSE with 61xx and hands the FCI to GET RESPONSE', () => {
    expect(talk(SELECT_SSSE, '00 C0 00 00 13')).toEqual([
      '61 13',
      '6F 11 84 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF 90 00',
    ]);
  });

  it('reads 卡号 from EF05, telling the right Le with 6Cxx first', () => {
    expect(talk(SELECT_SSSE, '00 A4 02 00 02 EF 05', '00 B2 07 04 00', '00 B2 07 04 0B')).toEqual([
      '61 13',
      '90 00',
      '6C 0B',
      '07 09 41 30 31 32 33 34 35 36 37 90 00',
    ]);
  });

  it('reads 姓名 from EF06 as GBK, also by SFI (P2 = 34)', () => {
    const name = `09 1E CD F5 D0 E3 D3 A2${' 20'.repeat(24)} 90 00`; // 王秀英
    expect(talk(SELECT_SSSE, '00 A4 02 00 02 EF 06', '00 B2 09 04 20')[2]).toBe(name);
    expect(talk(SELECT_SSSE, '00 B2 09 34 20')[1]).toBe(name);
  });

  it('refuses what a card refuses', () => {
    expect(talk('00 A4 02 00 02 EF 05')).toEqual(['6A 82']); // EF05 lives under SSSE
    expect(talk(SELECT_SSSE, '00 B2 07 04 0B')[1]).toBe('69 86'); // no current EF
    expect(talk(SELECT_SSSE, '00 A4 02 00 02 EF 05', '00 B2 0E 04 05')[2]).toBe('6A 83'); // no record 0E
    expect(talk('00 A4 04 00 04 7D 53 53 45')).toEqual(['6A 82']); // not our DF name
    expect(talk('80 B2 07 04 0B', '00 E4 00 00', '00 B2', '00 C0 00 00 13')).toEqual([
      '6E 00',
      '6D 00',
      '67 00',
      '69 85',
    ]);
  });

  it('counts PIN tries 63C2, 63C1, then blocks with 6983 for good; a right PIN resets the counter', () => {
    const wrong = '00 20 00 00 03 11 11 11';
    const right = '00 20 00 00 03 13 57 90';
    expect(talk(wrong, right, wrong, wrong)).toEqual(['63 C2', '90 00', '63 C2', '63 C1']);
    expect(talk(wrong, wrong, wrong, right, wrong)).toEqual(['63 C2', '63 C1', '69 83', '69 83', '69 83']);
    expect(talk('00 20 00 00 02 13 57')).toEqual(['67 00']);
  });
});

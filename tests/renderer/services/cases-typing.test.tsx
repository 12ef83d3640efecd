// Typing a case number (受理编号) on the cases screen: the keypad's reducer, then the screen in jsdom —
// the number shown in groups, its steps after 查询, 查不到这个编号 with 12333 and a way to correct it,
// the plain sentence when the terminal's lookups are paused, and the same screen in English.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError, type CaseProgress, type KioskApi } from '../../../contracts';
import { I18nContext, messages } from '../../../renderer/src/i18n';
import { casesService } from '../../../renderer/src/services/cases/CasesService';
import {
  canSubmit,
  casesReducer,
  groupCaseNo,
  initialCasesState,
  type CasesAction,
  type CasesState,
} from '../../../renderer/src/services/cases/machine';
import type { ServiceProps } from '../../../renderer/src/services/registry';
import { advance } from '../fixtures';

const run = (actions: CasesAction[], from: CasesState = initialCasesState) => actions.reduce(casesReducer, from);
const keys = (text: string): CasesAction[] => [...text].map((k) => ({ type: 'key', keys: k }));

describe('the case number keypad (reducer)', () => {
  it('types letters and digits, refuses anything else, and stops at 40', () => {
    const s = run([{ type: 'type' }, { type: 'key', keys: 'SB' }, ...keys('001-2024 x')]);
    expect(s).toMatchObject({ step: 'typing', typed: 'SB0012024X' });
    expect(run([{ type: 'key', keys: '9'.repeat(60) }], s).typed).toHaveLength(40);
    // Keys only count on the keypad.
    expect(casesReducer(initialCasesState, { type: 'key', keys: '1' })).toBe(initialCasesState);
  });

  it('backspace takes the last one, clear takes all; look-up only once it is long enough', () => {
    let s = run([{ type: 'type' }, ...keys('SB001')]);
    expect(canSubmit(s.typed)).toBe(false);
    expect(casesReducer(s, { type: 'submit' })).toBe(s);
    s = run([{ type: 'backspace' }], s);
    expect(s.typed).toBe('SB00');
    s = run([...keys('12'), { type: 'submit' }], s);
    expect(s).toMatchObject({ step: 'looking', caseNo: 'SB0012' });
    expect(run([{ type: 'type' }, ...keys('SB1'), { type: 'clear' }]).typed).toBe('');
  });

  it('not found keeps the typed number to correct it; back and again start over', () => {
    const looking = run([{ type: 'type' }, ...keys('SB0012024'), { type: 'submit' }]);
    const missed = casesReducer(looking, { type: 'failed', code: 'notFound' });
    expect(missed.step).toBe('notFound');
    expect(casesReducer(missed, { type: 'type' })).toMatchObject({ step: 'typing', typed: 'SB0012024' });
    expect(casesReducer(missed, { type: 'again' })).toEqual(initialCasesState);
    // A receipt scanned while typing wins, and the keypad is left.
    const scanned = run([{ type: 'type' }, ...keys('SB1'), { type: 'scanned', caseNo: 'YB00120240101' }]);
    expect(scanned).toMatchObject({ step: 'looking', caseNo: 'YB00120240101', typed: '' });
  });

  it('groups the number: the letters, then the digits in fours', () => {
    expect(groupCaseNo('SB0012024031500001231')).toEqual(['SB', '0012', '0240', '3150', '0001', '231']);
    expect(groupCaseNo('123456')).toEqual(['1234', '56']);
    expect(groupCaseNo('')).toEqual([]);
  });
});

const CASE_NO = 'SB0012024031500001231';
const found: CaseProgress = {
  caseNo: CASE_NO,
  itemCode: 'SB001',
  item: '城镇职工基本养老保险关系转移接续',
  status: 'processing',
  acceptedAt: '2024-03-15T01:20:00.000Z',
  dueDate: '2024-04-29',
  completedAt: null,
  overdue: false,
  finishedLate: false,
  daysOverdue: 0,
  steps: [
    { name: '受理', at: '2024-03-15T01:20:00.000Z', by: '周敏' },
    { name: '审核', at: '2024-03-20T03:05:00.000Z', by: '黄磊' },
  ],
  maskedName: '王*国',
  timeZone: 'Asia/Shanghai',
};

function fakeKiosk(lookup: (caseNo: string) => Promise<CaseProgress>) {
  const lookupCase = vi.fn(({ caseNo }: { caseNo: string }) => lookup(caseNo));
  const kiosk = {
    on: vi.fn(() => () => undefined),
    takeScannedCase: vi.fn(async () => ({ caseNo: null })),
    lookupCase,
  } as unknown as KioskApi;
  return { kiosk, lookupCase };
}
const props = (kiosk: KioskApi, say = vi.fn()): ServiceProps => ({
  kiosk,
  session: null,
  summary: null,
  terminal: null,
  now: Date.parse('2024-03-25T02:00:00Z'),
  close: vi.fn(),
  say,
  keepAlive: vi.fn(),
});
const tap = async (id: string) => {
  fireEvent.click(screen.getByTestId(id));
  await advance();
};
async function typeOnKeypad(caseNo: string) {
  const prefix = /^[A-Z]+/.exec(caseNo)![0];
  await tap(`cases-key-${prefix}`);
  for (const d of caseNo.slice(prefix.length)) await tap(`cases-key-${d}`);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('typing a case number on the screen (jsdom)', () => {
  it('shows the number in groups as it is typed, then the case with its steps', async () => {
    const { kiosk, lookupCase } = fakeKiosk(async () => found);
    const say = vi.fn();
    render(<casesService.Component {...props(kiosk, say)} />);
    await advance();
    expect(screen.getByTestId('cases-type').textContent).toContain('输入受理编号');
    await tap('cases-type');
    expect(screen.getByTestId('cases-typing').textContent).toContain('请输入回执上的受理编号');
    expect(say).toHaveBeenLastCalledWith(expect.stringContaining('输入回执上的受理编号'));
    expect(screen.getByTestId('cases-typed').textContent).toBe('还没有输入');
    expect((screen.getByTestId('cases-key-submit') as HTMLButtonElement).disabled).toBe(true);

    await typeOnKeypad(`${CASE_NO}9`);
    await tap('cases-key-backspace');
    const groups = [...screen.getByTestId('cases-typed').querySelectorAll('.cz-keyin__group')].map(
      (g) => g.textContent,
    );
    expect(groups).toEqual(['SB', '0012', '0240', '3150', '0001', '231']);
    expect(screen.getByTestId('cases-typed-count').textContent).toBe('已输入 21 位');

    await tap('cases-key-submit');
    expect(lookupCase).toHaveBeenCalledWith({ caseNo: CASE_NO });
    const detail = screen.getByTestId('case-detail').textContent!;
    expect(screen.getByTestId('case-no').textContent).toBe(CASE_NO);
    expect(detail).toContain('审核');
    expect(detail).toContain('2024-03-20 11:05');
    await tap('cases-again');
    expect(screen.getByTestId('cases-waiting')).toBeTruthy();
  });

  it('an unknown number: 查不到这个编号 with 12333, and 改一改 brings the typed number back', async () => {
    const { kiosk } = fakeKiosk(async () => {
      throw new KioskError('notFound', 'no case');
    });
    render(<casesService.Component {...props(kiosk)} />);
    await advance();
    await tap('cases-type');
    await typeOnKeypad('SB00120249');
    await tap('cases-key-submit');
    const failure = screen.getByTestId('cz-failure').textContent!;
    expect(failure).toContain('查不到这个编号');
    expect(screen.getByTestId('hotline').textContent).toContain('12333');
    await tap('cases-edit');
    expect(screen.getByTestId('cases-typed').textContent).toBe('SB00120249');
    await tap('cases-key-clear');
    expect(screen.getByTestId('cases-typed').textContent).toBe('还没有输入');
    await tap('cases-typing-back');
    expect(screen.getByTestId('cases-waiting')).toBeTruthy();
  });

  it('when the terminal has tried too many unknown numbers, the pause is said plainly', async () => {
    const { kiosk } = fakeKiosk(async () => {
      throw new KioskError('rateLimited', 'paused');
    });
    render(<casesService.Component {...props(kiosk)} />);
    await advance();
    await tap('cases-type');
    await typeOnKeypad('SB0012024');
    await tap('cases-key-submit');
    const failure = screen.getByTestId('cz-failure').textContent!;
    expect(failure).toContain('暂停查询编号 10 分钟');
    expect(failure).toContain('12333');
    expect(screen.getByTestId('cases-again')).toBeTruthy();
  });

  it('speaks English on the English screen', async () => {
    const { kiosk } = fakeKiosk(async () => {
      throw new KioskError('notFound', 'no case');
    });
    render(
      <I18nContext.Provider value={{ locale: 'en', t: messages.en }}>
        <casesService.Component {...props(kiosk)} />
      </I18nContext.Provider>,
    );
    await advance();
    expect(screen.getByTestId('cases-type').textContent).toContain('Type the case number');
    await tap('cases-type');
    expect(screen.getByTestId('cases-typed').textContent).toBe('Nothing yet');
    expect(screen.getByTestId('cases-key-SB').textContent).toContain('Social insurance');
    await typeOnKeypad('JY00220240');
    expect(screen.getByTestId('cases-typed').textContent).toBe('JY00220240');
    await tap('cases-key-submit');
    expect(screen.getByTestId('cz-failure').textContent).toContain('No case has this number');
  });
});

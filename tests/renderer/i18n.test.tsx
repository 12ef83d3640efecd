import { describe, expect, it } from 'vitest';
import { enrollmentStatuses, errorCodes, insuranceTypes } from '../../contracts';
import { messages } from '../../renderer/src/i18n';

/** Key paths of a messages object (functions are leaves). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale files', () => {
  it('have the same keys (tsc checks this too)', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort());
  });

  it('name every insurance type, status and error code with the glossary words', () => {
    const zh = messages['zh-CN'];
    for (const t of insuranceTypes) expect(zh.insuranceTypes[t]).toBeTruthy();
    for (const s of enrollmentStatuses) expect(zh.statuses[s]).toBeTruthy();
    for (const c of errorCodes) expect(zh.error.codes[c]).toBeTruthy();
    expect(zh.insuranceTypes.employeePension).toBe('企业职工基本养老保险');
    expect(zh.insuranceTypes.residentMedical).toBe('城乡居民基本医疗保险');
    expect(zh.statuses.receiving).toBe('享受待遇');
    expect(zh.error.codes.personNotFound).toBe('未查到您的参保信息，请到人工窗口咨询。');
  });

  it('formats dates, periods and contribution years for people', () => {
    const { home } = messages['zh-CN'];
    expect(home.startDate('1985-07-01')).toBe('1985年07月');
    expect(home.asOfPeriod('202410')).toBe('截至 2024 年 10 月');
    expect(home.asOfDate('2024-11-20')).toBe('截至 2024 年 11 月 20 日');
    expect(home.yearsAndMonths(15, 3)).toBe('15 年 3 个月');
    expect(messages.en.home.yearsAndMonths(1, 1)).toBe('1 year 1 month');
    expect(messages.en.home.startDate('1985-07-01')).toBe('Jul 1985');
  });
});

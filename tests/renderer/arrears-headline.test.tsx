// Home with arrears: a headline near the top names what is owed, says how to pay, and its button
// opens the 缴费 service; the kiosk says it aloud too. Without arrears there is no headline; without
// the hall server (payment unusable) it sends the person to a window instead of offering a button.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsuranceSummary } from '../../contracts';
import { App } from '../../renderer/src/App';
import { advance, createFakeKiosk, okStatus, recordingSpeech, sessionView, summary } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function home(fake: ReturnType<typeof createFakeKiosk>) {
  const rec = recordingSpeech();
  render(<App kiosk={fake.kiosk} speech={rec.speech} />);
  await advance();
  return rec;
}

describe('arrears headline on home', () => {
  it('names what is owed above the figures, says it aloud, and 去缴费 opens the payment service', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    // The payment service starts by asking for the second factor; here it simply stays asking.
    Object.assign(fake.kiosk, { getSecondFactor: vi.fn(() => new Promise(() => {})) });
    const rec = await home(fake);
    const headline = screen.getByTestId('arrears-headline');
    expect(headline.textContent).toContain('您有欠费未缴：城乡居民基本医疗保险 欠费 3 个月');
    expect(headline.textContent).toContain('可以在本机缴费');
    // Near the top: before the key figures and the service tiles, not below the enrollments table.
    const figures = screen.getByTestId('contribution-years');
    expect(headline.compareDocumentPosition(figures) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const spoken = rec.spoken.at(-1)?.text ?? '';
    expect(spoken).toContain('下面是您的参保信息');
    expect(spoken).toContain('请注意，您有欠费未缴：城乡居民基本医疗保险 欠费 3 个月');

    fireEvent.click(screen.getByTestId('arrears-pay'));
    await advance();
    expect(screen.getByTestId('screen-service-payment')).toBeTruthy();
  });

  it('has no headline and says nothing about arrears when nothing is owed', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    fake.state.summary = {
      ...summary,
      enrollments: summary.enrollments.map((e) => ({ ...e, arrearsMonths: 0 })),
    } satisfies InsuranceSummary;
    const rec = await home(fake);
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.queryByTestId('arrears-headline')).toBeNull();
    expect(rec.spoken.at(-1)?.text ?? '').not.toContain('欠费');
  });

  it('sends the person to a window when payment cannot be used here (hall server unreachable)', async () => {
    const fake = createFakeKiosk({ session: sessionView(), status: { ...okStatus, serverReachable: false } });
    await home(fake);
    const headline = screen.getByTestId('arrears-headline');
    expect(headline.textContent).toContain('请到人工窗口缴费');
    expect(headline.textContent).toContain('12333');
    expect(screen.queryByTestId('arrears-pay')).toBeNull();
  });

  it('speaks and shows it in English too', async () => {
    const rec = await home(createFakeKiosk({ session: sessionView() }));
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('arrears-headline').textContent).toContain('You have unpaid contributions');
    expect(screen.getByTestId('arrears-pay').textContent).toBe('Pay now');
    expect(rec.spoken.at(-1)).toMatchObject({ locale: 'en' });
    expect(rec.spoken.at(-1)?.text).toContain('unpaid contributions');
  });

  it("tells arrears the employer owes apart from the person's own: ask the employer or a window, no 去缴费", async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    fake.state.summary = {
      ...summary,
      enrollments: summary.enrollments.map((e) => ({
        ...e,
        arrearsMonths: e.insuranceType === 'employeePension' ? 2 : 0,
      })),
    } satisfies InsuranceSummary;
    const rec = await home(fake);
    const headline = screen.getByTestId('arrears-headline');
    expect(headline.textContent).toContain('单位欠缴：企业职工基本养老保险 欠费 2 个月');
    expect(headline.textContent).toContain('这是北京第二机床厂应缴的费用，本机不能缴。请联系单位，或到人工窗口咨询');
    expect(headline.textContent).toContain('12333');
    expect(headline.textContent).not.toContain('您有欠费未缴');
    expect(screen.queryByTestId('arrears-pay')).toBeNull();
    expect(rec.spoken.at(-1)?.text).toContain('请注意，北京第二机床厂欠缴您的企业职工基本养老保险 欠费 2 个月');
    expect(rec.spoken.at(-1)?.text).not.toContain('您有欠费未缴');
  });

  it('shows both, each with its own action, when the employer and the person both owe', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    Object.assign(fake.kiosk, { getSecondFactor: vi.fn(() => new Promise(() => {})) });
    fake.state.summary = {
      ...summary,
      enrollments: summary.enrollments.map((e) => ({
        ...e,
        arrearsMonths: e.insuranceType === 'employeePension' ? 2 : e.insuranceType === 'residentMedical' ? 3 : 0,
      })),
    } satisfies InsuranceSummary;
    await home(fake);
    const here = screen.getByTestId('arrears-here');
    expect(here.textContent).toContain('您有欠费未缴：城乡居民基本医疗保险 欠费 3 个月');
    expect(here.textContent).toContain('可以在本机缴费');
    expect(here.querySelector('[data-testid="arrears-pay"]')).not.toBeNull();
    const employer = screen.getByTestId('arrears-employer');
    expect(employer.textContent).toContain('单位欠缴：企业职工基本养老保险 欠费 2 个月');
    expect(employer.querySelector('[data-testid="arrears-pay"]')).toBeNull();
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('arrears-employer').textContent).toContain('Your employer has not paid');
    expect(screen.getByTestId('arrears-employer').textContent).toContain('cannot be paid at this kiosk');
  });

  it('says "各欠费" once when the employer owes the same months of several types; self-paid employee insurance goes to a window', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    const employer = '北京第二机床厂';
    fake.state.summary = {
      ...summary,
      enrollments: [
        ...summary.enrollments.map((e) => ({
          ...e,
          arrearsMonths: e.insuranceType === 'employeePension' || e.insuranceType === 'employeeMedical' ? 3 : 0,
          employerName: e.insuranceType === 'employeeMedical' ? employer : e.employerName,
        })),
        // Flexible employment: unemployment insurance with no employer is the person's own, paid at a window.
        { ...summary.enrollments[0]!, insuranceType: 'unemployment', employerName: null, arrearsMonths: 1 },
      ],
    } satisfies InsuranceSummary;
    await home(fake);
    expect(screen.getByTestId('arrears-employer').textContent).toContain(
      '单位欠缴：企业职工基本养老保险、职工基本医疗保险 各欠费 3 个月',
    );
    const window = screen.getByTestId('arrears-window');
    expect(window.textContent).toContain('您有欠费未缴：失业保险 欠费 1 个月');
    expect(window.textContent).toContain('请到人工窗口缴费');
    expect(screen.queryByTestId('arrears-pay')).toBeNull();
  });
});

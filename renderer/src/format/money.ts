/** Money and contribution years as a person reads them. */
import { contributionYears, formatFen, type Fen } from '../../../contracts';
import type { Messages } from '../i18n';

/** "1,234.56 元" (fen formatted only here, at the edge). */
export function formatMoney(t: Messages, amount: Fen): string {
  return t.money(formatFen(amount));
}

/** "15 年 3 个月" from paid months. */
export function formatContributionYears(t: Messages, paidMonths: number): string {
  const { years, months } = contributionYears(paidMonths);
  return t.home.yearsAndMonths(years, months);
}

/** The insurance types in arrears, as words for the home screen's headline and its spoken prompt. */
import type { InsuranceSummary } from '../../../contracts';
import type { Messages } from '../i18n';

/** `城乡居民基本医疗保险 欠费 3 个月、…`, or null when nothing is owed. */
export function arrearsItems(t: Messages, summary: InsuranceSummary): string | null {
  const owed = summary.enrollments.filter((e) => e.arrearsMonths > 0);
  if (owed.length === 0) return null;
  return owed
    .map((e) => `${t.insuranceTypes[e.insuranceType]} ${t.home.arrears(e.arrearsMonths)}`)
    .join(t.home.arrearsHeadline.separator);
}

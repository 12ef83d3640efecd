/**
 * The insurance types in arrears, as words for the home screen's headline and its spoken prompt,
 * grouped by who can pay them. Only resident insurance (城乡居民养老/医疗) is paid by the person and
 * payable at the kiosk (the 缴费 service); arrears of an enrollment through an employer are the
 * employer's to pay (单位欠缴: the person asks the employer or a window); anything else owed by the
 * person (e.g. flexible employment's employee pension) is paid at a window.
 */
import type { EnrollmentSummary, InsuranceSummary, InsuranceType } from '../../../contracts';
import type { Messages } from '../i18n';

/** Who pays: the person at this kiosk, the employer, or the person at a window. */
export type ArrearsPayer = 'here' | 'employer' | 'window';

export interface ArrearsGroup {
  payer: ArrearsPayer;
  /** `城乡居民基本医疗保险 欠费 3 个月、…` */
  items: string;
  /** The employers that owe (payer `employer` only), e.g. `广州华创电子科技有限公司`. */
  employers: string;
}

/** The insurance types the kiosk's 缴费 service takes (paid by the person, per year). */
const PAYABLE_HERE: ReadonlySet<InsuranceType> = new Set<InsuranceType>(['residentPension', 'residentMedical']);

function payerOf(e: EnrollmentSummary): ArrearsPayer {
  if (PAYABLE_HERE.has(e.insuranceType)) return 'here';
  return e.employerName ? 'employer' : 'window';
}

/** `职工养老 欠费 3 个月、失业保险 欠费 2 个月`, or, when every type owes the same months, `…、… 各欠费 3 个月`. */
function itemsOf(t: Messages, owed: readonly EnrollmentSummary[], sep: string): string {
  const months = owed[0]!.arrearsMonths;
  if (owed.length > 1 && owed.every((e) => e.arrearsMonths === months))
    return `${owed.map((e) => t.insuranceTypes[e.insuranceType]).join(sep)} ${t.home.arrearsEach(months)}`;
  return owed.map((e) => `${t.insuranceTypes[e.insuranceType]} ${t.home.arrears(e.arrearsMonths)}`).join(sep);
}

/** What is owed, by who pays it (in the order here, employer, window); empty when nothing is owed. */
export function arrearsGroups(t: Messages, summary: InsuranceSummary): ArrearsGroup[] {
  const owed = summary.enrollments.filter((e) => e.arrearsMonths > 0);
  const sep = t.home.arrearsHeadline.separator;
  return (['here', 'employer', 'window'] as const).flatMap((payer) => {
    const mine = owed.filter((e) => payerOf(e) === payer);
    if (mine.length === 0) return [];
    return [
      {
        payer,
        items: itemsOf(t, mine, sep),
        employers: [...new Set(mine.map((e) => e.employerName).filter((n): n is string => !!n))].join(sep),
      },
    ];
  });
}

/** The spoken sentence for the groups ('' when nothing is owed). */
export function arrearsSpeech(t: Messages, groups: readonly ArrearsGroup[]): string {
  const h = t.home.arrearsHeadline;
  return groups
    .map((g) => (g.payer === 'employer' ? h.employerSpeech(g.items, g.employers) : h.speech(g.items)))
    .join('');
}

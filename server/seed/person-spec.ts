/** A random but plausible life story for synthetic person `index` of a seed. */
import type { IdCardFields } from '../../contracts/simulator-api';
import { addMonths } from '../../contracts/period';
import { makeIdNumber } from './codes';
import { addDays, addMonthsToDate, periodOf } from './dates';
import { residentPensionGrades } from './economics';
import { employersInCity } from './employers';
import { chineseName } from './names';
import { createRng, type Rng } from './prng';
import { compoundStems, compounds, regions, type Region } from './regions';
import type { CareerStint, PersonSpec } from './types';

/** Records of this generator begin here; earlier work counts as deemed years. */
export const RECORDS_BEGIN = '200001';
/** Synthetic retirees retired in this year or later, so that every one has contribution records. */
const RETIRED_SINCE = 2003;

const nations: readonly (readonly [string, number])[] = [
  ['01', 90],
  ['03', 2],
  ['08', 3],
  ['06', 1],
  ['11', 1],
  ['02', 1],
  ['04', 0.5],
  ['05', 0.5],
];
const phonePrefixes = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '186',
  '187',
  '188',
  '189',
];

/** A social security card number (社会保障卡卡号): one letter and 8 digits, unique per person id. */
export function ssCardNoFor(id: number): string {
  return `${'ABCDEFGHJK'[id % 10]}${((id * 7919 + 3_141_593) % 90_000_000) + 10_000_000}`;
}

function randomDate(rng: Rng, year: number): string {
  const month = rng.int(1, 12);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, last)).padStart(2, '0')}`;
}

function address(rng: Rng, region: Region): string {
  return `${region.city}${region.district}${rng.pick(region.streets)}${rng.int(1, 899)}号${rng.pick(compoundStems)}${rng.pick(compounds)}${rng.int(1, 30)}栋${rng.int(1, 32)}${String(rng.int(1, 8)).padStart(2, '0')}房`;
}

/** ID card validity (有效期限) by age at issue: 5, 10 or 20 years, or 长期 from 46. */
export function cardValidity(rng: Rng, birthDate: string, asOf: string): { validFrom: string; validTo: string } {
  const age = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const compact = (d: string) => d.replaceAll('-', '');
  if (age >= 50) {
    const from = addDays(asOf, -rng.int(30, 365 * Math.min(20, age - 46)));
    return { validFrom: compact(from), validTo: '长期' };
  }
  const years = age < 16 ? 5 : age < 26 ? 10 : 20;
  const from = addDays(asOf, -rng.int(30, years * 365 - 30));
  return { validFrom: compact(from), validTo: compact(addMonthsToDate(from, years * 12)) };
}

/** Employee stints from `start` to `end` (periods), with job changes and short gaps. */
export function randomStints(
  rng: Rng,
  start: string,
  end: string,
  employers: readonly number[],
  factor: number,
): CareerStint[] {
  const stints: CareerStint[] = [];
  let from = start;
  while (from <= end) {
    const to = addMonths(from, rng.int(12, 96) - 1);
    stints.push({
      employerId: rng.pick(employers),
      from,
      to: to < end ? to : end,
      baseFactor: Math.round(factor * 100) / 100,
    });
    factor = Math.min(3, Math.max(0.6, factor + (rng.next() - 0.3) * 0.4));
    from = addMonths(to, 1 + (rng.chance(0.5) ? rng.int(1, 8) : 0));
  }
  return stints;
}

/** The spec of synthetic person `index` (0-based); `usedIds` keeps ID numbers unique across the run. */
export function randomPersonSpec(
  seed: string,
  index: number,
  id: number,
  asOf: string,
  employers: number,
  usedIds: Set<string>,
): PersonSpec {
  const rng = createRng(`${seed}:person:${index}`);
  const asOfYear = Number(asOf.slice(0, 4));
  const asOfPeriod = periodOf(asOf);
  const kind = rng.weighted([
    ['retiree', 20],
    ['employee', 52],
    ['resident', 20],
    ['unemployed', 8],
  ] as const);
  const sex = rng.chance(0.5) ? '1' : '2';
  const retirementAge = sex === '1' ? 60 : rng.pick([50, 55]);
  const maxAge = sex === '1' ? 59 : 49;
  const birthYear =
    kind === 'retiree'
      ? rng.int(Math.max(asOfYear - 85, RETIRED_SINCE - retirementAge), asOfYear - retirementAge - 1)
      : kind === 'resident'
        ? rng.int(asOfYear - maxAge, asOfYear - 18)
        : rng.int(asOfYear - maxAge, asOfYear - 23);
  const birthDate = randomDate(rng, birthYear);
  const region = rng.pick(regions);
  let idNumber = makeIdNumber(region.code, birthDate.replaceAll('-', ''), rng.int(0, 499) * 2 + (sex === '1' ? 1 : 0));
  while (usedIds.has(idNumber))
    idNumber = makeIdNumber(region.code, birthDate.replaceAll('-', ''), rng.int(0, 499) * 2 + (sex === '1' ? 1 : 0));
  usedIds.add(idNumber);
  const card: IdCardFields = {
    name: chineseName(rng, sex),
    sex,
    nation: rng.weighted(nations),
    birthDate: birthDate.replaceAll('-', ''),
    address: address(rng, region),
    idNumber,
    issuingAuthority: region.issuingAuthority,
    ...cardValidity(rng, birthDate, asOf),
  };
  const spec: PersonSpec = {
    id,
    card,
    region,
    phone: rng.pick(phonePrefixes) + rng.digits(8),
    ssCardNo: ssCardNoFor(id),
    kind,
    stints: [],
    cases: rng.weighted([
      [0, 70],
      [1, 22],
      [2, 8],
    ] as const),
  };
  const workStart = periodOf(addMonthsToDate(birthDate, rng.int(19, 24) * 12));
  const start = workStart > RECORDS_BEGIN ? workStart : RECORDS_BEGIN;
  const factor = 0.6 + rng.next() * 1.2;
  const cityEmployers = employersInCity(region.city, employers);
  if (kind === 'resident') {
    const from = [periodOf(addMonthsToDate(birthDate, 18 * 12)), '201001'].sort()[1]!;
    const to = addMonths(asOfPeriod, -1);
    spec.resident = {
      from,
      to,
      yearlyGrade: rng.pick(residentPensionGrades),
      arrearsFrom: rng.chance(0.25) ? addMonths(to, -rng.int(1, 11)) : undefined,
    };
  } else if (kind === 'retiree') {
    const retirementDate = addMonthsToDate(`${birthDate.slice(0, 8)}01`, retirementAge * 12 + 1);
    spec.retirement = { date: retirementDate, age: retirementAge };
    spec.stints = randomStints(rng, start, addMonths(periodOf(retirementDate), -1), cityEmployers, factor);
    spec.certification = rng.weighted([
      ['certified', 60],
      ['due', 25],
      ['overdue', 15],
    ] as const);
  } else {
    const end =
      kind === 'unemployed'
        ? addMonths(asOfPeriod, -rng.int(2, 10))
        : rng.chance(0.9)
          ? addMonths(asOfPeriod, -1)
          : addMonths(asOfPeriod, -rng.int(3, 8));
    spec.stints = start <= end ? randomStints(rng, start, end, cityEmployers, factor) : [];
    const last = spec.stints[spec.stints.length - 1];
    if (last && rng.chance(kind === 'employee' ? 0.08 : 0.1)) {
      const arrearsFrom = addMonths(last.to, -rng.int(0, 5));
      last.arrearsFrom = arrearsFrom > last.from ? arrearsFrom : last.from;
    }
  }
  return spec;
}

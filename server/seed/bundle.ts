/** Turns a person's life story (PersonSpec) into rows. Pure: the same spec and rng give the same rows. */
import type * as s from '../db/schema';
import { buildCases } from './cases';
import { buildContributions, buildEnrollments, buildPensionAccount } from './contributions';
import { compactToIso } from './dates';
import { buildMedicalAccount } from './medical';
import type { Rng } from './prng';
import { buildCertifications, buildPensionPayments } from './retiree';
import type { PersonBundle, PersonSpec } from './types';

function personRow(spec: PersonSpec): typeof s.persons.$inferInsert {
  const c = spec.card;
  return {
    id: spec.id,
    idNumber: c.idNumber,
    name: c.name,
    sex: c.sex,
    birthDate: compactToIso(c.birthDate),
    nationCode: c.nation,
    address: c.address,
    phone: spec.phone,
    ssCardNo: spec.ssCardNo,
    isRetiree: spec.kind === 'retiree',
    retirementDate: spec.retirement?.date ?? null,
  };
}

/** Everything that belongs to the person, built from the spec. */
export function buildBundle(spec: PersonSpec, asOf: string, rng: Rng): PersonBundle {
  const contributions = buildContributions(spec);
  const pensionAccount = buildPensionAccount(spec, contributions, asOf);
  const pensionPaidMonths = contributions.filter((r) => r.paid && r.insuranceType === 'employeePension').length;
  const pensionPayments = buildPensionPayments(spec, pensionAccount?.balance ?? 0, pensionPaidMonths, asOf);
  const hasEmployeeMedical = contributions.some((r) => r.insuranceType === 'employeeMedical');
  let medical: ReturnType<typeof buildMedicalAccount> | null = null;
  if (hasEmployeeMedical && spec.kind !== 'unemployed') {
    const lastMedical = contributions.findLast((r) => r.insuranceType === 'employeeMedical');
    const credit =
      spec.kind === 'retiree'
        ? 10_000 + rng.int(0, 10) * 1_000
        : (lastMedical?.personalAmount ?? 0) + rng.int(0, 5) * 1_000;
    medical = buildMedicalAccount(spec, credit, asOf, rng);
  }
  return {
    person: personRow(spec),
    enrollments: buildEnrollments(spec, contributions, asOf),
    contributions,
    pensionAccount,
    pensionPayments,
    medicalAccount: medical?.account ?? null,
    medicalTransactions: medical?.transactions ?? [],
    certifications: buildCertifications(spec, asOf, rng),
    cases: buildCases(spec.id, spec.kind, spec.cases, asOf, rng),
  };
}

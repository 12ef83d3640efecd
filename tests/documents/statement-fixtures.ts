/** Statement contents for document tests and the bench: a plausible worker's months. */
import type { InsuranceType } from '../../contracts/domain';
import { periodRange } from '../../contracts/period';
import type { StatementDocument } from '../../documents/statement-pdf';

const employeeTypes: InsuranceType[] = [
  'employeePension',
  'employeeMedical',
  'unemployment',
  'workInjury',
  'maternity',
];
const personalRate: Partial<Record<InsuranceType, number>> = {
  employeePension: 0.08,
  employeeMedical: 0.02,
  unemployment: 0.005,
};
const employerRate: Partial<Record<InsuranceType, number>> = {
  employeePension: 0.16,
  employeeMedical: 0.065,
  unemployment: 0.005,
  workInjury: 0.004,
  maternity: 0.008,
};

/** A statement over `from`..`to` for the five employee types; months from `arrearsFrom` on are arrears. */
export function sampleStatement(
  kind: StatementDocument['kind'],
  from: string,
  to: string,
  arrearsFrom?: string,
): StatementDocument {
  const rows = periodRange(from, to).map((period) => {
    const base = 500_000 + Number(period.slice(0, 4)) * 10 - 20_000 + Number(period.slice(4)) * 100;
    return {
      period,
      base,
      cells: employeeTypes.map((insuranceType) => ({
        insuranceType,
        state: arrearsFrom && period >= arrearsFrom ? ('arrears' as const) : ('paid' as const),
        employerAmount: Math.round(base * (employerRate[insuranceType] ?? 0)),
        personalAmount: Math.round(base * (personalRate[insuranceType] ?? 0)),
      })),
    };
  });
  const totals = employeeTypes.map((insuranceType) => {
    const cells = rows.map((r) => r.cells.find((c) => c.insuranceType === insuranceType)!);
    const paid = cells.filter((c) => c.state === 'paid');
    return {
      insuranceType,
      status: 'active' as const,
      startDate: '2008-07-01',
      paidMonths: paid.length,
      arrearsMonths: cells.length - paid.length,
      employerTotal: paid.reduce((s, c) => s + c.employerAmount, 0),
      personalTotal: paid.reduce((s, c) => s + c.personalAmount, 0),
    };
  });
  return {
    version: 1,
    statementId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    kind,
    verificationCode: '7K3M-Q9XD-2HTB-W5RT',
    issuer: 'XX市人力资源和社会保障局',
    hallName: 'XX市人力资源和社会保障局 XX区服务大厅',
    issuedAt: '2025-03-05T02:30:00.000Z',
    person: { name: '王秀兰', maskedIdNumber: '110105********0023' },
    coverage: { from, to, insuranceTypes: employeeTypes },
    rows,
    totals,
    pensionAccount: kind === 'rightsStatement' ? { balance: 8_765_432, asOfPeriod: '202412' } : null,
    pensionPaidMonthsTotal: 198,
  };
}

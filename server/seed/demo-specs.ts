/** The life stories of the demo people, fixed relative to the as-of day so their roles always hold. */
import { addMonths } from '../../contracts/period';
import { periodOf } from './dates';
import { demoPeople } from './demo-people';
import { ssCardNoFor } from './person-spec';
import { regions, type Region } from './regions';
import type { PersonSpec } from './types';

function region(code: string): Region {
  const r = regions.find((x) => x.code === code);
  if (!r) throw new Error(`unknown region ${code}`);
  return r;
}

const phones = [
  '13800138001',
  '13900139002',
  '13600136003',
  '15800158004',
  '13700137005',
  '18900189006',
  '13500135007',
];

/** Specs for the demo people; ids 1..n. */
export function demoSpecs(asOf: string): PersonSpec[] {
  const now = periodOf(asOf);
  const last = addMonths(now, -1);
  return demoPeople.map(({ role: _role, ...card }, i) => {
    const id = i + 1;
    const spec: PersonSpec = {
      id,
      card,
      region: region(card.idNumber.slice(0, 6)),
      phone: phones[i]!,
      ssCardNo: ssCardNoFor(id),
      kind: 'employee',
      stints: [],
      cases: 0,
    };
    switch (i) {
      case 0:
        spec.stints = [
          { employerId: 1, from: '200007', to: '200912', baseFactor: 0.9 },
          { employerId: 2, from: '201003', to: last, baseFactor: 1.6 },
        ];
        spec.cases = 1;
        break;
      case 1:
        spec.kind = 'retiree';
        spec.retirement = { date: '2017-10-01', age: 55 };
        spec.stints = [{ employerId: 3, from: '200001', to: '201709', baseFactor: 0.8 }];
        spec.certification = 'due';
        break;
      case 2:
        spec.kind = 'retiree';
        spec.retirement = { date: '2016-02-01', age: 60 };
        spec.stints = [{ employerId: 4, from: '200001', to: '201601', baseFactor: 1.2 }];
        spec.certification = 'certified';
        spec.cases = 1;
        break;
      case 3:
        spec.kind = 'resident';
        // Last year unpaid (arrears she may still pay) and this year not yet paid (a pension year to choose).
        spec.resident = {
          from: '201908',
          to: last,
          yearlyGrade: 30_000,
          arrearsFrom: `${Number(now.slice(0, 4)) - 1}01`,
        };
        break;
      case 4:
        spec.kind = 'unemployed';
        spec.stints = [
          { employerId: 5, from: '200807', to: '201512', baseFactor: 0.8 },
          { employerId: 6, from: '201603', to: addMonths(now, -4), baseFactor: 1.1 },
        ];
        break;
      case 5:
        spec.kind = 'retiree';
        spec.retirement = { date: '2008-05-01', age: 50 };
        spec.stints = [{ employerId: 7, from: '200001', to: '200804', baseFactor: 0.7 }];
        spec.certification = 'overdue';
        break;
      case 6:
        spec.stints = [{ employerId: 8, from: '201407', to: last, baseFactor: 1.0, arrearsFrom: addMonths(now, -3) }];
        break;
    }
    return spec;
  });
}

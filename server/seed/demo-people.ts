/**
 * The named demo people: exactly what is printed on their (synthetic) ID cards, plus the role each
 * plays in a demonstration. Their histories are in demo-specs.ts. All of them are fictional.
 */
import type { DemoCard, IdCardFields } from '../../contracts/simulator-api';

/** A demo person: the ID card fields and a short English role description. */
export type DemoPerson = IdCardFields & { role: string };

/** The demo people, in a fixed order (their person ids are 1..n in this order). */
export const demoPeople: readonly DemoPerson[] = [
  {
    role: 'Working employee with a long contribution history (since 2000, two employers)',
    name: '王建国',
    sex: '1',
    nation: '01',
    birthDate: '19780516',
    address: '广东省广州市天河区天河北路183号锦绣花园3栋1502房',
    idNumber: '44010619780516035X',
    issuingAuthority: '广州市公安局天河分局',
    validFrom: '20150620',
    validTo: '20350620',
  },
  {
    role: 'Retiree due for the yearly pension certification (validity ends within weeks)',
    name: '李秀英',
    sex: '2',
    nation: '01',
    birthDate: '19620903',
    address: '广东省广州市越秀区东风中路412号翠苑新村5栋302房',
    idNumber: '440104196209030463',
    issuingAuthority: '广州市公安局越秀分局',
    validFrom: '20120315',
    validTo: '长期',
  },
  {
    role: 'Retiree already certified this cycle',
    name: '张德明',
    sex: '1',
    nation: '01',
    birthDate: '19560120',
    address: '广东省广州市荔湾区龙津西路88号丽景小区2栋601房',
    idNumber: '440103195601200171',
    issuingAuthority: '广州市公安局荔湾分局',
    validFrom: '20060818',
    validTo: '长期',
  },
  {
    role: 'Young resident-insurance person with months in arrears',
    name: '陈晓雨',
    sex: '2',
    nation: '01',
    birthDate: '20010708',
    address: '广东省广州市白云区同和路256号春晓家园8栋1103房',
    idNumber: '440111200107080825',
    issuingAuthority: '广州市公安局白云分局',
    validFrom: '20190812',
    validTo: '20290812',
  },
  {
    role: 'Unemployed person receiving unemployment insurance benefits',
    name: '刘志强',
    sex: '1',
    nation: '01',
    birthDate: '19860225',
    address: '广东省广州市海珠区江南大道中135号滨江苑6栋704房',
    idNumber: '44010519860225053X',
    issuingAuthority: '广州市公安局海珠分局',
    validFrom: '20170405',
    validTo: '20370405',
  },
  {
    role: 'Retiree whose certification has lapsed (overdue)',
    name: '赵桂兰',
    sex: '2',
    nation: '01',
    birthDate: '19580414',
    address: '广东省广州市天河区体育西路57号恒安公寓1栋203房',
    idNumber: '440106195804140243',
    issuingAuthority: '广州市公安局天河分局',
    validFrom: '20080910',
    validTo: '长期',
  },
  {
    role: 'Employee (Hui nationality) whose employer owes the last three months (arrears)',
    name: '马海燕',
    sex: '2',
    nation: '03',
    birthDate: '19920311',
    address: '广东省广州市天河区中山大道西301号东湖雅居4栋905房',
    idNumber: '440106199203110688',
    issuingAuthority: '广州市公安局天河分局',
    validFrom: '20210722',
    validTo: '20410722',
  },
];

/** The demo people as the device simulator offers them (contracts' DemoCard). */
export function demoCards(): DemoCard[] {
  return demoPeople.map(({ role, ...card }) => ({ role, card }));
}

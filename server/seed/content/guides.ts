/** 办事指南: what each item needs (一次性告知), where, how long. Text as a citizen would read it. */
import type { MaterialItem } from '../../db/schema';

/** A service guide as seeded; `timeLimitDays` drives the due dates of generated cases. */
export interface GuideSeed {
  code: string;
  title: string;
  categoryCode: 'A' | 'B' | 'C';
  summary: string;
  eligibility: string;
  materials: MaterialItem[];
  where: string;
  timeLimit: string;
  timeLimitDays: number;
  fee: string;
  basis: string;
}

const idCard: MaterialItem = { name: '本人有效居民身份证', copies: 1, original: true, note: '现场核验后退还' };
const WINDOW_A = '服务大厅一楼 A 区社保业务窗口（1-6号窗口）';
const WINDOW_B = '服务大厅一楼 B 区医保业务窗口（7-10号窗口）';
const WINDOW_C = '服务大厅二楼 C 区就业服务窗口（11-14号窗口）';

/** The seeded guides. */
export const guides: readonly GuideSeed[] = [
  {
    code: 'SB001',
    title: '企业职工基本养老保险关系转移接续',
    categoryCode: 'A',
    summary: '参保人员跨省、跨统筹地区流动就业时，将养老保险关系和个人账户储存额转入新参保地，缴费年限累计计算。',
    eligibility: '在原参保地已中断缴费、在本市新参加企业职工基本养老保险的人员。',
    materials: [
      idCard,
      { name: '《基本养老保险关系转移接续申请表》', copies: 1, original: true, note: '可在窗口或自助终端领取填写' },
      { name: '原参保地出具的《参保缴费凭证》', copies: 1, original: true, note: '没有的可由我局代为联系原参保地' },
    ],
    where: WINDOW_A,
    timeLimit: '15个工作日（不含转出地办理时间）',
    timeLimitDays: 21,
    fee: '不收费',
    basis: '《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）',
  },
  {
    code: 'SB002',
    title: '退休人员待遇领取资格认证',
    categoryCode: 'A',
    summary:
      '领取养老金的退休人员每年进行一次资格认证，认证后12个月内有效。可在自助终端刷脸认证，也可在窗口或手机上办理。',
    eligibility: '按月领取基本养老金的退休人员。',
    materials: [idCard, { name: '社会保障卡', copies: 1, original: true, note: '没有身份证时可用社会保障卡代替' }],
    where: '服务大厅自助服务区任一自助终端；或 A 区社保业务窗口',
    timeLimit: '即时办结',
    timeLimitDays: 0,
    fee: '不收费',
    basis: '《人力资源社会保障部关于全面取消领取社会保险待遇资格集中认证的通知》（人社厅发〔2018〕107号）',
  },
  {
    code: 'SB003',
    title: '个人权益记录单和参保证明打印',
    categoryCode: 'A',
    summary: '打印本人的社会保险个人权益记录单或参保缴费证明，证明上印有防伪验证码，可在线核验真伪。',
    eligibility: '在本市参加社会保险的人员。',
    materials: [idCard],
    where: '服务大厅自助服务区任一自助终端；或 A 区社保业务窗口',
    timeLimit: '即时办结',
    timeLimitDays: 0,
    fee: '不收费',
    basis: '《社会保险个人权益记录管理办法》（人力资源社会保障部令第14号）',
  },
  {
    code: 'SB004',
    title: '灵活就业人员参保登记',
    categoryCode: 'A',
    summary: '无雇工的个体工商户、非全日制从业人员及其他灵活就业人员，以个人身份参加企业职工基本养老保险。',
    eligibility: '年满16周岁、未达到法定退休年龄、未在用人单位参保的灵活就业人员。',
    materials: [
      idCard,
      { name: '《灵活就业人员参保登记表》', copies: 1, original: true },
      { name: '本人银行借记卡', copies: 1, original: true, note: '用于签订委托扣款协议' },
    ],
    where: WINDOW_A,
    timeLimit: '即时办结',
    timeLimitDays: 0,
    fee: '不收费',
    basis: '《中华人民共和国社会保险法》第十条',
  },
  {
    code: 'SB005',
    title: '社会保障卡补领、换领',
    categoryCode: 'A',
    summary: '社会保障卡遗失、损坏或信息变更时补领、换领新卡，原卡同时注销。',
    eligibility: '已申领社会保障卡的参保人员。',
    materials: [
      idCard,
      { name: '近期免冠彩色证件照', copies: 1, original: true, note: '白色背景；现场拍照的可不提供' },
      { name: '原社会保障卡', copies: 1, original: true, note: '换领时提供；遗失补领的无需提供' },
    ],
    where: WINDOW_A,
    timeLimit: '即时制卡；网点无法即时制卡的15个工作日',
    timeLimitDays: 21,
    fee: '不收费',
    basis: '《社会保障卡管理办法》（人社部发〔2011〕47号）',
  },
  {
    code: 'YB001',
    title: '基本医疗保险关系转移接续',
    categoryCode: 'B',
    summary: '跨统筹地区就业的参保人员转移医疗保险关系，缴费年限累计计算，个人账户余额随同转移。',
    eligibility: '已在转入地参加基本医疗保险的人员。',
    materials: [
      idCard,
      { name: '《基本医疗保障参保（合）凭证》', copies: 1, original: true, note: '由转出地医保经办机构出具' },
    ],
    where: WINDOW_B,
    timeLimit: '10个工作日',
    timeLimitDays: 14,
    fee: '不收费',
    basis: '《基本医疗保险关系转移接续暂行办法》',
  },
  {
    code: 'YB002',
    title: '异地就医备案',
    categoryCode: 'B',
    summary: '长期在外地居住、工作或需转外地就医的参保人员，备案后在就医地定点医疗机构住院可直接结算。',
    eligibility: '异地安置退休人员、异地长期居住人员、常驻异地工作人员及转诊转院人员。',
    materials: [
      idCard,
      { name: '《异地就医备案表》', copies: 1, original: true },
      { name: '居住证明或工作证明', copies: 1, original: false, note: '转诊转院的提供医院开具的转诊证明' },
    ],
    where: WINDOW_B,
    timeLimit: '即时办结',
    timeLimitDays: 0,
    fee: '不收费',
    basis: '《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
  },
  {
    code: 'JY001',
    title: '失业保险金申领',
    categoryCode: 'C',
    summary: '非因本人意愿中断就业、已办理失业登记并有求职要求的人员，按累计缴费时间领取失业保险金。',
    eligibility: '失业前用人单位和本人已缴纳失业保险费满一年、非因本人意愿中断就业、已进行失业登记的人员。',
    materials: [
      idCard,
      { name: '解除或终止劳动合同的证明', copies: 1, original: true },
      { name: '本人社会保障卡或银行借记卡', copies: 1, original: true, note: '用于发放失业保险金' },
    ],
    where: WINDOW_C,
    timeLimit: '5个工作日',
    timeLimitDays: 7,
    fee: '不收费',
    basis: '《失业保险条例》第十四条、第十六条',
  },
  {
    code: 'JY002',
    title: '就业创业证申领',
    categoryCode: 'C',
    summary: '劳动年龄内有劳动能力和就业要求的城乡劳动者申领《就业创业证》，用于享受就业创业扶持政策。',
    eligibility: '法定劳动年龄内、有劳动能力和就业要求的人员。',
    materials: [idCard, { name: '户口簿或居住证', copies: 1, original: true, note: '非本市户籍人员提供居住证' }],
    where: WINDOW_C,
    timeLimit: '即时办结',
    timeLimitDays: 0,
    fee: '不收费',
    basis: '《就业服务与就业管理规定》（劳动和社会保障部令第28号）',
  },
  {
    code: 'JY003',
    title: '职业技能提升补贴申领',
    categoryCode: 'C',
    summary: '参加失业保险的职工取得职业资格证书或职业技能等级证书后，可申领技能提升补贴，每人每年最多一次。',
    eligibility: '累计缴纳失业保险费满1年、在职期间取得证书之日起12个月内的企业职工。',
    materials: [
      idCard,
      { name: '职业资格证书或职业技能等级证书', copies: 1, original: true, note: '可在全国联网查询的无需提供' },
      { name: '本人社会保障卡', copies: 1, original: true, note: '补贴发放至社会保障卡金融账户' },
    ],
    where: WINDOW_C,
    timeLimit: '20个工作日',
    timeLimitDays: 28,
    fee: '不收费',
    basis: '《关于失业保险支持参保职工提升职业技能有关问题的通知》（人社部发〔2017〕40号）',
  },
];

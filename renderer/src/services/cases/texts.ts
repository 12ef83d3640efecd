/** Texts of the case progress service. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '办件进度',
  hint: '扫受理回执上的条形码',
  scanHeading: '请把受理回执上的条形码对准下方扫码口',
  scanHint: '扫到后会自动显示办理进度。没有回执，请到人工窗口询问。',
  speech: '请把受理回执上的条形码，对准下方的扫码口。',
  myCases: '我的办件',
  noCases: '没有查到您名下的办件。',
  looking: (no: string) => `正在查询 ${no}，请稍候`,
  notFound: (no: string) => `没有查到受理编号 ${no} 的办件。请核对回执，或到人工窗口询问。`,
  again: '再查一件',
  caseNo: '受理编号',
  applicant: '申请人',
  accepted: '受理时间',
  due: '承诺办结',
  statuses: { accepted: '已受理', processing: '办理中', completed: '已办结', rejected: '不予受理' },
  overdue: (days: number) => `已超期 ${days} 天，请到窗口催办，或拨打 12333 反映`,
  finishedLate: '已办结，但超过了承诺时间',
  onTime: '在承诺时间内',
  steps: '办理过程',
  open: '查看',
  offline: '网络暂时不通，请稍后再查，或到人工窗口询问',
};

const en: typeof zhCN = {
  title: 'Case progress',
  hint: 'Scan the barcode on your receipt',
  scanHeading: 'Hold the barcode on your receipt under the scanner below',
  scanHint: 'The progress shows by itself. No receipt? Please ask at a service window.',
  speech: 'Hold the barcode on your receipt under the scanner below.',
  myCases: 'My cases',
  noCases: 'No cases in your name.',
  looking: (no) => `Looking up ${no}, please wait`,
  notFound: (no) => `No case ${no} was found. Please check the receipt or ask at a window.`,
  again: 'Look up another',
  caseNo: 'Case number',
  applicant: 'Applicant',
  accepted: 'Accepted',
  due: 'Due by',
  statuses: { accepted: 'Accepted', processing: 'In progress', completed: 'Done', rejected: 'Not accepted' },
  overdue: (days) => `${days} days overdue: please ask at a window, or call 12333`,
  finishedLate: 'Done, but later than promised',
  onTime: 'On time',
  steps: 'Steps',
  open: 'Open',
  offline: 'The network is down. Please try later or ask at a window',
};

export const casesTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };
export type CasesTexts = typeof zhCN;

/** Texts of the training courses. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '培训课程',
  hint: '免费培训、职业技能',
  speech: '可以点上面的按钮，挑选区域、类别，或只看免费课程。',
  district: '区域',
  category: '类别',
  fee: '费用',
  freeOnly: '只看免费',
  free: '免费',
  feeValue: (yuan: string) => `${yuan} 元`,
  dates: (from: string, to: string) => `${from} 至 ${to}`,
  hours: (n: number) => `共 ${n} 课时`,
  seats: (n: number) => `名额 ${n} 人`,
  location: '上课地点',
  backToList: '返回列表',
};

const en: typeof zhCN = {
  title: 'Training',
  hint: 'Free courses',
  speech: 'Tap the buttons at the top to choose district, kind, or free courses only.',
  district: 'District',
  category: 'Kind',
  fee: 'Fee',
  freeOnly: 'Free only',
  free: 'Free',
  feeValue: (yuan) => `${yuan} yuan`,
  dates: (from, to) => `${from} to ${to}`,
  hours: (n) => `${n} hours`,
  seats: (n) => `${n} places`,
  location: 'Where',
  backToList: 'Back to the list',
};

export const trainingsTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

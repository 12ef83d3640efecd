/** Texts of the job postings. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '招聘岗位',
  hint: '按区域、行业、工资找工作',
  speech: '可以点上面的按钮，按区域、行业和工资挑选岗位。',
  district: '区域',
  category: '行业',
  salary: '月工资',
  bands: { upTo5000: '5000 元以下', from5000to8000: '5000 到 8000 元', from8000: '8000 元以上' },
  salaryRange: (min: string, max: string) => `月薪 ${min} – ${max} 元`,
  headcount: (n: number) => `招 ${n} 人`,
  contact: '联系方式',
  requirements: '要求',
  location: '工作地点',
  validUntil: (d: string) => `${d} 截止`,
  backToList: '返回列表',
};

const en: typeof zhCN = {
  title: 'Jobs',
  hint: 'By district, trade, pay',
  speech: 'Tap the buttons at the top to choose district, trade and pay.',
  district: 'District',
  category: 'Trade',
  salary: 'Monthly pay',
  bands: { upTo5000: 'Under 5,000', from5000to8000: '5,000 to 8,000', from8000: 'Over 8,000' },
  salaryRange: (min, max) => `${min} – ${max} yuan a month`,
  headcount: (n) => `${n} wanted`,
  contact: 'Contact',
  requirements: 'Requirements',
  location: 'Workplace',
  validUntil: (d) => `Until ${d}`,
  backToList: 'Back to the list',
};

export const jobsTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

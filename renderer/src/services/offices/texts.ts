/** Texts of the offices. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '服务网点',
  hint: '地址、办公时间、电话',
  speech: '可以点上面的按钮，只看一个区的网点。',
  district: '区域',
  address: '地址',
  hours: '办公时间',
  phone: '电话',
  services: '可以办',
};

const en: typeof zhCN = {
  title: 'Offices',
  hint: 'Address, hours, phone',
  speech: 'Tap a district at the top to see only its offices.',
  district: 'District',
  address: 'Address',
  hours: 'Hours',
  phone: 'Phone',
  services: 'Services',
};

export const officesTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

/** Texts of the notices. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '政策公告',
  hint: '最新政策和通知',
  speech: '点标题可以看全文。',
  category: '类别',
  categories: { policy: '政策', announcement: '公告' },
  published: (d: string) => `${d} 发布`,
  backToList: '返回列表',
};

const en: typeof zhCN = {
  title: 'Notices',
  hint: 'Latest policies',
  speech: 'Tap a title to read it.',
  category: 'Kind',
  categories: { policy: 'Policy', announcement: 'Announcement' },
  published: (d) => `Published ${d}`,
  backToList: 'Back to the list',
};

export const noticesTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

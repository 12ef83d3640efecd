/** Texts the citizen services share (pager, print-this-page, loading, failures, content age). */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  loading: '正在查询，请稍候',
  prev: '上一页',
  next: '下一页',
  pageOf: (page: number, count: number) => `第 ${page} 页，共 ${count} 页`,
  printPage: '打印本页',
  printing: '正在打印小票…',
  printed: '已打印，请取走小票',
  printFailed: '小票没有打印出来，请到人工窗口咨询。',
  retry: '再试一次',
  updatedAgo: (minutes: number) =>
    minutes < 1 ? '刚刚更新' : minutes < 60 ? `更新于 ${minutes} 分钟前` : `更新于 ${Math.floor(minutes / 60)} 小时前`,
  offline: '网络暂时不通，下面是本机保存的信息',
  noContent: '暂时没有信息，请稍后再试，或到人工窗口咨询。',
  /** Said where the hall's own content (guides, jobs, notices…) is shown in another language than it is written in. */
  contentInChinese: null as string | null,
  all: '全部',
  empty: '没有找到，请换一个条件。',
};

const en: typeof zhCN = {
  loading: 'Looking it up, please wait',
  prev: 'Previous page',
  next: 'Next page',
  pageOf: (page, count) => `Page ${page} of ${count}`,
  printPage: 'Print this page',
  printing: 'Printing the receipt…',
  printed: 'Printed. Please take the receipt',
  printFailed: 'The receipt did not print. Please ask at a service window.',
  retry: 'Try again',
  updatedAgo: (minutes) =>
    minutes < 1
      ? 'Updated just now'
      : minutes < 60
        ? `Updated ${minutes} min ago`
        : `Updated ${Math.floor(minutes / 60)} h ago`,
  offline: 'The network is down. This is the copy kept on this kiosk',
  noContent: 'Nothing to show yet. Please try later or ask at a service window.',
  contentInChinese: 'The hall publishes this information in Chinese only; staff at a service window can explain it.',
  all: 'All',
  empty: 'Nothing found. Please choose something else.',
};

export const commonTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };
export type CommonTexts = typeof zhCN;

/** Texts of the service guides. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '办事指南',
  hint: '要带什么材料，去哪办',
  speech: '请选择要办的事情，会一次告诉您要带的全部材料。',
  category: '业务类别',
  categories: { A: '社保', B: '医保', C: '就业' } as Record<string, string>,
  materials: '要带的材料（一次性告知）',
  materialsNote: '带齐下面这些就可以办，不会再让您补别的材料。',
  copies: (n: number, original: boolean) => (original ? `原件${n > 1 ? ` ${n} 份` : ''}` : `复印件 ${n} 份`),
  where: '在哪里办',
  timeLimit: '多久办好',
  fee: '收费',
  eligibility: '谁可以办',
  backToList: '返回列表',
};

const en: typeof zhCN = {
  title: 'Service guides',
  hint: 'What to bring',
  speech: 'Choose what you want to do: we tell you everything to bring at once.',
  category: 'Category',
  categories: { A: 'Social insurance', B: 'Medical', C: 'Employment' },
  materials: 'What to bring (complete list)',
  materialsNote: 'With these you can do it: nothing else will be asked for.',
  copies: (n, original) => (original ? `Original${n > 1 ? ` ×${n}` : ''}` : `${n} copies`),
  where: 'Where',
  timeLimit: 'How long',
  fee: 'Fee',
  eligibility: 'Who can apply',
  backToList: 'Back to the list',
};

export const guidesTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

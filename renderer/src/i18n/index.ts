/** The active locale's messages for components: `const { t, locale } = useI18n()`. */
import { createContext, useContext } from 'react';
import { en } from './en';
import type { Locale } from './locale';
import { zhCN, type Messages } from './zh-CN';

export type { Locale } from './locale';
export type { Messages } from './zh-CN';

/** Every locale's messages. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export interface I18n {
  locale: Locale;
  t: Messages;
}

export const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: zhCN });

/** The current locale and its messages. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

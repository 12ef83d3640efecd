/** The UI languages. `lang` attributes and speech voices follow the locale. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The voice language for each locale. */
export const speechLang: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

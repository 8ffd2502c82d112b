export { I18nProvider, useLocale, useT } from "./I18nProvider";
export { fill, localeOf, pageLocale, translate, translator } from "./translate";
export type { Locale, MessageValues, Translate } from "./translate";
export type { MessageKey } from "./da";

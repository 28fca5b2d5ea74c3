import { formatNumber, t, type MessageKey } from '../i18n/index.js';

/**
 * Counts in words ("1 article", "2 new articles", "3 Artikel"), by `Intl.PluralRules`, so languages
 * with more plural forms than English get theirs. The phrases are catalogue keys (`count.…` in
 * src/i18n/), each with the forms its language needs; `{n}` is the number as the reader writes it.
 */

/** The forms of a counted phrase; `{n}` is the number. `other` is required, as in CLDR. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The count phrases of the commands and the console: `count.article`, `count.newArticle`, … */
export type CountPhrase = MessageKey extends infer K ? (K extends `count.${infer P}` ? P : never) : never;

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, locale: string, make: () => T): T {
  let value = map.get(locale);
  if (!value) map.set(locale, (value = make()));
  return value;
}

/** `n` with the form of `forms` its plural category takes in `locale` (default English). */
export function pluralize(n: number, forms: PluralForms, locale = 'en'): string {
  const category = cached(rules, locale, () => new Intl.PluralRules(locale)).select(n);
  const number = cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(n);
  return (forms[category] ?? forms.other).replaceAll('{n}', number);
}

/** "1 article", "2 new articles", "1,204 articles", "1.204 Artikel": one of the `count.…` phrases. */
export function countText(n: number, phrase: CountPhrase, locale?: string): string {
  return t(locale, `count.${phrase}`, { count: n, n: formatNumber(locale, n) });
}

/**
 * Counts in words ("1 article", "2 new articles"), by `Intl.PluralRules`, so languages with more
 * plural forms than English get theirs. Every count phrase the commands and the console print goes
 * through here: the nouns are data, ready to move into a message catalogue.
 */

/** The forms of a counted phrase; `{n}` is the number. `other` is required, as in CLDR. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The English count phrases of the commands and the console. */
export const COUNT_PHRASES = {
  article: { one: '{n} article', other: '{n} articles' },
  newArticle: { one: '{n} new article', other: '{n} new articles' },
  item: { one: '{n} item', other: '{n} items' },
  feed: { one: '{n} feed', other: '{n} feeds' },
  briefing: { one: '{n} briefing', other: '{n} briefings' },
  olderBriefing: { one: '{n} older briefing', other: '{n} older briefings' },
  minute: { one: '{n} minute', other: '{n} minutes' },
  hour: { one: '{n} hour', other: '{n} hours' },
  story: { one: '{n} story', other: '{n} stories' },
  digest: { one: '{n} digest', other: '{n} digests' },
} as const satisfies Record<string, PluralForms>;

export type CountPhrase = keyof typeof COUNT_PHRASES;

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

/** "1 article", "2 new articles", "1,204 articles": one of the {@link COUNT_PHRASES}. */
export function countText(n: number, phrase: CountPhrase, locale = 'en'): string {
  return pluralize(n, COUNT_PHRASES[phrase], locale);
}

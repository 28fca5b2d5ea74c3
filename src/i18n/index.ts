/**
 * Localisation as data: one message catalogue per language (en.ts is the source; de, fr, es, pt-br, ja
 * follow it), looked up by key with `{name}` placeholders and plurals through Intl.PluralRules.
 *
 * Adding a key:
 *   1. Add it to en.ts (a string, or `{ one, other }` for a count; the count is the `{count}` parameter).
 *   2. Add it to de.ts, fr.ts, es.ts, pt-br.ts and ja.ts: TypeScript refuses a catalogue without it, and
 *      tests/i18n/catalogues.test.ts checks the placeholders and the plural forms each language needs
 *      (fr, es, pt-BR: one, many, other; de, en: one, other; ja: other).
 *   3. Use it: `t(locale, 'area.key', { name })` for text now, `msg('area.key', { name })` for text
 *      rendered later in the reader's locale (a UserFacingError, a parameter of another message).
 * Keys are grouped by area (`digest.…`, `feeds.…`); `cmd.…` keys are slash-command descriptions (at most
 * 100 characters), sent to Discord as description_localizations.
 */
import { de } from './de.js';
import { en, type Catalogue, type MessageKey, type PluralForms } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { ptBR } from './pt-br.js';

export type { Catalogue, MessageKey, PluralForms } from './en.js';

/** The languages with a catalogue. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de, fr, es, 'pt-BR': ptBR, ja };

/** Each language's own name, for the `language` choice of /digest set. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
};

/** Discord locales that get command localizations, and the catalogue each reads. */
export const DISCORD_LOCALES = {
  de: 'de',
  fr: 'fr',
  'es-ES': 'es',
  'es-419': 'es',
  'pt-BR': 'pt-BR',
  ja: 'ja',
} as const satisfies Record<string, Language>;
export type LocalizedDiscordLocale = keyof typeof DISCORD_LOCALES;

/**
 * The catalogue for a Discord locale (or any BCP 47 tag): de, fr, es-ES / es-419, pt-BR, ja; en-US, en-GB
 * and every other locale read English.
 */
export function languageOf(locale: string | null | undefined): Language {
  const lower = (locale ?? '').toLowerCase().replace('_', '-');
  const base = lower.split('-')[0];
  if (base === 'de' || base === 'fr' || base === 'es' || base === 'ja') return base;
  if (base === 'pt') return 'pt-BR';
  return 'en';
}

/** A message to render later, in the reader's locale (for errors and nested parameters). */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: Params;
}
/** Alternatives, rendered "A, B or C" in the reader's language (see {@link anyOf}). */
export interface OrList {
  readonly or: readonly Param[];
}
/**
 * A parameter: text, a number, a message rendered in the same locale, a list ("A, B and C") or
 * alternatives ("A, B or C").
 */
export type Param = string | number | Msg | OrList | readonly Param[];
export type Params = Readonly<Record<string, Param>>;

/** Placeholder names of a message text: "{a} and {b}" -> "a" | "b". */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
/** The placeholders of a key's English text; a counted message also takes `count`, which picks the form. */
type NamesOf<K extends MessageKey> = (typeof en)[K] extends string
  ? Placeholders<(typeof en)[K]>
  : (typeof en)[K] extends { other: infer O }
    ? Placeholders<O> | 'count'
    : never;
/** The parameters of a key: none, or one record naming every placeholder of its English text. */
export type ArgsOf<K extends MessageKey> = [NamesOf<K>] extends [never]
  ? []
  : [params: Record<NamesOf<K>, Param>];

const isMsg = (p: Param): p is Msg => typeof p === 'object' && 'key' in p;
const isOrList = (p: Param): p is OrList => typeof p === 'object' && 'or' in p;

/** Alternatives as one parameter: "`A`, `B` or `C`" in the reader's language. */
export function anyOf(items: readonly Param[]): OrList {
  return { or: items };
}

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralOf(language: Language, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(n);
}

function render(locale: string | null | undefined, key: MessageKey, params: Params = {}): string {
  const language = languageOf(locale);
  // A catalogue missing a key (caught by the catalogue test) falls back to English rather than failing.
  const entry: string | PluralForms = (CATALOGUES[language] as Partial<Catalogue>)[key] ?? en[key];
  let text: string;
  if (typeof entry === 'string') text = entry;
  else {
    const count = params.count;
    const n = typeof count === 'number' ? count : Number(count);
    text = entry[pluralOf(language, Number.isFinite(n) ? n : 0)] ?? entry.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : paramText(locale, value);
  });
}

function paramText(locale: string | null | undefined, value: Param): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(locale, value, false);
  if (isMsg(value)) return render(locale, value.key, value.params);
  if (isOrList(value))
    return orList(
      locale,
      value.or.map((v) => paramText(locale, v)),
    );
  return listText(
    locale,
    value.map((v) => paramText(locale, v)),
  );
}

/** A catalogue text in the catalogue of `locale` (English when none), placeholders filled. */
export function t<K extends MessageKey>(
  locale: string | null | undefined,
  key: K,
  ...args: ArgsOf<K>
): string {
  return render(locale, key, args[0]);
}

/** A message kept as data, to be rendered with {@link tm} in the reader's locale. */
export function msg<K extends MessageKey>(key: K, ...args: ArgsOf<K>): Msg {
  const params = args[0] as Params | undefined;
  return params ? { key, params } : { key };
}

/** Renders a {@link Msg} (or passes plain text through) in `locale`. */
export function tm(locale: string | null | undefined, message: Msg | string): string {
  return typeof message === 'string' ? message : render(locale, message.key, message.params);
}

/** English text of a key, for the default `description` of a slash command or option. */
export function english<K extends MessageKey>(key: K, ...args: ArgsOf<K>): string {
  return render('en', key, args[0]);
}

/**
 * Discord's `description_localizations` / `name_localizations` for a key: every locale of
 * {@link DISCORD_LOCALES}, from its catalogue.
 */
export function localizations<K extends MessageKey>(
  key: K,
  ...args: ArgsOf<K>
): Record<LocalizedDiscordLocale, string> {
  const params = args[0] as Params | undefined;
  return Object.fromEntries(
    Object.entries(DISCORD_LOCALES).map(([locale, language]) => [locale, render(language, key, params)]),
  ) as Record<LocalizedDiscordLocale, string>;
}

/** The locale Intl should format dates in: English keeps "26 Jul 2021" (en-GB); others their own tag. */
export function dateLocale(locale: string | null | undefined): string {
  const language = languageOf(locale);
  if (language === 'en') return 'en-GB';
  try {
    return locale ? (Intl.getCanonicalLocales(locale)[0] ?? language) : language;
  } catch {
    return language;
  }
}

/** A number in the reader's locale ("1,234", "1.234", "1 234"); `grouped` false: digits only. */
export function formatNumber(locale: string | null | undefined, n: number, grouped = true): string {
  if (Number.isInteger(n) && !grouped) return String(n);
  const language = languageOf(locale);
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : language, {
    maximumFractionDigits: 2,
    useGrouping: grouped,
  }).format(n);
}

/** "A", "A and B", "A, B and C" in the reader's language. */
export function listText(locale: string | null | undefined, items: readonly string[]): string {
  const language = languageOf(locale);
  return new Intl.ListFormat(language === 'en' ? 'en-GB' : language, { type: 'conjunction' }).format(items);
}

/** "A or B" in the reader's language. */
export function orList(locale: string | null | undefined, items: readonly string[]): string {
  const language = languageOf(locale);
  return new Intl.ListFormat(language === 'en' ? 'en-GB' : language, { type: 'disjunction' }).format(items);
}

/**
 * Where a reply is read: a private (ephemeral) one in the member's own locale, a public one (posted
 * for the whole channel) in the server's (`guild_locale`), the member's when the server has none.
 */
export function replyLocale(
  where: { locale?: string | null | undefined; guildLocale?: string | null | undefined },
  ephemeral: boolean,
): string | undefined {
  return (ephemeral ? where.locale : (where.guildLocale ?? where.locale)) ?? undefined;
}

/** The console's locale, from the environment (LC_ALL, LC_MESSAGES, LANG: "de_DE.UTF-8" -> "de-DE"). */
export function localeFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = raw.split('.')[0]!.replace('_', '-');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/i.test(tag) ? tag : undefined;
}

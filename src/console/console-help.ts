import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { languageOf, t } from '../i18n/index.js';
import { PRETEND_SERVER } from './pretend-server.js';

/** One way to use a command: what to type (required options with example values), and the optional ones. */
export interface HelpEntry {
  /** "/digest set channel:#news time:08:00 timezone:Europe/Berlin": parses as it is. */
  usage: string;
  /** "topic:climate pin:true": optional options with example values, appended to `usage` they parse too. */
  optional: string;
  description: string;
}

type Leaf = Exclude<APIApplicationCommandOption, { type: T.Subcommand | T.SubcommandGroup }>;

/** Example values by option name (the commands' own words), else by type. */
const EXAMPLES: Record<string, string> = {
  channel: '#news',
  time: '08:00',
  timezone: 'Europe/Berlin',
  topic: 'climate',
  name: 'morning',
  feed: '1',
};

function example(command: string, option: Leaf): string {
  if ('choices' in option && option.choices?.length) return String(option.choices[0]!.value);
  if (option.name === 'url')
    return command === 'feeds' ? 'https://example.com/feed.xml' : 'https://example.com/news/story';
  const named = EXAMPLES[option.name];
  if (named) return named;
  switch (option.type) {
    case T.Boolean:
      return 'true';
    case T.Integer:
    case T.Number: {
      const min = option.min_value ?? 1;
      const max = option.max_value ?? Number.POSITIVE_INFINITY;
      return String(48 >= min && 48 <= max ? 48 : min);
    }
    case T.Channel:
      return `#${PRETEND_SERVER.channels[1].name}`;
    case T.User:
      return `@${PRETEND_SERVER.user.name}`;
    default:
      return 'text';
  }
}

/** A description in the operator's language: the command's Discord localization, else English. */
function localized(
  item: { description: string; description_localizations?: Record<string, string | null> | null },
  locale: string | undefined,
): string {
  const language = languageOf(locale);
  if (language === 'en') return item.description;
  const all = item.description_localizations ?? {};
  return Object.entries(all).find(([l]) => languageOf(l) === language)?.[1] ?? item.description;
}

function entry(
  command: string,
  sub: string | null,
  description: string,
  options: readonly APIApplicationCommandOption[],
): HelpEntry {
  const leaves = options as Leaf[];
  const pairs = (list: Leaf[]) => list.map((o) => `${o.name}:${example(command, o)}`).join(' ');
  const required = pairs(leaves.filter((o) => o.required));
  return {
    usage: [`/${command}`, sub, required].filter(Boolean).join(' '),
    optional: pairs(leaves.filter((o) => !o.required)),
    description,
  };
}

/** Every command and subcommand, with example values that parse and validate. */
export function helpEntries(
  commands: Iterable<RESTPostAPIChatInputApplicationCommandsJSONBody>,
  locale?: string,
): HelpEntry[] {
  const out: HelpEntry[] = [];
  for (const json of commands) {
    const all = json.options ?? [];
    const subs = all.filter((o) => o.type === T.Subcommand);
    if (!subs.length) out.push(entry(json.name, null, localized(json, locale), all));
    for (const sub of subs) out.push(entry(json.name, sub.name, localized(sub, locale), sub.options ?? []));
    if (json.name === 'digest')
      out.push({
        usage: '/digest run name:morning',
        optional: '',
        description: t(locale, 'console.digestRun'),
      });
  }
  return out;
}

/** The console's /help: real syntax with example values, the pretend server, and how to leave. */
export function helpText(
  commands: Iterable<RESTPostAPIChatInputApplicationCommandsJSONBody>,
  locale?: string,
): string {
  const lines = [t(locale, 'console.help'), ''];
  for (const e of helpEntries(commands, locale)) {
    lines.push(e.usage, `    ${e.description}`);
    if (e.optional) lines.push(`    ${t(locale, 'console.optional', { options: e.optional })}`);
  }
  const [home, news] = PRETEND_SERVER.channels;
  lines.push(
    '',
    t(locale, 'console.pretend', { server: PRETEND_SERVER.name, home: home.name, news: news.name }),
    t(locale, 'console.values'),
    t(locale, 'console.helpEnd'),
  );
  return lines.join('\n');
}

import type { SlashCommandIntegerOption, SlashCommandStringOption } from '@discordjs/builders';
import { LENGTHS, type BriefingLength, type BriefingRequest } from '../briefing/types.js';
import type { Invocation } from './command.js';
import { english, localizations, type MessageKey } from '../i18n/index.js';

/** Default window of /news and /briefing post, in hours. */
export const DEFAULT_HOURS = 24;

/**
 * The briefing a member asked for with the topic, hours and length options of /news and /briefing post,
 * written in `locale` (default: the member's; see replyLocale in i18n/ for public posts).
 */
export function briefingRequest(
  invocation: Pick<Invocation, 'options' | 'locale' | 'guildId'>,
  locale: string | undefined = invocation.locale,
): BriefingRequest {
  const { options } = invocation;
  return {
    topic: options.getString('topic'),
    hours: options.getNumber('hours') ?? DEFAULT_HOURS,
    // The length option only offers LENGTHS as choices, and options are validated against them.
    length: (options.getString('length') ?? 'standard') as BriefingLength,
    locale,
    guildId: invocation.guildId,
  };
}

/** The `topic` option of /news and /briefing post (autocompleted from recent titles); `key`: its description. */
export const topicOption = (key: MessageKey & `cmd.${string}.topic`) => (o: SlashCommandStringOption) =>
  o
    .setName('topic')
    .setDescription(english(key))
    .setDescriptionLocalizations(localizations(key))
    .setMaxLength(100)
    .setAutocomplete(true);

/** The `hours` option of /news and /briefing post. */
export const hoursOption = (o: SlashCommandIntegerOption) =>
  o
    .setName('hours')
    .setDescription(english('cmd.hours', { hours: DEFAULT_HOURS }))
    .setDescriptionLocalizations(localizations('cmd.hours', { hours: DEFAULT_HOURS }))
    .setMinValue(1)
    .setMaxValue(720);

/** The choices of a `length` option: English names, localised for Discord's other locales. */
export const lengthChoices = () =>
  LENGTHS.map((l) => ({
    name: english(`choice.length.${l}`),
    name_localizations: localizations(`choice.length.${l}`),
    value: l,
  }));

/** The `length` option of /news and /briefing post; `key`: its description. */
export const lengthOption = (key: MessageKey & `cmd.${string}.length`) => (o: SlashCommandStringOption) =>
  o
    .setName('length')
    .setDescription(english(key))
    .setDescriptionLocalizations(localizations(key))
    .addChoices(...lengthChoices());

import type { SlashCommandIntegerOption, SlashCommandStringOption } from '@discordjs/builders';
import { LENGTHS, type BriefingLength, type BriefingRequest } from '../briefing/types.js';
import type { Invocation } from './command.js';

/** Default window of /news and /briefing post, in hours. */
export const DEFAULT_HOURS = 24;

/** The briefing a member asked for with the topic, hours and length options of /news and /briefing post. */
export function briefingRequest(
  invocation: Pick<Invocation, 'options' | 'locale' | 'guildId'>,
): BriefingRequest {
  const { options } = invocation;
  return {
    topic: options.getString('topic'),
    hours: options.getNumber('hours') ?? DEFAULT_HOURS,
    // The length option only offers LENGTHS as choices, and options are validated against them.
    length: (options.getString('length') ?? 'standard') as BriefingLength,
    locale: invocation.locale,
    guildId: invocation.guildId,
  };
}

/** The `topic` option of /news and /briefing post (autocompleted from recent titles). */
export const topicOption = (description: string) => (o: SlashCommandStringOption) =>
  o.setName('topic').setDescription(description).setMaxLength(100).setAutocomplete(true);

/** The `hours` option of /news and /briefing post. */
export const hoursOption = (o: SlashCommandIntegerOption) =>
  o
    .setName('hours')
    .setDescription(`Only articles from the last N hours (default ${DEFAULT_HOURS})`)
    .setMinValue(1)
    .setMaxValue(720);

/** The `length` option of /news and /briefing post. */
export const lengthOption = (description: string) => (o: SlashCommandStringOption) =>
  o
    .setName('length')
    .setDescription(description)
    .addChoices(...LENGTHS.map((l) => ({ name: l, value: l })));

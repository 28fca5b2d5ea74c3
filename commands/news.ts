import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { LENGTHS, type BriefingLength } from '../src/briefing/types.js';
import type { Command } from '../src/discord/command.js';

/** Default window of /news, in hours. */
export const DEFAULT_HOURS = 24;

const data = new SlashCommandBuilder()
  .setName('news')
  .setDescription('A short briefing of the latest stored news, every point cited')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('topic').setDescription('A word or phrase to search for, e.g. iraq or "climate change"').setMaxLength(100).setAutocomplete(true))
  .addIntegerOption((o) => o.setName('hours').setDescription(`Only articles from the last N hours (default ${DEFAULT_HOURS})`).setMinValue(1).setMaxValue(720))
  .addStringOption((o) =>
    o
      .setName('length')
      .setDescription('How long the briefing should be (default standard)')
      .addChoices(...LENGTHS.map((l) => ({ name: l, value: l }))),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'));

export default {
  data,
  defer: (options) => (options.getBoolean('private') ? 'ephemeral' : 'public'),
  async execute(invocation, ctx) {
    const { options } = invocation;
    const result = await ctx.briefings.get({
      topic: options.getString('topic'),
      hours: options.getNumber('hours') ?? DEFAULT_HOURS,
      length: (options.getString('length') ?? 'standard') as BriefingLength,
      locale: invocation.locale,
    });
    return { kind: 'briefing', result, ephemeral: options.getBoolean('private') ?? false };
  },
  autocomplete(_invocation, focused, ctx) {
    return ctx.topicSuggestions(focused.value, 25).map((term) => ({ name: term, value: term }));
  },
} satisfies Command;

import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type APIEmbed,
  type CommandInteractionOption,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { isBriefingEmbed } from './discord-channel-ops.js';
import type { Logger } from '../logger.js';
import type { ButtonInvocation } from '../interactions/command.js';
import type { Dispatcher, RawInvocation } from '../interactions/dispatcher.js';
import { DiscordResponder } from './discord-responder.js';
import { exemptInteractionResponses } from './interaction-rest.js';
import type { OptionValue } from '../interactions/options.js';
import { t } from '../i18n/index.js';

/** Flattens discord.js option data into a subcommand name and raw values. */
export function rawOptions(data: readonly CommandInteractionOption[]): {
  subcommand: string | null;
  values: Record<string, OptionValue>;
} {
  let list = data;
  let subcommand: string | null = null;
  const group = list[0];
  if (group?.type === ApplicationCommandOptionType.SubcommandGroup) list = group.options ?? [];
  const sub = list[0];
  if (sub?.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = sub.name;
    list = sub.options ?? [];
  }
  const values: Record<string, OptionValue> = {};
  for (const o of list) if (o.value !== undefined) values[o.name] = o.value;
  return { subcommand, values };
}

/** The transport-neutral view of a command or autocomplete interaction. */
export function toRawInvocation(i: ChatInputCommandInteraction | AutocompleteInteraction): RawInvocation {
  const { subcommand, values } = rawOptions(i.options.data);
  return {
    id: i.id,
    commandName: i.commandName,
    subcommand,
    rawOptions: values,
    userId: i.user.id,
    userName: i.user.username,
    guildId: i.guildId,
    channelId: i.channelId,
    locale: i.locale,
    guildLocale: i.guildLocale,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    appPermissions: appPermissionsOf(i),
  };
}

/** The bot's permissions in the interaction's channel, as Discord sent them (app_permissions). */
function appPermissionsOf(i: Interaction): bigint | null {
  return (i.appPermissions as { bitfield: bigint } | null | undefined)?.bitfield ?? null;
}

/**
 * An embed as it can be sent again: Discord's answer adds fields a message body may not carry (an
 * image's proxy_url, width and height, the embed's type, provider and video).
 */
export function resendableEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  delete out.type;
  delete out.provider;
  delete out.video;
  if (embed.thumbnail) out.thumbnail = { url: embed.thumbnail.url };
  if (embed.image) out.image = { url: embed.image.url };
  return out;
}

function contentOf(message: Message) {
  return {
    content: message.content || undefined,
    embeds: message.embeds.map((e) => resendableEmbed(e.toJSON())),
  };
}

/** The transport-neutral view of a message command (right-click a message, Apps), with its target message. */
export function toMessageCommandInvocation(i: MessageContextMenuCommandInteraction): RawInvocation {
  const message = i.targetMessage;
  return {
    id: i.id,
    commandName: i.commandName,
    subcommand: null,
    rawOptions: {},
    userId: i.user.id,
    userName: i.user.username,
    guildId: i.guildId,
    channelId: i.channelId,
    locale: i.locale,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    appPermissions: appPermissionsOf(i),
    target: {
      id: message.id,
      authorId: message.author.id,
      isBriefing: message.author.id === i.client.user.id && isBriefingEmbed(message.embeds[0]?.data),
      payload: contentOf(message),
    },
  };
}

/** The transport-neutral view of a press on one of our buttons (custom_id `command:action[:arg]`). */
export function toButtonInvocation(i: ButtonInteraction): ButtonInvocation | null {
  const [commandName, action, ...rest] = i.customId.split(':');
  if (!commandName || !action) return null;
  return {
    id: i.id,
    commandName,
    action,
    arg: rest.length ? rest.join(':') : null,
    userId: i.user.id,
    userName: i.user.username,
    guildId: i.guildId,
    channelId: i.channelId,
    locale: i.locale,
    guildLocale: i.guildLocale,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    appPermissions: appPermissionsOf(i),
    message: {
      id: i.message.id,
      ephemeral: i.message.flags.has(MessageFlags.Ephemeral),
      payload: contentOf(i.message),
    },
  };
}

/**
 * The real discord.js client (Guilds intent only, never pinging anyone), not logged in yet: its channel
 * operations can be built before the app, and the app's dispatcher attached before {@link login}.
 */
export function createClient(options: {
  apiUrl?: string;
  logger: Logger;
  /** A shard process: its id and the shard count (default: the only shard). */
  shard?: { id: number; count: number } | null;
}): Client {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Explicit, so that discord.js never reads our SHARDS setting ("auto", a count, or empty) as shard ids.
    shards: [options.shard?.id ?? 0],
    shardCount: options.shard?.count ?? 1,
    allowedMentions: { parse: [] },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
  });
  exemptInteractionResponses(client.rest);
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));
  return client;
}

/** Feeds every interaction to the dispatcher, logs in, and resolves once the client is ready. */
export async function login(
  client: Client,
  options: { token: string; dispatcher: Dispatcher; logger: Logger },
): Promise<void> {
  const { dispatcher, logger } = options;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    void handle(interaction, dispatcher, logger);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  // The start-up line ("connected to Discord as ...") is logged by connect() once commands are compared.
}

async function handle(interaction: Interaction, dispatcher: Dispatcher, logger: Logger): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      await dispatcher.run(toRawInvocation(interaction), new DiscordResponder(interaction));
    } else if (interaction.isMessageContextMenuCommand()) {
      await dispatcher.run(toMessageCommandInvocation(interaction), new DiscordResponder(interaction));
    } else if (interaction.isButton()) {
      const invocation = toButtonInvocation(interaction);
      if (invocation) await dispatcher.button(invocation, new DiscordResponder(interaction));
      else await new DiscordResponder(interaction).fail(t(interaction.locale, 'error.buttonGone'));
    } else if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused(true);
      const choices = await dispatcher.autocomplete(toRawInvocation(interaction), {
        name: focused.name,
        value: focused.value,
      });
      await interaction.respond(choices);
    }
  } catch (err) {
    const code = err instanceof DiscordAPIError ? err.code : undefined;
    logger.warn({ err, code, interactionId: interaction.id }, 'interaction could not be answered');
  }
}

import {
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Briefings } from '../briefing/briefings.js';
import type { BriefingResult } from '../briefing/types.js';
import type { DigestService } from '../digest/digest-service.js';
import type { IngestService } from '../ingest/ingest-service.js';
import type { NewsCooldown } from './cooldown.js';
import type { Logger } from '../logger.js';
import type { BriefingPins } from './briefing-pins.js';
import type { ChannelOps, MessageContent } from './channel-ops.js';
import type { CommandOptions } from './options.js';
import type { DigestHeading } from './describe-digest.js';
import type { StatusSource } from './status.js';

/** A member's slash command, independent of the transport that carried it (Discord or the console). */
export interface Invocation {
  /** Interaction id (or a console-made id), used in logs and error ids. */
  id: string;
  commandName: string;
  options: CommandOptions;
  userId: string;
  /** Shown in audit lines, never as a mention. */
  userName: string;
  guildId: string | null;
  channelId: string | null;
  /** The member's Discord locale: private replies are written in it. */
  locale: string | undefined;
  /** The server's locale (`guild_locale`): public posts are written in it. Absent: the member's. */
  guildLocale?: string | null;
  /** The member's permissions in the channel; null outside a server. The console grants all. */
  memberPermissions: bigint | null;
  /**
   * The bot's own permissions in the interaction's channel, as Discord sent them with the interaction
   * (app_permissions): authoritative there, where the gateway cache may lag. Absent or null: unknown
   * (the console), then the cache is asked.
   */
  appPermissions?: bigint | null;
  /** A message command's target (right-click a message, Apps): the message it was used on. */
  target?: TargetMessage;
}

/** The message a message command (application command type 3) was used on. */
export interface TargetMessage {
  id: string;
  authorId: string;
  /** Posted by this bot and shaped like a briefing (/news, /briefing post or a digest). */
  isBriefing: boolean;
  payload: MessageContent;
}

/** What a command answers; each transport renders it its own way. */
export type Reply =
  | {
      kind: 'briefing';
      result: BriefingResult;
      ephemeral: boolean;
      /** A private /news reply: Discord shows a "Post in channel" button that any member may press. */
      shareButton?: boolean;
      /** A digest's heading (/digest preview), shown exactly as in the posted digest. */
      digest?: DigestHeading;
      /**
       * The language of the labels, footer, notices and heading around the briefing (see replyLocale in
       * i18n/); absent: English.
       */
      locale?: string;
    }
  | { kind: 'text'; text: string; ephemeral: boolean };

/** A button press on one of the bot's messages. custom_id is `command:action[:arg]`. */
export interface ButtonInvocation {
  id: string;
  commandName: string;
  action: string;
  arg: string | null;
  userId: string;
  userName: string;
  guildId: string | null;
  channelId: string | null;
  /** The member's locale (private answers) and the server's (public posts). */
  locale?: string;
  guildLocale?: string | null;
  memberPermissions: bigint | null;
  /** The bot's permissions in the channel from the interaction (app_permissions); null: unknown. */
  appPermissions?: bigint | null;
  /** The message carrying the button. */
  message: { id: string; ephemeral: boolean; payload: MessageContent };
}

/** What a command does when one of its buttons is pressed. */
export interface ButtonHandler {
  /** Runs before acknowledging: throw a UserFacingError to refuse at once (ephemeral), with nothing else done. */
  check?(invocation: ButtonInvocation, ctx: CommandContext): void | Promise<void>;
  defer: DeferPolicy;
  execute(invocation: ButtonInvocation, ctx: CommandContext): Promise<Reply>;
}

/**
 * Services a command may use; built once by createApp (src/app.ts), with the transport's parts, and
 * passed explicitly. Never changed afterwards.
 */
export interface CommandContext {
  readonly briefings: Briefings;
  /** Frequent terms in recent titles, for topic autocomplete. */
  topicSuggestions(prefix: string, limit: number): string[];
  readonly logger: Logger;
  /** Channel operations and pinning: present when connected to Discord, null on the console. */
  readonly channels: ChannelOps | null;
  readonly pins: BriefingPins | null;
  /** Feeds and pages: /feeds, /article. */
  readonly ingest: IngestService;
  /** Scheduled digests: /digest. */
  readonly digests: DigestService | null;
  /** The process's own figures (version, uptime, cache, LLM usage): /newsdesk status. */
  readonly status: StatusSource;
  /** The per-member cooldown of /news (NEWS_COOLDOWN); null: none. */
  readonly newsCooldown: NewsCooldown | null;
}

export interface Choice {
  name: string;
  value: string | number;
}

/** How the dispatcher acknowledges the command before running it. */
export type DeferPolicy = 'ephemeral' | 'public' | 'none';

/** What a command module registers: a slash command, or a message command (`type: 3`, no options). */
export type CommandJson =
  RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** Whether a command is typed as a slash command (type 1, the default), not used from a message's menu. */
export function isSlashCommand(json: CommandJson): json is RESTPostAPIChatInputApplicationCommandsJSONBody {
  return json.type === undefined || json.type === ApplicationCommandType.ChatInput;
}

/**
 * One command module: `export default { data, execute } satisfies Command`. Mostly slash commands; a
 * message command (a ContextMenuCommandBuilder) has no options and gets its message as `target`.
 */
export interface Command {
  /** A SlashCommandBuilder or ContextMenuCommandBuilder (or anything with the same JSON). */
  data: { name: string; toJSON(): CommandJson };
  /** Defer before any slow work; may depend on the options (e.g. a `private` flag). Default 'public'. */
  defer?: DeferPolicy | ((options: CommandOptions) => DeferPolicy);
  /** Runs before deferring: throw a UserFacingError to refuse at once, before any slow work (bounded waits only). */
  check?(invocation: Invocation, ctx: CommandContext): void | Promise<void>;
  execute(invocation: Invocation, ctx: CommandContext): Promise<Reply>;
  /** Handlers for this command's buttons, by action. */
  buttons?: Record<string, ButtonHandler>;
  /** Suggestions for the focused option; must answer fast (Discord waits 3 s). */
  autocomplete?(
    invocation: Invocation,
    focused: { name: string; value: string },
    ctx: CommandContext,
  ): Choice[] | Promise<Choice[]>;
}

/** Checks that a module's default export is a usable Command, naming what is wrong. */
export function checkCommand(value: unknown, file: string): Command {
  const c = value as Partial<Command> | null;
  const problems: string[] = [];
  if (!c || typeof c !== 'object') problems.push('has no default export object');
  else {
    if (!c.data || typeof c.data.toJSON !== 'function' || typeof c.data.name !== 'string')
      problems.push('"data" must be a SlashCommandBuilder or ContextMenuCommandBuilder');
    if (typeof c.execute !== 'function') problems.push('"execute" must be a function');
    if (c.autocomplete !== undefined && typeof c.autocomplete !== 'function')
      problems.push('"autocomplete" must be a function');
    if (
      c.defer !== undefined &&
      typeof c.defer !== 'function' &&
      !['ephemeral', 'public', 'none'].includes(c.defer)
    )
      problems.push('"defer" must be ephemeral, public, none or a function');
  }
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return c as Command;
}

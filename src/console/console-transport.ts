import { ApplicationCommandOptionType as OptionType } from 'discord-api-types/v10';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { BriefingPins } from '../interactions/briefing-pins.js';
import { isSlashCommand, type Reply } from '../interactions/command.js';
import type { Dispatcher, Responder } from '../interactions/dispatcher.js';
import type { Logger } from '../logger.js';
import { UserFacingError } from '../errors.js';
import { ConsoleChannelOps } from './console-channel-ops.js';
import { helpText } from './console-help.js';
import { parseCommandLine, type ParsedLine } from './parse-line.js';
import { ALL_PERMISSIONS, PRETEND_SERVER, channelIdByName, pretendNames } from './pretend-server.js';
import { renderMarkup, type MarkupContext } from './render-markup.js';
import { renderPostText, renderReplyText } from './render-text.js';
import { localeFromEnv, msg } from '../i18n/index.js';

/** What the console gives the commands (createApp's `transport`): the pretend server's channels and pins. */
export interface ConsoleParts {
  channels: ConsoleChannelOps;
  pins: BriefingPins;
  /** How Discord markup is rendered here (ANSI styles only on a TTY). */
  markup: MarkupContext;
  /** Prints one block (a reply, a post) followed by a blank line. */
  write: (text: string) => void;
}

/** Builds the pretend server's channel operations and pins, printing posts on `output`. */
export function createConsoleParts(options: {
  output: Writable;
  ansi: boolean;
  pinsKeep: number;
  logger: Logger;
}): ConsoleParts {
  const markup: MarkupContext = { ansi: options.ansi, ...pretendNames };
  const write = (text: string) => void options.output.write(`${text}\n\n`);
  const channels = new ConsoleChannelOps(
    (channel, payload) =>
      write(
        `── ${PRETEND_SERVER.bot.name} posted in #${channel.name} ──\n${renderPostText(payload, markup)}`,
      ),
    (note) => write(note),
  );
  const pins = new BriefingPins(channels, { keep: options.pinsKeep, logger: options.logger });
  return { channels, pins, markup, write };
}

export interface ConsoleOptions {
  dispatcher: Dispatcher;
  parts: ConsoleParts;
  input: Readable;
  /** Where the banner and prompts go (stderr), so that stdout carries only replies and posts. */
  info: Writable;
  interactive: boolean;
  /** `/digest run NAME` (console only): posts a pretend-server digest now; returns the reply (markup). */
  runDigest?: (ref: string | null, locale: string | undefined) => Promise<string>;
  /** Ends the session when aborted (a stop signal). */
  signal?: AbortSignal;
  /** The operator's locale (default: from LC_ALL / LC_MESSAGES / LANG): help, replies and errors. */
  locale?: string;
}

class ConsoleResponder implements Responder {
  constructor(
    private readonly write: (text: string) => void,
    private readonly markup: MarkupContext,
  ) {}
  async defer(): Promise<void> {
    // The console answers at once; there is nothing to acknowledge.
  }
  async reply(reply: Reply): Promise<void> {
    this.write(renderReplyText(reply, this.markup));
  }
  async fail(message: string): Promise<void> {
    this.write(`! ${renderMarkup(message, this.markup)}`);
  }
}

/** Channel options typed as `#news` (or `news`) become the pretend channel's id, as Discord would send it. */
export function resolveChannels(dispatcher: Dispatcher, parsed: ParsedLine): void {
  const json = dispatcher.commands.get(parsed.commandName)?.data.toJSON();
  let options = json && isSlashCommand(json) ? (json.options ?? []) : [];
  const sub = options.find((o) => o.type === OptionType.Subcommand && o.name === parsed.subcommand);
  if (sub && 'options' in sub) options = sub.options ?? [];
  for (const option of options) {
    const value = parsed.rawOptions[option.name];
    if (value === undefined) continue;
    if (option.type === OptionType.Channel) {
      const id = channelIdByName(value);
      if (!id) {
        const channels = PRETEND_SERVER.channels.map((c) => `#${c.name}`);
        throw new UserFacingError(msg('console.noChannel', { name: value.slice(0, 40), channels }));
      }
      parsed.rawOptions[option.name] = id;
    } else if (option.type === OptionType.User && /^@?console$/i.test(value.trim())) {
      parsed.rawOptions[option.name] = PRETEND_SERVER.user.id;
    }
  }
}

/**
 * The local transport: slash commands typed in a terminal or piped on stdin, one per line, through the
 * same dispatcher as Discord, as the admin of a pretend server; replies and posts printed as text with
 * Discord's markup rendered. Resolves at end of input (or /exit) after the last reply was printed.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { dispatcher, parts, info, interactive } = options;
  const { write, markup } = parts;
  const locale = options.locale ?? localeFromEnv(process.env);
  const rl = createInterface({ input: options.input, terminal: false });
  // A stop signal ends the session like /exit (the command in progress is finished first).
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  const prompt = () => interactive && info.write('newsdesk> ');
  let n = 0;
  prompt();
  for await (const line of rl) {
    n += 1;
    const trimmed = line.trim();
    if (/^\/(exit|quit)$/i.test(trimmed)) break;
    if (/^\/?help$/i.test(trimmed)) {
      // Message commands ("Pin briefing") are used on a Discord message; there is none here.
      write(
        helpText(
          [...dispatcher.commands.values()].map((c) => c.data.toJSON()).filter(isSlashCommand),
          locale,
        ),
      );
      prompt();
      continue;
    }
    try {
      // `/digest run morning` is short for `/digest run name:morning` (so for preview, remove, pause, resume).
      const parsed = parseCommandLine(
        trimmed.replace(
          /^(\/digest\s+(?:run|preview|remove|pause|resume))\s+(?![a-z_-]+:)(\S.*)$/i,
          '$1 name:$2',
        ),
      );
      if (parsed?.commandName === 'digest' && parsed.subcommand === 'run') {
        if (!options.runDigest) throw new UserFacingError(msg('console.noDigestRun'));
        write(renderMarkup(await options.runDigest(parsed.rawOptions.name ?? null, locale), markup));
      } else if (parsed) {
        resolveChannels(dispatcher, parsed);
        await dispatcher.run(
          {
            id: `console-${process.pid}-${n}`,
            commandName: parsed.commandName,
            subcommand: parsed.subcommand,
            rawOptions: parsed.rawOptions,
            userId: PRETEND_SERVER.user.id,
            userName: PRETEND_SERVER.user.name,
            guildId: PRETEND_SERVER.guildId,
            channelId: PRETEND_SERVER.homeChannelId,
            // The operator's language, for private replies and for the pretend server's public posts.
            locale,
            guildLocale: locale ?? null,
            memberPermissions: ALL_PERMISSIONS,
          },
          new ConsoleResponder(write, markup),
        );
      }
    } catch (err) {
      write(`! ${err instanceof UserFacingError ? renderMarkup(err.text(locale), markup) : String(err)}`);
    }
    prompt();
  }
  rl.close();
}

import { ApplicationCommandOptionType as OptionType } from 'discord-api-types/v10';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { isSlashCommand, type Reply } from '../interactions/command.js';
import type { Dispatcher, Responder } from '../interactions/dispatcher.js';
import { UserFacingError } from '../errors.js';
import { parseCommandLine } from './parse-line.js';
import { renderReplyText } from './render-text.js';

export interface ConsoleOptions {
  dispatcher: Dispatcher;
  input: Readable;
  output: Writable;
  /** Where the banner and prompts go (stderr), so that stdout carries only replies. */
  info: Writable;
  interactive: boolean;
  /** Ends the session when aborted (a stop signal). */
  signal?: AbortSignal;
}

/** Every permission bit: on the console, the operator may do anything. */
const ALL_PERMISSIONS = (1n << 64n) - 1n;

class ConsoleResponder implements Responder {
  constructor(private readonly write: (text: string) => void) {}
  async defer(): Promise<void> {
    // The console answers at once; there is nothing to acknowledge.
  }
  async reply(reply: Reply): Promise<void> {
    this.write(renderReplyText(reply));
  }
  async fail(message: string): Promise<void> {
    this.write(`! ${message}`);
  }
}

function helpText(dispatcher: Dispatcher): string {
  const lines = ['Commands (options are name:value):'];
  for (const command of dispatcher.commands.values()) {
    const json = command.data.toJSON();
    // Message commands ("Pin briefing") are used on a Discord message; there is none here.
    if (!isSlashCommand(json)) continue;
    const all = json.options ?? [];
    // Subcommands are typed as a word after the command (`/newsdesk status`), not as name:value.
    const subcommands = all
      .filter((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup)
      .map((o) => o.name);
    const options = subcommands.length
      ? subcommands.join('|')
      : all.map((o) => ('required' in o && o.required ? `${o.name}:…` : `[${o.name}:…]`)).join(' ');
    lines.push(`  /${json.name} ${options} — ${json.description}`);
  }
  lines.push('  /help — this list;  /exit — quit (or end of input)');
  return lines.join('\n');
}

/**
 * The local transport: slash commands typed in a terminal or piped on stdin, one per line, through the
 * same dispatcher as Discord; replies printed as text. Resolves at end of input (or /exit) after the
 * last reply was printed.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { dispatcher, output, info, interactive } = options;
  const write = (text: string) => void output.write(`${text}\n\n`);
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
      write(helpText(dispatcher));
      prompt();
      continue;
    }
    try {
      const parsed = parseCommandLine(line);
      if (parsed) {
        await dispatcher.run(
          {
            id: `console-${process.pid}-${n}`,
            commandName: parsed.commandName,
            subcommand: parsed.subcommand,
            rawOptions: parsed.rawOptions,
            userId: 'console',
            userName: 'console',
            guildId: null,
            channelId: null,
            locale: undefined,
            memberPermissions: ALL_PERMISSIONS,
          },
          new ConsoleResponder(write),
        );
      }
    } catch (err) {
      write(`! ${err instanceof UserFacingError ? err.message : String(err)}`);
    }
    prompt();
  }
  rl.close();
}

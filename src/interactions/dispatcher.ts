import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { UserFacingError, newErrorId } from '../errors.js';
import { msg, t, tm, type Msg } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { noMetrics, type InteractionOutcome, type Metrics } from '../metrics/metrics.js';
import type {
  ButtonInvocation,
  Choice,
  Command,
  CommandContext,
  DeferPolicy,
  Invocation,
  Reply,
} from './command.js';
import { isSlashCommand } from './command.js';
import { LIMITS } from './limits.js';
import { resolveOptions, type CommandOptions, type OptionValue } from './options.js';

/** How a transport acknowledges and answers one invocation. */
export interface Responder {
  /** Acknowledge now, answer later (Discord: "thinking..."). */
  defer(ephemeral: boolean): Promise<void>;
  /** The one final answer. */
  reply(reply: Reply): Promise<void>;
  /** An error message only the member sees. */
  fail(message: string): Promise<void>;
}

/** An invocation as a transport received it: options not yet validated. */
export type RawInvocation = Omit<Invocation, 'options'> & {
  subcommand: string | null;
  rawOptions: Record<string, OptionValue>;
};

/**
 * Runs commands for every transport: validates options, defers per the command's policy before any
 * slow await, executes, and turns any failure into exactly one ephemeral message (a UserFacingError's
 * own text, or a short message with an error id while the details go to the log).
 */
export class Dispatcher {
  private readonly json = new Map<string, RESTPostAPIChatInputApplicationCommandsJSONBody>();
  /** Commands and button presses being answered now. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Set by {@link drain}: the answer every new command or button press gets at once. */
  private drainMessage: Msg | string | null = null;

  constructor(
    readonly commands: ReadonlyMap<string, Command>,
    private readonly ctx: CommandContext,
    private readonly logger: Logger,
    private readonly metrics: Metrics = noMetrics,
  ) {
    for (const [name, command] of commands) {
      const json = command.data.toJSON();
      // A message command has no options: validated as a slash command without any.
      this.json.set(name, isSlashCommand(json) ? json : { name: json.name, description: '', options: [] });
    }
  }

  /**
   * Stops taking new work (shutdown): from now on every command and button press is answered at once,
   * privately, with `message`, instead of being run. Autocomplete keeps answering (it costs nothing).
   */
  drain(message: Msg | string = msg('error.restarting')): void {
    this.drainMessage = message;
  }

  /** How many commands and button presses are being answered now. */
  get busy(): number {
    return this.inFlight.size;
  }

  /** Resolves true once nothing is in flight, or false when `ms` pass first. */
  async idle(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      while (this.inFlight.size) {
        const settled = await Promise.race([
          Promise.allSettled([...this.inFlight]).then(() => true as const),
          timeout,
        ]);
        if (!settled) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Handles one slash command end to end. Never throws. */
  run(raw: RawInvocation, responder: Responder): Promise<void> {
    return this.track(responder, raw.locale, () => this.runCommand(raw, responder));
  }

  /** Handles a press on one of the bot's buttons, like a command: check, defer, execute, one answer. */
  button(invocation: ButtonInvocation, responder: Responder): Promise<void> {
    return this.track(responder, invocation.locale, () => this.runButton(invocation, responder));
  }

  /** Runs `work` counted as in flight, or, while draining, answers with the drain message instead. */
  private async track(
    responder: Responder,
    locale: string | undefined,
    work: () => Promise<void>,
  ): Promise<void> {
    if (this.drainMessage !== null) {
      await responder.fail(tm(locale, this.drainMessage)).catch((err: unknown) => {
        this.logger.warn({ err }, 'could not send the restarting message');
      });
      return;
    }
    const running = work();
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  private async runCommand(raw: RawInvocation, responder: Responder): Promise<void> {
    const log = this.logger.child({
      interactionId: raw.id,
      guildId: raw.guildId,
      command: raw.commandName,
      subcommand: raw.subcommand ?? undefined,
    });
    const command = this.commands.get(raw.commandName);
    const json = this.json.get(raw.commandName);
    let deferred = false;
    const arrived = performance.now();
    let outcome: InteractionOutcome = 'ok';
    try {
      if (!command || !json) {
        const known = [...this.commands.values()]
          .map((c) => c.data.toJSON())
          .filter(isSlashCommand)
          .map((j) => `/${j.name}`)
          .join(', ');
        throw new UserFacingError(msg('error.unknownCommand', { name: raw.commandName, known }));
      }
      const options = resolveOptions(json, raw.subcommand, raw.rawOptions);
      const invocation: Invocation = { ...raw, options };
      await command.check?.(invocation, this.ctx);
      const policy = deferPolicy(command, options);
      if (policy !== 'none') {
        await responder.defer(policy === 'ephemeral');
        deferred = true;
      }
      const started = performance.now();
      const reply = await command.execute(invocation, this.ctx);
      await responder.reply(reply);
      log.info(
        {
          ms: Math.round(performance.now() - started),
          reply: reply.kind,
          cached: reply.kind === 'briefing' ? reply.result.cached : undefined,
        },
        'command answered',
      );
    } catch (err) {
      outcome = await this.failSafely(err, responder, log, deferred, raw.locale);
    } finally {
      this.measure(command ? raw.commandName : 'unknown', outcome, arrived);
    }
  }

  private async runButton(invocation: ButtonInvocation, responder: Responder): Promise<void> {
    const log = this.logger.child({
      interactionId: invocation.id,
      guildId: invocation.guildId,
      button: `${invocation.commandName}:${invocation.action}`,
    });
    const handler = this.commands.get(invocation.commandName)?.buttons?.[invocation.action];
    let deferred = false;
    const arrived = performance.now();
    let outcome: InteractionOutcome = 'ok';
    try {
      if (!handler) throw new UserFacingError(msg('error.buttonGone'));
      await handler.check?.(invocation, this.ctx);
      if (handler.defer !== 'none') {
        await responder.defer(handler.defer === 'ephemeral');
        deferred = true;
      }
      await responder.reply(await handler.execute(invocation, this.ctx));
    } catch (err) {
      outcome = await this.failSafely(err, responder, log, deferred, invocation.locale);
    } finally {
      this.measure(handler ? `${invocation.commandName}:${invocation.action}` : 'unknown', outcome, arrived);
    }
  }

  /** Counts one answered interaction; the label is a command (or button) the bot defines, or `unknown`. */
  private measure(label: string, outcome: InteractionOutcome, arrived: number): void {
    this.metrics.interaction(label, outcome, (performance.now() - arrived) / 1000);
  }

  /** Answers an autocomplete request; on any problem, no suggestions rather than an error. */
  async autocomplete(raw: RawInvocation, focused: { name: string; value: string }): Promise<Choice[]> {
    const command = this.commands.get(raw.commandName);
    if (!command?.autocomplete) return [];
    try {
      const options = resolveOptions(this.json.get(raw.commandName)!, raw.subcommand, {}, 'partial');
      const choices = await command.autocomplete({ ...raw, options }, focused, this.ctx);
      return choices
        .filter((c) => c.name.length >= 1)
        .slice(0, LIMITS.autocompleteChoices)
        .map((c) => ({
          name: c.name.slice(0, LIMITS.choiceName),
          value: typeof c.value === 'string' ? c.value.slice(0, LIMITS.choiceValue) : c.value,
        }));
    } catch (err) {
      this.logger.warn({ err, interactionId: raw.id }, 'autocomplete failed');
      return [];
    }
  }

  private async failSafely(
    err: unknown,
    responder: Responder,
    log: Logger,
    deferred: boolean,
    locale: string | undefined,
  ): Promise<InteractionOutcome> {
    let message: string;
    if (err instanceof UserFacingError) {
      message = err.text(locale);
      log.info({ reason: err.message }, 'command refused');
    } else {
      const errorId = newErrorId();
      log.error({ err, errorId, deferred }, 'command failed');
      message = t(locale, 'error.internal', { id: errorId });
    }
    try {
      await responder.fail(message);
    } catch (sendErr) {
      log.error({ err: sendErr }, 'could not send the error message');
    }
    return err instanceof UserFacingError ? 'refused' : 'error';
  }
}

function deferPolicy(command: Command, options: CommandOptions): DeferPolicy {
  if (typeof command.defer === 'function') return command.defer(options);
  return command.defer ?? 'public';
}

import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import { msg, type Msg } from '../i18n/index.js';

export type OptionValue = string | number | boolean;

/** Validated option values of one invocation, read like discord.js's option resolver. */
export class CommandOptions {
  constructor(
    readonly subcommand: string | null,
    private readonly values: ReadonlyMap<string, OptionValue>,
  ) {}

  getString(name: string): string | null {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : null;
  }

  /** Integer and number options. */
  getNumber(name: string): number | null {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : null;
  }

  getBoolean(name: string): boolean | null {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : null;
  }

  /** Channel, user and role options hold ids. */
  getId(name: string): string | null {
    return this.getString(name);
  }

  toJSON(): Record<string, OptionValue> {
    return Object.fromEntries(this.values);
  }
}

const TYPE_NAMES: Partial<Record<T, Msg>> = {
  [T.String]: msg('option.type.text'),
  [T.Integer]: msg('option.type.integer'),
  [T.Number]: msg('option.type.number'),
  [T.Boolean]: msg('option.type.boolean'),
  [T.Channel]: msg('option.type.channel'),
  [T.User]: msg('option.type.user'),
  [T.Role]: msg('option.type.role'),
};

type LeafOption = Exclude<APIApplicationCommandOption, { type: T.Subcommand | T.SubcommandGroup }>;

function coerce(option: LeafOption, raw: OptionValue, command: string): OptionValue {
  const bad = () =>
    new UserFacingError(
      msg('option.mustBe', {
        option: option.name,
        command,
        type: TYPE_NAMES[option.type] ?? msg('option.type.valid'),
      }),
    );
  switch (option.type) {
    case T.Integer:
    case T.Number: {
      const n = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?\s*$/.test(String(raw)) ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (option.type === T.Integer && !Number.isInteger(n))) throw bad();
      return n;
    }
    case T.Boolean: {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(s)) return true;
      if (['false', 'no', 'off', '0'].includes(s)) return false;
      throw bad();
    }
    case T.Channel:
    case T.User:
    case T.Role: {
      const id = /^<?[#@&!]*(\d{15,25})>?$/.exec(String(raw).trim())?.[1];
      if (!id) throw bad();
      return id;
    }
    default:
      return String(raw);
  }
}

function check(option: LeafOption, value: OptionValue, command: string): void {
  const name = option.name;
  if ('choices' in option && option.choices?.length && !option.choices.some((c) => c.value === value)) {
    throw new UserFacingError(
      msg('option.oneOf', { option: name, command, choices: option.choices.map((c) => c.value).join(', ') }),
    );
  }
  if (typeof value === 'number' && (option.type === T.Integer || option.type === T.Number)) {
    const { min_value: min, max_value: max } = option;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new UserFacingError(
        msg('option.between', { option: name, command, min: min ?? '-∞', max: max ?? '∞' }),
      );
    }
  }
  if (typeof value === 'string' && option.type === T.String) {
    if (option.min_length !== undefined && value.length < option.min_length)
      throw new UserFacingError(msg('option.minLength', { option: name, command, count: option.min_length }));
    if (option.max_length !== undefined && value.length > option.max_length)
      throw new UserFacingError(msg('option.maxLength', { option: name, command, count: option.max_length }));
  }
}

/**
 * Validates raw option values (typed from Discord, or text from the console) against a command's
 * definition: unknown options, subcommands, types, choices, ranges and required options. The same
 * rules, and so the same messages, for every transport. `partial` (autocomplete: the member is still
 * typing) skips the required-options check.
 */
export function resolveOptions(
  json: RESTPostAPIChatInputApplicationCommandsJSONBody,
  subcommand: string | null,
  raw: Record<string, OptionValue>,
  mode: 'complete' | 'partial' = 'complete',
): CommandOptions {
  const command = json.name;
  let options = json.options ?? [];
  const subcommands = options.filter((o) => o.type === T.Subcommand);
  if (subcommands.length) {
    const chosen = subcommands.find((s) => s.name === subcommand);
    if (!chosen) {
      const list = subcommands.map((s) => `/${command} ${s.name}`).join(', ');
      throw new UserFacingError(
        subcommand
          ? msg('option.noSuchSubcommand', { command, subcommand, list })
          : msg('option.needsSubcommand', { command, list }),
      );
    }
    options = chosen.options ?? [];
  } else if (subcommand) {
    throw new UserFacingError(msg('option.noSubcommands', { command, subcommand }));
  }
  const leaves = options as LeafOption[];
  const values = new Map<string, OptionValue>();
  const label = subcommand ? `${command} ${subcommand}` : command;
  for (const [name, value] of Object.entries(raw)) {
    const option = leaves.find((o) => o.name === name);
    if (!option) {
      const known = leaves.map((o) => o.name).join(', ');
      throw new UserFacingError(
        msg('option.unknown', { command: label, option: name, known: known || msg('option.none') }),
      );
    }
    const coerced = coerce(option, value, label);
    check(option, coerced, label);
    values.set(name, coerced);
  }
  const missing =
    mode === 'partial'
      ? []
      : leaves.filter((o) => o.required && !values.has(o.name)).map((o) => `\`${o.name}\``);
  if (missing.length) throw new UserFacingError(msg('option.missing', { command: label, options: missing }));
  return new CommandOptions(subcommand, values);
}

import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';

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

const TYPE_NAMES: Partial<Record<T, string>> = {
  [T.String]: 'text',
  [T.Integer]: 'a whole number',
  [T.Number]: 'a number',
  [T.Boolean]: 'true or false',
  [T.Channel]: 'a channel',
  [T.User]: 'a member',
  [T.Role]: 'a role',
};

type LeafOption = Exclude<APIApplicationCommandOption, { type: T.Subcommand | T.SubcommandGroup }>;

function coerce(option: LeafOption, raw: OptionValue, command: string): OptionValue {
  const bad = () =>
    new UserFacingError(
      `Option \`${option.name}\` of /${command} must be ${TYPE_NAMES[option.type] ?? 'a valid value'}.`,
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
  const name = `\`${option.name}\``;
  if ('choices' in option && option.choices?.length && !option.choices.some((c) => c.value === value)) {
    throw new UserFacingError(
      `Option ${name} of /${command} must be one of: ${option.choices.map((c) => c.value).join(', ')}.`,
    );
  }
  if (typeof value === 'number' && (option.type === T.Integer || option.type === T.Number)) {
    const { min_value: min, max_value: max } = option;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new UserFacingError(
        `Option ${name} of /${command} must be between ${min ?? '-∞'} and ${max ?? '∞'}.`,
      );
    }
  }
  if (typeof value === 'string' && option.type === T.String) {
    if (option.min_length !== undefined && value.length < option.min_length)
      throw new UserFacingError(
        `Option ${name} of /${command} needs at least ${option.min_length} characters.`,
      );
    if (option.max_length !== undefined && value.length > option.max_length)
      throw new UserFacingError(
        `Option ${name} of /${command} takes at most ${option.max_length} characters.`,
      );
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
          ? `/${command} has no subcommand \`${subcommand}\`. Try ${list}.`
          : `/${command} needs a subcommand: ${list}.`,
      );
    }
    options = chosen.options ?? [];
  } else if (subcommand) {
    throw new UserFacingError(`/${command} has no subcommand \`${subcommand}\`.`);
  }
  const leaves = options as LeafOption[];
  const values = new Map<string, OptionValue>();
  const label = subcommand ? `${command} ${subcommand}` : command;
  for (const [name, value] of Object.entries(raw)) {
    const option = leaves.find((o) => o.name === name);
    if (!option) {
      const known = leaves.map((o) => o.name).join(', ') || 'none';
      throw new UserFacingError(`/${label} has no option \`${name}\`. Its options: ${known}.`);
    }
    const coerced = coerce(option, value, label);
    check(option, coerced, label);
    values.set(name, coerced);
  }
  const missing =
    mode === 'partial'
      ? []
      : leaves.filter((o) => o.required && !values.has(o.name)).map((o) => `\`${o.name}\``);
  if (missing.length) throw new UserFacingError(`/${label} needs ${missing.join(' and ')}.`);
  return new CommandOptions(subcommand, values);
}

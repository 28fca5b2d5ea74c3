/**
 * Compares the slash commands defined here (commands/*.ts) with those registered with Discord, so the
 * start-up line can say "deployed" or name what `npm run deploy` would change. Discord answers with
 * defaults filled in (`required: false` left out, `nsfw: false`, `dm_permission`, `integration_types`,
 * ids and versions...), so both sides are first reduced to the fields a deploy sets, with those defaults.
 */

type Json = Record<string, unknown>;

/** What differs between the local definitions and Discord's. Empty lists: deployed as defined. */
export interface CommandDrift {
  /** Defined here, not registered. */
  missing: string[];
  /** Registered, but not as defined here: name and the fields that differ. */
  changed: { name: string; fields: string[] }[];
  /** Registered, no longer defined here. */
  extra: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** null, undefined and {} are all "no localizations". */
function localizations(v: unknown): Json | null {
  return isObject(v) && Object.keys(v).length ? sortKeys(v) : null;
}

function sortKeys(v: Json): Json {
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
}

/** A scalar as text ('' for anything else). */
function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

function canonicalChoice(c: unknown): Json {
  const choice = isObject(c) ? c : {};
  return {
    name: choice.name,
    value: choice.value,
    name_localizations: localizations(choice.name_localizations),
  };
}

function canonicalOption(o: unknown): Json {
  const opt = isObject(o) ? o : {};
  return {
    type: opt.type,
    name: opt.name,
    description: opt.description ?? '',
    name_localizations: localizations(opt.name_localizations),
    description_localizations: localizations(opt.description_localizations),
    required: opt.required === true,
    autocomplete: opt.autocomplete === true,
    choices: list(opt.choices).map(canonicalChoice),
    options: list(opt.options).map(canonicalOption),
    channel_types: list(opt.channel_types)
      .map(Number)
      .sort((a, b) => a - b),
    min_value: opt.min_value ?? null,
    max_value: opt.max_value ?? null,
    min_length: opt.min_length ?? null,
    max_length: opt.max_length ?? null,
  };
}

/**
 * One command reduced to what a deploy sets, defaults made explicit. `contexts` and
 * `integration_types` only count for global commands (Discord ignores them in a server).
 */
export function canonicalCommand(command: Json, scope: 'global' | 'guild'): Json {
  const perms = text(command.default_member_permissions);
  const canonical: Json = {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    name_localizations: localizations(command.name_localizations),
    description_localizations: localizations(command.description_localizations),
    default_member_permissions: perms === '' ? null : perms,
    nsfw: command.nsfw === true,
    options: list(command.options).map(canonicalOption),
  };
  if (scope === 'global') {
    const contexts = command.contexts;
    canonical.contexts = Array.isArray(contexts)
      ? list(contexts)
          .map(Number)
          .sort((a, b) => a - b)
      : null;
    canonical.integration_types = list(command.integration_types ?? [0])
      .map(Number)
      .sort((a, b) => a - b);
  }
  return canonical;
}

const key = (c: Json) => `${text(c.type) || '1'}:${text(c.name)}`;

/** Compares local command bodies with the ones Discord returned for the same scope. */
export function compareCommands(
  local: readonly Json[],
  remote: readonly Json[],
  scope: 'global' | 'guild',
): CommandDrift {
  const remoteByKey = new Map(remote.map((c) => [key(c), c]));
  const localKeys = new Set(local.map(key));
  const drift: CommandDrift = { missing: [], changed: [], extra: [] };
  for (const command of local) {
    const registered = remoteByKey.get(key(command));
    if (!registered) {
      drift.missing.push(text(command.name));
      continue;
    }
    const mine = canonicalCommand(command, scope);
    const theirs = canonicalCommand(registered, scope);
    const fields = Object.keys(mine).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]));
    if (fields.length) drift.changed.push({ name: text(command.name), fields });
  }
  for (const command of remote) if (!localKeys.has(key(command))) drift.extra.push(text(command.name));
  return drift;
}

/** "missing /newsdesk, changed /news (description), extra /old", or "" when nothing differs. */
export function driftText(drift: CommandDrift): string {
  return [
    ...drift.missing.map((n) => `missing /${n}`),
    ...drift.changed.map((c) => `changed /${c.name} (${c.fields.join(', ')})`),
    ...drift.extra.map((n) => `extra /${n}`),
  ].join(', ');
}

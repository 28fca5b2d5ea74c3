import { channelRoutes } from './channel-routes.js';
import { HttpError, discordError, leaf, type ErrorTree } from './errors.js';
import { route, type Route, type RouteContext } from './http-pipeline.js';
import { interactionRoutes } from './interaction-routes.js';
import { applicationPayload, scalarText, type Json } from './payloads.js';
import type { RouteEnv } from './route-env.js';
import { snowflake } from './snowflake.js';
import type { GuildState } from './state.js';

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MENU_COMMAND_NAME = /^[-_' \p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Every REST route of the fake. */
export function allRoutes(env: RouteEnv): Route[] {
  return [...miscRoutes(env), ...commandRoutes(env), ...channelRoutes(env), ...interactionRoutes(env)];
}

function miscRoutes(env: RouteEnv): Route[] {
  const { state } = env;
  const guild = (id: string | undefined): GuildState => {
    const g = state.guilds.get(id ?? '');
    if (!g) throw discordError('unknownGuild');
    return g;
  };
  const gatewayBot = () => ({
    shards: env.recommendedShards(),
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  });
  return [
    route('GET', '/gateway', () => ({ status: 200, body: { url: env.gatewayUrl() } }), false),
    route('GET', '/gateway/bot', () => ({ status: 200, body: { url: env.gatewayUrl(), ...gatewayBot() } })),
    route('GET', '/users/@me', () => ({
      status: 200,
      body: {
        ...state.botUser,
        verified: true,
        mfa_enabled: false,
        email: null,
        locale: 'en-US',
        banner: null,
        accent_color: null,
      },
    })),
    route('GET', '/applications/@me', () => ({
      status: 200,
      body: applicationPayload(state.applicationId, state.botUser, state.guilds.size),
    })),
    route('GET', '/guilds/{guild_id}', ({ params, req }) => {
      const g = guild(params.guild_id);
      const counts =
        req.query.with_counts === 'true'
          ? { approximate_member_count: g.members.length, approximate_presence_count: 0 }
          : {};
      return { status: 200, body: { ...state.guildObject(g), ...counts } };
    }),
    route('GET', '/guilds/{guild_id}/channels', ({ params }) => ({
      status: 200,
      body: guild(params.guild_id).channels,
    })),
    route('GET', '/guilds/{guild_id}/roles', ({ params }) => ({
      status: 200,
      body: guild(params.guild_id).roles,
    })),
    route('GET', '/guilds/{guild_id}/members/{user_id}', ({ params }) => {
      const member = guild(params.guild_id).members.find((m) => (m.user as Json).id === params.user_id);
      if (!member) throw discordError('unknownMember');
      return { status: 200, body: member };
    }),
  ];
}

function commandRoutes(env: RouteEnv): Route[] {
  const { state } = env;
  const scopeOf = ({ params }: RouteContext): string => {
    if (params.application_id !== state.applicationId) throw discordError('missingAccess');
    if (params.guild_id !== undefined && !state.guilds.has(params.guild_id))
      throw discordError('unknownGuild');
    return params.guild_id ?? 'global';
  };
  const toCommand = (scope: string, body: Json, previous: Json[]): Json => {
    const existing = previous.find((c) => c.name === body.name && (c.type ?? 1) === (body.type ?? 1));
    const command: Json = {
      id: existing?.id ?? snowflake(),
      application_id: state.applicationId,
      version: snowflake(),
      default_member_permissions: body.default_member_permissions ?? null,
      type: body.type ?? 1,
      name: body.name,
      name_localizations: body.name_localizations ?? null,
      description: body.description ?? '',
      description_localizations: body.description_localizations ?? null,
      nsfw: body.nsfw ?? false,
      ...(body.options ? { options: body.options } : {}),
    };
    if (scope === 'global') {
      Object.assign(command, {
        contexts: body.contexts ?? null,
        integration_types: body.integration_types ?? [0],
      });
    } else {
      command.guild_id = scope;
    }
    return command;
  };
  const put = (ctx: RouteContext) => {
    const scope = scopeOf(ctx);
    const list = Array.isArray(ctx.req.body) ? (ctx.req.body as Json[]) : [];
    assertCommands(list);
    const previous = state.commands.get(scope) ?? [];
    const commands = list.map((c) => toCommand(scope, c, previous));
    state.commands.set(scope, commands);
    return { status: 200, body: commands };
  };
  const post = (ctx: RouteContext) => {
    const scope = scopeOf(ctx);
    assertCommands([ctx.body]);
    const previous = state.commands.get(scope) ?? [];
    const command = toCommand(scope, ctx.body, previous);
    state.commands.set(scope, [...previous.filter((c) => c.id !== command.id), command]);
    return { status: previous.some((c) => c.id === command.id) ? 200 : 201, body: command };
  };
  // As Discord: the full localization dictionaries only with `with_localizations=true`.
  const list = (ctx: RouteContext) => {
    const commands = state.commands.get(scopeOf(ctx)) ?? [];
    const full = ctx.req.query.with_localizations === 'true';
    return { status: 200, body: full ? commands : commands.map(withoutLocalizations) };
  };
  const base = '/applications/{application_id}';
  return [
    route('PUT', `${base}/commands`, put),
    route('PUT', `${base}/guilds/{guild_id}/commands`, put),
    route('POST', `${base}/commands`, post),
    route('POST', `${base}/guilds/{guild_id}/commands`, post),
    route('GET', `${base}/commands`, list),
    route('GET', `${base}/guilds/{guild_id}/commands`, list),
  ];
}

/** A command (or option, or choice) without its localization dictionaries, at every depth. */
function withoutLocalizations(value: Json): Json {
  const rest: Json = { ...value };
  delete rest.name_localizations;
  delete rest.description_localizations;
  const { options, choices } = value;
  return {
    ...rest,
    ...(Array.isArray(options) ? { options: (options as Json[]).map(withoutLocalizations) } : {}),
    ...(Array.isArray(choices) ? { choices: (choices as Json[]).map(withoutLocalizations) } : {}),
  };
}

/** Discord's own checks on command bodies: valid names (lowercase words for slash commands), no duplicates, descriptions for slash commands. */
function assertCommands(list: Json[]): void {
  const tree: ErrorTree = {};
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const name = typeof c.name === 'string' ? c.name : '';
    const slash = (c.type ?? 1) === 1;
    // Slash command names are one lowercase word; user and message commands may have capitals and spaces.
    const valid = slash
      ? COMMAND_NAME.test(name) && name === name.toLowerCase()
      : MENU_COMMAND_NAME.test(name) && name.trim() === name;
    if (!valid) {
      tree[i] = { name: leaf('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid') };
    } else if (seen.has(`${scalarText(c.type) ?? '1'}:${name}`)) {
      tree[i] = {
        name: leaf('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique'),
      };
    } else if (slash && (typeof c.description !== 'string' || c.description.length === 0)) {
      tree[i] = { description: leaf('BASE_TYPE_REQUIRED', 'This field is required') };
    }
    seen.add(`${scalarText(c.type) ?? '1'}:${name}`);
  });
  if (Object.keys(tree).length > 0) throw discordError('invalidFormBody', tree);
  if (list.length > 100)
    throw new HttpError(400, {
      message: 'Maximum number of application commands reached (100)',
      code: 30032,
    });
}

/** A role to seed into a fake guild. The `@everyone` role (id = guild id) is added when absent. */
export interface RoleSeed {
  id?: string;
  name: string;
  /** Permission bits; bigint or a decimal string. */
  permissions?: bigint | string;
  color?: number;
  position?: number;
}

/** A channel to seed into a fake guild; `type` defaults to 0 (GUILD_TEXT). */
export interface ChannelSeed {
  id?: string;
  name: string;
  type?: number;
  topic?: string | null;
  parentId?: string | null;
  position?: number;
  nsfw?: boolean;
  /** Permission overwrites: `type` 0 for a role (the guild id is @everyone), 1 for a member. */
  overwrites?: { id: string; type: 0 | 1; allow?: bigint; deny?: bigint }[];
}

/** A guild member to seed (the bot itself is always a member). */
export interface MemberSeed {
  id?: string;
  username: string;
  roles?: string[];
  nick?: string | null;
}

/** A guild to seed. Defaults: a generated id, "Fake Guild N", one text channel "general". */
export interface GuildSeed {
  id?: string;
  name?: string;
  ownerId?: string;
  locale?: string;
  channels?: ChannelSeed[];
  roles?: RoleSeed[];
  members?: MemberSeed[];
}

/** Options of {@link startFakeDiscord}. Every duration is real time in milliseconds. */
export interface FakeDiscordOptions {
  applicationId?: string;
  /** The bot user's id; defaults to the application id, as for real bots. */
  botUserId?: string;
  botUsername?: string;
  /** When set, REST calls and IDENTIFY with another token fail (401 / close 4004). */
  token?: string;
  guilds?: GuildSeed[];
  /** Permissions of the bot's managed role in every guild (default: all bits up to PIN_MESSAGES). */
  botPermissions?: bigint;
  /** op 10 heartbeat_interval sent to clients (default 41250). */
  heartbeatIntervalMs?: number;
  /** How long after INTERACTION_CREATE a callback is still accepted (default 3000). */
  ackTimeoutMs?: number;
  /** How long an interaction token works for webhooks after the interaction (default 15 min). */
  tokenLifetimeMs?: number;
  /** Window within which an `enforce_nonce` repeat returns the first message (default 5 min). */
  nonceWindowMs?: number;
  /** Also check the fake's own response bodies against the spec (slower; for the fake's own tests). */
  validateResponses?: boolean;
  /** The shard count `GET /gateway/bot` recommends (`SHARDS=auto`; default 1). */
  recommendedShards?: number;
}

/** One file part of a multipart request. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A REST request as the fake received it, plus how it answered. */
export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/channels/1/messages`. */
  path: string;
  /** The fake's route template that handled it (`/channels/{channel_id}/messages`), or null for 404s. */
  route: string | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body; for multipart/form-data the parsed `payload_json`. */
  body: unknown;
  files: RecordedFile[];
  /** `performance.now()` when the request arrived. */
  at: number;
  /** Interaction this request belongs to (callbacks and interaction webhooks), if any. */
  interactionId: string | null;
  /** Problems found checking the request against Discord's OpenAPI spec and documented rules. */
  specErrors: string[];
  /** HTTP status the fake answered with (0 until answered). */
  status: number;
  /** The JSON the fake answered with (undefined for 204). */
  response: unknown;
  /** Problems found checking the fake's own response against the spec (only with `validateResponses`). */
  responseSpecErrors: string[];
}

/** The error a test makes the fake return: status plus Discord's `{ code, message }` (and extras). */
export interface InjectedError {
  status: number;
  code?: number;
  message?: string;
  errors?: unknown;
  headers?: Record<string, string>;
  /** Replaces the whole JSON body when given. */
  body?: unknown;
}

/**
 * Which requests a failure, delay or wait applies to: `"POST /channels/{id}/messages"` (`{x}`, `:x` and `*` match
 * one segment, `**` any rest, method `*` any), a RegExp tested on `"METHOD /path"`, or a predicate.
 */
export type RequestMatcher = string | RegExp | ((req: RecordedRequest) => boolean);

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordErrors, type DiscordErrorName } from './errors.js';
import { FailurePlan, type RateLimitOptions } from './failures.js';
import { FakeGateway } from './gateway.js';
import { RestPipeline } from './http-pipeline.js';
import type { OptionValue } from './interaction-options.js';
import {
  buildButtonInteraction,
  buildCommandInteraction,
  buildInteraction,
  buildMessageCommandInteraction,
  type BuiltInteraction,
  type CommandInvokeOptions,
  type InvokeOptions,
} from './interactions.js';
import { scalarText, type Json } from './payloads.js';
import { RequestRecorder } from './recorder.js';
import type { Timing } from './route-env.js';
import { allRoutes } from './rest-routes.js';
import { seedMessage, seedPins, type SeedMessage } from './seeding.js';
import { snowflake } from './snowflake.js';
import { SpecValidator } from './spec-validator.js';
import { FakeState, type ChannelAccess, type GuildState, type InteractionRecord } from './state.js';
import type { FakeDiscordOptions, InjectedError, RecordedRequest, RequestMatcher } from './types.js';

/** What the fake returns for a dispatched interaction. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: Json;
}

/** A spec violation found in a recorded request. */
export interface SpecViolation {
  request: string;
  errors: string[];
}

/**
 * A local Discord (REST + gateway on one 127.0.0.1 port) that the real discord.js logs into. Create it with
 * {@link startFakeDiscord}; always `await discord.close()` after destroying the clients that use it.
 */
export class FakeDiscord {
  readonly state: FakeState;
  readonly gateway: FakeGateway;
  /** Interaction deadlines and the nonce window; change them at any time (real milliseconds). */
  readonly timing: Timing;
  private readonly recorder = new RequestRecorder();
  private readonly failures = new FailurePlan();
  private readonly server: Server;
  private port = 0;
  /** What `GET /gateway/bot` answers as `shards`. */
  recommendedShards: number;

  constructor(options: FakeDiscordOptions = {}) {
    const applicationId = options.applicationId ?? snowflake();
    this.state = new FakeState(
      applicationId,
      options.botUserId ?? applicationId,
      options.botUsername ?? 'Newsdesk',
      options.botPermissions,
    );
    (options.guilds ?? [{}]).forEach((g, i) => this.state.addGuild(g, i));
    this.gateway = new FakeGateway({
      state: this.state,
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
    });
    this.recommendedShards = options.recommendedShards ?? 1;
    this.timing = {
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    };
    const env = {
      state: this.state,
      recommendedShards: () => this.recommendedShards,
      timing: this.timing,
      gatewayUrl: () => this.gatewayUrl,
      emit: (event: string, data: Json, guildId?: string | null) =>
        void this.gateway.dispatch(event, data, guildId),
    };
    const pipeline = new RestPipeline({
      routes: allRoutes(env),
      recorder: this.recorder,
      failures: this.failures,
      validator: () => SpecValidator.shared(),
      token: options.token,
      validateResponses: options.validateResponses ?? false,
      interactionIdFor: (path) => this.interactionIdFor(path),
    });
    this.server = createServer((req, res) => void pipeline.handle(req, res));
    this.server.on('upgrade', this.gateway.handleUpgrade);
  }

  /** Starts listening on an ephemeral 127.0.0.1 port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Give this to discord.js as `rest: { api: restUrl }` (it appends `/v10`). */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The URL `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The application id (also the webhook id of interaction responses). */
  get applicationId(): string {
    return this.state.applicationId;
  }

  /** The bot user's id (READY `user.id`, author of the bot's messages). */
  get botUserId(): string {
    return String(this.state.botUser.id);
  }

  /** The first (or given) guild. */
  guild(id?: string): GuildState {
    const guild = id ? this.state.guilds.get(id) : this.state.guilds.values().next().value;
    if (!guild) throw new Error(`fake-discord: unknown guild ${id ?? '(none)'}`);
    return guild;
  }

  /** A channel id by name (first guild unless a guild id is given), or the first channel's id. */
  channelId(name?: string, guildId?: string): string {
    const channel = this.guild(guildId).channels.find((c) => name === undefined || c.name === name);
    if (!channel) throw new Error(`fake-discord: no channel named ${name ?? '(any)'}`);
    return String(channel.id);
  }

  // ---- interactions -------------------------------------------------------------------------------------------

  /** Emits INTERACTION_CREATE with `partial` merged over a realistic guild payload (needs `type` and `data`). */
  sendInteraction(
    partial: Json & { type: number; data?: Json },
    invoke: InvokeOptions = {},
  ): SentInteraction {
    const built = buildInteraction(this.state, partial.type, partial.data ?? {}, invoke, partial);
    const source = scalarText((partial.message as Json | undefined)?.id);
    if (source !== undefined) built.record.sourceMessageId = source;
    return this.deliver(
      {
        record: built.record,
        payload: { ...built.payload, id: built.record.id, token: built.record.token },
      },
      invoke.session,
    );
  }

  /** A chat-input command (type 2) with options inferred from JS values: `command('news', { topic: 'iraq' })`. */
  command(
    name: string,
    values: Record<string, OptionValue> = {},
    o: CommandInvokeOptions = {},
  ): SentInteraction {
    return this.deliver(buildCommandInteraction(this.state, 2, name, values, o), o.session);
  }

  /** A message command (application command type 3) used on a stored message, in that message's channel. */
  messageCommand(name: string, messageId: string, o: InvokeOptions = {}): SentInteraction {
    return this.deliver(buildMessageCommandInteraction(this.state, name, messageId, o));
  }

  /** An autocomplete interaction (type 4); the `focused` option (default: the last) is flagged and sent as text. */
  autocomplete(
    name: string,
    values: Record<string, OptionValue>,
    o: CommandInvokeOptions = {},
  ): SentInteraction {
    return this.deliver(buildCommandInteraction(this.state, 4, name, values, o), o.session);
  }

  /** A button click (type 3) on `o.messageId`, or on a fresh bot message carrying that button. */
  button(customId: string, o: InvokeOptions & { messageId?: string } = {}): SentInteraction {
    return this.deliver(buildButtonInteraction(this.state, customId, o), o.session);
  }

  /** What the bot did with an interaction so far (callbacks, original message, follow-ups, choices). */
  interaction(id: string): InteractionRecord {
    const record = this.state.interactions.get(id);
    if (!record) throw new Error(`fake-discord: unknown interaction ${id}`);
    return record;
  }

  /** Resolves with the callback request of an interaction once answered. */
  waitForCallback(interactionId: string, timeoutMs = 3000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.interactionId === interactionId && r.route?.endsWith('/callback') === true,
      timeoutMs,
    );
  }

  private deliver({ record, payload }: BuiltInteraction, session?: number): SentInteraction {
    record.createdAt = performance.now();
    this.state.interactions.set(record.id, record);
    if (this.gateway.dispatch('INTERACTION_CREATE', payload, record.guildId, session) === 0) {
      throw new Error('fake-discord: no gateway session is connected; log a client in first');
    }
    return { id: record.id, token: record.token, payload };
  }

  private interactionIdFor(path: string): string | null {
    const callback = /^\/interactions\/(\d+)\//.exec(path);
    if (callback) return callback[1] ?? null;
    const webhook = /^\/webhooks\/\d+\/([^/]+)/.exec(path);
    return webhook ? (this.state.interactionByToken(webhook[1] ?? '')?.id ?? null) : null;
  }

  // ---- failure injection ----------------------------------------------------------------------------------------

  /** The next `times` matching requests fail with `error` (status + Discord `{ code, message }`). */
  failNext(matcher: RequestMatcher, error: InjectedError | DiscordErrorName, times = 1): void {
    this.failures.failNext(matcher, typeof error === 'string' ? { ...DiscordErrors[error] } : error, times);
  }

  /** The next matching request(s) get a 429 with `retry_after` (seconds) and Discord's rate-limit headers. */
  rateLimitNext(matcher: RequestMatcher, opts?: RateLimitOptions): void {
    this.failures.rateLimitNext(matcher, opts);
  }

  /** Every matching request waits `ms` first; call the returned function to stop. */
  delay(matcher: RequestMatcher, ms: number): () => void {
    return this.failures.delay(matcher, ms);
  }

  /** Makes a channel unknown to the bot (10003), invisible (50001), or normal again. */
  setChannelAccess(channelId: string, access: ChannelAccess): void {
    this.state.access.set(channelId, access);
  }

  /** Removes permission bits from the bot in one channel (routes needing them answer 50013). */
  denyPermissions(channelId: string, bits: bigint): void {
    this.state.denied.set(channelId, (this.state.denied.get(channelId) ?? 0n) | bits);
  }

  /** Forgets planned failures and delays, channel access changes and denied permissions. */
  clearFailures(): void {
    this.failures.clear();
    this.state.access.clear();
    this.state.denied.clear();
  }

  // ---- seeding and state -----------------------------------------------------------------------------------------

  /** Stores a message someone posted earlier (optionally pinned). */
  seedMessage(channelId: string, seed?: SeedMessage): Json {
    return seedMessage(this.state, channelId, seed);
  }

  /** Seeds `count` pinned messages by another user (e.g. 250 to fill the channel). */
  seedPins(channelId: string, count: number, authorId?: string): Json[] {
    return seedPins(this.state, channelId, count, authorId);
  }

  /** The pins of a channel, newest first, as `{ pinned_at, message }`. */
  pinsOf(channelId: string): { pinned_at: string; message: Json }[] {
    return this.state
      .pinsOf(channelId)
      .map((p) => ({ pinned_at: p.pinnedAt, message: this.state.messages.get(p.messageId) ?? {} }));
  }

  /** Non-ephemeral messages in a channel, oldest first. */
  messagesIn(channelId: string): Json[] {
    return this.state.channelMessages(channelId);
  }

  /** Commands deployed globally, or to a guild. */
  commands(guildId?: string): Json[] {
    return this.state.commands.get(guildId ?? 'global') ?? [];
  }

  // ---- recordings -------------------------------------------------------------------------------------------------

  /** Every REST request, in arrival order. */
  get requests(): RecordedRequest[] {
    return this.recorder.all;
  }

  /** Resolves with the first answered request matching `matcher` (past or future). */
  waitForRequest(matcher: RequestMatcher, timeoutMs = 2000): Promise<RecordedRequest> {
    return this.recorder.waitFor(matcher, timeoutMs);
  }

  /** Requests belonging to one interaction: its callback and its webhook calls. */
  requestsFor(interactionId: string): RecordedRequest[] {
    return this.recorder.forInteraction(interactionId);
  }

  /** Every recorded request that broke the spec or a documented rule (empty when the bot behaved). */
  specViolations(): SpecViolation[] {
    return this.requests
      .filter((r) => r.specErrors.length > 0)
      .map((r) => ({ request: `${r.method} ${r.path}`, errors: r.specErrors }));
  }

  /** Violations of the spec by the fake's own responses (with `validateResponses`). */
  responseViolations(): SpecViolation[] {
    return this.requests
      .filter((r) => r.responseSpecErrors.length > 0)
      .map((r) => ({ request: `${r.method} ${r.path} -> ${r.status}`, errors: r.responseSpecErrors }));
  }

  /** The bot token a request carried (`Authorization: Bot <token>`), or null. */
  botToken(req: RecordedRequest): string | null {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bot ') ? header.slice(4) : null;
  }

  // ---- gateway ------------------------------------------------------------------------------------------------------

  /** Sends any dispatch event to the connected sessions. Returns how many got it. */
  dispatch(event: string, data: Json, guildId?: string): number {
    return this.gateway.dispatch(event, data, guildId);
  }

  /** Stops the server: closes sockets, gateway and HTTP server. Destroy discord.js clients first. */
  async close(): Promise<void> {
    this.recorder.clearWaiters();
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Starts a {@link FakeDiscord} on an ephemeral 127.0.0.1 port. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

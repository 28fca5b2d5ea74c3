import { discordError } from './errors.js';
import type { Json } from './payloads.js';
import { Perm } from './payloads.js';
import type { FakeState } from './state.js';

/** Timing rules of the fake, all in real milliseconds. */
export interface Timing {
  ackTimeoutMs: number;
  tokenLifetimeMs: number;
  nonceWindowMs: number;
}

/** What route handlers share: the world state, timing rules and a way to push gateway events. */
export interface RouteEnv {
  state: FakeState;
  timing: Timing;
  gatewayUrl(): string;
  /** The shard count `GET /gateway/bot` recommends. */
  recommendedShards(): number;
  /** Sends a dispatch event to the shard(s) that should see it. */
  emit(event: string, data: Json, guildId?: string | null): void;
}

/**
 * The channel a bot request targets, after Discord's checks: unknown (10003), not visible (50001), or missing
 * one of `needs` (50013).
 */
export function channelFor(env: RouteEnv, channelId: string, needs = 0n): Json {
  const channel = env.state.channels.get(channelId);
  const access = env.state.access.get(channelId) ?? 'ok';
  if (!channel || access === 'unknown') throw discordError('unknownChannel');
  if (access === 'no-access' || !env.state.botCan(channelId, Perm.VIEW_CHANNEL))
    throw discordError('missingAccess');
  if (needs !== 0n && !env.state.botCan(channelId, needs)) throw discordError('missingPermissions');
  return channel;
}

/**
 * A local fake Discord for end-to-end tests: the real discord.js client logs into it over 127.0.0.1.
 *
 * ```ts
 * const discord = await startFakeDiscord({ guilds: [{ name: 'News', channels: [{ name: 'briefings' }] }] });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
 * await client.login('test-token');
 * const { id } = discord.command('news', { topic: 'iraq', hours: 48 });
 * await discord.waitForRequest((r) => r.interactionId === id && r.method === 'PATCH');
 * expect(discord.specViolations()).toEqual([]);
 * await client.destroy();
 * await discord.close();
 * ```
 */
export { FakeDiscord, startFakeDiscord, type SentInteraction, type SpecViolation } from './fake-discord.js';
export { opt, type OptionValue, type TypedOption } from './interaction-options.js';
export type { CommandInvokeOptions, InvokeOptions } from './interactions.js';
export { DiscordErrors, type DiscordErrorBody, type DiscordErrorName } from './errors.js';
export { LIMITS } from './limits.js';
export { MAX_PINS } from './channel-routes.js';
export { ALL_PERMISSIONS, EVERYONE_PERMISSIONS, Perm, type Json } from './payloads.js';
export { SEED_AUTHOR_ID, type SeedMessage } from './seeding.js';
export type { ChannelAccess, GuildState, InteractionRecord } from './state.js';
export type { RateLimitOptions } from './failures.js';
export type { Timing } from './route-env.js';
export type * from './types.js';

import { buildMessage } from './messages.js';
import { userPayload, type Json } from './payloads.js';
import { snowflake } from './snowflake.js';
import type { FakeState } from './state.js';

/** Default author of seeded messages (a user called "moderator"). */
export const SEED_AUTHOR_ID = '111111111111111111';

/** A message "someone else" (or the bot, with `authorId` = bot id) posted earlier. */
export interface SeedMessage {
  content?: string;
  embeds?: Json[];
  authorId?: string;
  /** Pin it too (pinned_at = `pinnedAt` or now). */
  pinned?: boolean;
  pinnedAt?: Date;
}

/** Stores a message in a channel without going through REST, e.g. pins made by moderators. */
export function seedMessage(state: FakeState, channelId: string, seed: SeedMessage = {}): Json {
  if (!state.channels.has(channelId)) throw new Error(`fake-discord: unknown channel ${channelId}`);
  const authorId = seed.authorId ?? SEED_AUTHOR_ID;
  const author = authorId === state.botUser.id ? state.botUser : authorOf(state, authorId);
  const body: Json = {
    content: seed.content ?? `seeded message ${snowflake().slice(-6)}`,
    embeds: seed.embeds ?? [],
  };
  const message = state.putMessage(buildMessage(state, body, [], { channelId, author }));
  if (seed.pinned) {
    const pinnedAt = (seed.pinnedAt ?? new Date()).toISOString();
    const pins = state.pinsOf(channelId);
    pins.push({ messageId: String(message.id), pinnedAt });
    pins.sort((a, b) => Date.parse(b.pinnedAt) - Date.parse(a.pinnedAt));
    message.pinned = true;
  }
  return message;
}

/** Seeds `count` pinned messages, newest first one second apart, ending one minute ago. */
export function seedPins(state: FakeState, channelId: string, count: number, authorId?: string): Json[] {
  const base = Date.now() - 60_000;
  return Array.from({ length: count }, (_, i) =>
    seedMessage(state, channelId, {
      content: `pinned #${i + 1}`,
      pinned: true,
      pinnedAt: new Date(base - i * 1000),
      ...(authorId ? { authorId } : {}),
    }),
  );
}

function authorOf(state: FakeState, id: string): Json {
  for (const guild of state.guilds.values()) {
    const member = guild.members.find((m) => (m.user as Json).id === id);
    if (member) return member.user as Json;
  }
  return userPayload(id, id === SEED_AUTHOR_ID ? 'moderator' : `user${id.slice(-4)}`);
}

import { describe, expect, it } from 'vitest';
import { ChannelOpError, type ChannelOps, type PostPayload } from '../../src/interactions/channel-ops.js';
import {
  classifyPostError,
  digestPayload,
  discordDigestPoster,
  pinAfterPost,
} from '../../src/discord/digest-poster.js';
import { PostError, type PostMeta } from '../../src/digest/poster.js';
import type { BriefingPins } from '../../src/interactions/briefing-pins.js';
import type { Digest } from '../../src/digest/types.js';
import { fakeWriter, newArticle } from '../digest/support.js';

const digest = {
  guildId: 'g1',
  id: 'morning',
  name: '@everyone Morning',
  channelId: 'c1',
  time: '08:00',
  timezone: 'Europe/Berlin',
  topic: 'climate',
  pin: true,
} as Digest;
const meta: PostMeta = {
  nonce: 'n0nce',
  late: true,
  localDate: '2026-03-29',
  scheduledAt: Date.parse('2026-03-29T06:00:00Z'),
};

function fakeOps(channelExists = true) {
  const posts: { channelId: string; payload: PostPayload; nonce: string }[] = [];
  const ops = {
    botUserId: 'bot',
    channel: (id: string) => (channelExists ? { id, guildId: 'g1', name: 'news', textBased: true } : null),
    post: async (channelId: string, payload: PostPayload, nonce: string) => (
      posts.push({ channelId, payload, nonce }),
      { messageId: 'm1' }
    ),
  } as unknown as ChannelOps;
  return { ops, posts };
}

describe('posting a digest to Discord', () => {
  it('sends the header and the briefing embed with the run’s nonce; names cannot ping', async () => {
    const { ops, posts } = fakeOps();
    const { write } = fakeWriter(() => Date.parse('2026-03-29T06:00:00Z'));
    const a = { ...newArticle(0, 'Harbour'), id: 1, contentHash: 'h', fetchedAt: 0 };
    const result = await write([a], { length: 'standard', topic: null, hours: 24 });
    await expect(
      discordDigestPoster(ops)(digest, { kind: 'briefing', result, stories: 1 }, meta),
    ).resolves.toEqual({ messageId: 'm1' });
    expect(posts[0]).toMatchObject({ channelId: 'c1', nonce: 'n0nce' });
    expect(posts[0]!.payload.content).toBe(
      '🗞️ **@\u200beveryone Morning** · Sunday 29 March · late: I was offline at 08:00',
    );
    expect(posts[0]!.payload.embeds).toHaveLength(1);
  });

  it('heads the briefing embed with the digest’s name, schedule, channel and what is new since when', async () => {
    const { write } = fakeWriter(() => Date.parse('2026-03-29T06:00:00Z'));
    const a = { ...newArticle(0, 'Harbour'), id: 1, contentHash: 'h', fetchedAt: 0 };
    const result = await write([a], { length: 'standard', topic: null, hours: 24 });
    const since = Date.parse('2026-03-28T06:00:00Z');
    const payload = digestPayload(digest, { kind: 'briefing', result, stories: 1, since }, meta);
    const embed = payload.embeds![0]!;
    expect(embed.author?.name).toBe('🗞️ @​everyone Morning · every day at 08:00 (Europe/Berlin)');
    expect(embed.description!.split('\n')[0]).toBe(
      `**New since <t:${since / 1000}:R>** in <#c1> · about “climate”`,
    );
  });

  it('the quiet-day note says since when, as a Discord timestamp', () => {
    const payload = digestPayload(
      { ...digest, name: 'Morning' },
      { kind: 'quiet', since: 1_774_700_000_000 },
      { ...meta, late: false },
    );
    expect(payload.content).toBe(
      '🗞️ **Morning** · Sunday 29 March\nQuiet day: nothing new about “climate” since <t:1774700000:f> (<t:1774700000:R>).',
    );
    expect(payload.embeds).toEqual([]);
  });

  it('a channel missing from the cache is gone while its server is available, transient during an outage', async () => {
    const { ops } = fakeOps(false);
    await expect(discordDigestPoster(ops)(digest, { kind: 'quiet', since: 0 }, meta)).rejects.toMatchObject({
      kind: 'gone',
    });
    await expect(
      discordDigestPoster(ops, { guildAvailable: () => false })(digest, { kind: 'quiet', since: 0 }, meta),
    ).rejects.toMatchObject({ kind: 'transient' });
  });

  it('pins after posting only digests set to pin, and reports a refused pin', async () => {
    const pinned: string[] = [];
    const pins = {
      pin: async (c: string, m: string) => (
        pinned.push(`${c}/${m}`),
        {
          pinned: m !== 'full',
          alreadyPinned: false,
          unpinned: 0,
          note: m === 'full' ? 'already has 250 pins' : null,
        }
      ),
    } as unknown as BriefingPins;
    const after = pinAfterPost(pins);
    await after(digest, 'm1');
    await after({ ...digest, pin: false }, 'm2');
    expect(pinned).toEqual(['c1/m1']);
    await expect(after(digest, 'full')).rejects.toThrow('already has 250 pins');
  });
});

describe('classifying a failed post by Discord’s codes', () => {
  const api = (code: number, status: number) => Object.assign(new Error(`Discord ${code}`), { code, status });
  it.each([
    [api(10003, 404), 'gone'],
    [api(0, 404), 'gone'],
    [api(50001, 403), 'forbidden'],
    [api(50013, 403), 'forbidden'],
    [api(0, 403), 'forbidden'],
    [api(50035, 400), 'permanent'],
    [api(0, 401), 'permanent'],
    [api(0, 429), 'transient'],
    [api(0, 503), 'transient'],
    [new Error('socket hang up'), 'transient'],
    [new ChannelOpError('unknown_channel', 'x'), 'gone'],
    [new ChannelOpError('no_access', 'x'), 'forbidden'],
    [new ChannelOpError('missing_permissions', 'x'), 'forbidden'],
    [new ChannelOpError('other', 'x'), 'transient'],
    [new PostError('permanent', 'x'), 'permanent'],
  ] as const)('%s -> %s', (err, kind) => {
    expect(classifyPostError(err).kind).toBe(kind);
  });
});

describe('classifyPostError through channel operations', () => {
  it('classifies Discord errors wrapped as ChannelOpError "other" by their own code and status', async () => {
    const { classifyPostError } = await import('../../src/discord/digest-poster.js');
    const { toChannelOpError } = await import('../../src/discord/discord-channel-ops.js');
    const { DiscordAPIError } = await import('discord.js');
    const api = (code: number, status: number) =>
      new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', '/channels/1/messages', {
        body: undefined,
        files: undefined,
      });
    expect(classifyPostError(toChannelOpError(api(50035, 400))).kind).toBe('permanent');
    expect(classifyPostError(toChannelOpError(api(0, 401))).kind).toBe('permanent');
    expect(classifyPostError(toChannelOpError(api(50083, 400))).kind).toBe('forbidden');
    expect(classifyPostError(toChannelOpError(api(0, 500))).kind).toBe('transient');
    expect(classifyPostError(toChannelOpError(api(10003, 404))).kind).toBe('gone');
  });
});

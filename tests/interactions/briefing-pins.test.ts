import { describe, expect, it } from 'vitest';
import { BriefingPins } from '../../src/interactions/briefing-pins.js';
import { nonceFor } from '../../src/nonce.js';
import { ChannelOpError, type ChannelOps, type PinnedMessage } from '../../src/interactions/channel-ops.js';
import { tm } from '../../src/i18n/index.js';
import { recordingLogger } from '../support/app-fixtures.js';

const BOT = 'bot';
const ALL = ((1n << 52n) - 1n) & ~(1n << 3n); // every bit but Administrator

/** An in-memory channel with pins, a 250-pin limit, and a log of calls. */
class MemoryChannel implements ChannelOps {
  readonly botUserId = BOT;
  pinsList: PinnedMessage[] = [];
  calls: string[] = [];
  perms: Record<string, bigint> = { bot: ALL, mod: ALL };
  private clock = 1000;
  channel(id: string) {
    return { id, guildId: 'g', name: 'c', textBased: true };
  }
  permissions(_c: string, who: string) {
    return this.perms[who] ?? 0n;
  }
  async post(_c: string, _p: unknown, nonce: string) {
    this.calls.push(`post:${nonce}`);
    return { messageId: `m-${nonce}` };
  }
  async pin(_c: string, messageId: string) {
    this.calls.push(`pin:${messageId}`);
    if (this.pinsList.length >= 250) throw new ChannelOpError('pin_limit', 'full');
    this.pinsList.unshift({ messageId, authorId: BOT, isBriefing: true, pinnedAt: ++this.clock });
  }
  async unpin(_c: string, messageId: string) {
    this.calls.push(`unpin:${messageId}`);
    this.pinsList = this.pinsList.filter((p) => p.messageId !== messageId);
  }
  async pins() {
    return [...this.pinsList];
  }
  seed(messageId: string, authorId: string, isBriefing: boolean) {
    this.pinsList.push({ messageId, authorId, isBriefing, pinnedAt: --this.clock });
  }
}

const logger = recordingLogger().logger;

describe('BriefingPins', () => {
  it('keeps the newest `keep` briefing pins of the bot and never touches others', async () => {
    const ch = new MemoryChannel();
    ch.seed('old1', BOT, true);
    ch.seed('old2', BOT, true);
    ch.seed('human', 'someone', false);
    const pins = new BriefingPins(ch, { keep: 2, logger });
    const out = await pins.pin('c', 'new');
    expect(out).toMatchObject({ pinned: true, unpinned: 1 });
    expect(ch.pinsList.map((p) => p.messageId).sort()).toEqual(['human', 'new', 'old1']);
  });

  it('makes room in a full channel by rotating its own old briefings first', async () => {
    const ch = new MemoryChannel();
    ch.seed('mine', BOT, true);
    for (let i = 0; i < 249; i++) ch.seed(`h${i}`, 'someone', false);
    const out = await new BriefingPins(ch, { keep: 1, logger }).pin('c', 'new');
    expect(out).toMatchObject({ pinned: true, unpinned: 1 });
    expect(ch.calls).toEqual(['pin:new', 'unpin:mine', 'pin:new']);
  });

  it('leaves the post unpinned in a channel full of other pins', async () => {
    const ch = new MemoryChannel();
    for (let i = 0; i < 250; i++) ch.seed(`h${i}`, 'someone', false);
    const out = await new BriefingPins(ch, { keep: 1, logger }).pin('c', 'new');
    expect(out.pinned).toBe(false);
    expect(tm('en', out.note!)).toMatch(/250 pins/);
  });

  it('serialises work per channel: concurrent pins of one message pin it once', async () => {
    const ch = new MemoryChannel();
    const pins = new BriefingPins(ch, { keep: 1, logger });
    const results = await Promise.all([pins.pin('c', 'x'), pins.pin('c', 'x'), pins.pin('c', 'x')]);
    expect(ch.calls.filter((c) => c === 'pin:x')).toHaveLength(1);
    expect(results.filter((r) => r.alreadyPinned)).toHaveLength(2);
  });

  it('derives a stable nonce of at most 25 characters', () => {
    expect(nonceFor('post:123')).toBe(nonceFor('post:123'));
    expect(nonceFor('post:123')).not.toBe(nonceFor('post:124'));
    expect(nonceFor('x'.repeat(500)).length).toBe(25);
  });

  it('names what is missing and for whom', () => {
    const ch = new MemoryChannel();
    const pins = new BriefingPins(ch, { keep: 1, logger });
    ch.perms.mod = 1n << 10n;
    expect(() =>
      pins.checkPermissions({
        channelId: 'c',
        memberId: 'mod',
        memberPermissions: null,
        interactionChannelId: 'other',
        pin: true,
        action: 'post briefings',
      }),
    ).toThrow('You need the Pin Messages permission in <#c> to post briefings.');
    ch.perms.mod = ALL;
    ch.perms.bot = ALL & ~(1n << 51n) & ~(1n << 14n);
    expect(() =>
      pins.checkPermissions({
        channelId: 'c',
        memberId: 'mod',
        memberPermissions: null,
        interactionChannelId: 'other',
        pin: true,
        action: 'post briefings',
      }),
    ).toThrow(/I'm missing Embed Links and Pin Messages in <#c>/);
  });
});

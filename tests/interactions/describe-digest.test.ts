import { describe, expect, it } from 'vitest';
import { lastRunText, overviewText } from '../../src/interactions/describe-digest.js';
import type { Digest, RunRecord } from '../../src/digest/types.js';

const digest: Digest = {
  guildId: 'g1',
  id: 'morning',
  name: 'Morning',
  channelId: 'c1',
  time: '08:00',
  timezone: 'Europe/Berlin',
  topic: null,
  length: 'short',
  pin: true,
  quietNote: false,
  locale: null,
  paused: null,
  createdBy: 'u',
  createdAt: 0,
  updatedAt: 0,
  scheduleFrom: 0,
  lastSuccessAt: null,
};
const run = (over: Partial<RunRecord>): RunRecord => ({
  guildId: 'g1',
  digestId: 'morning',
  localDate: '2026-03-29',
  scheduledAt: 0,
  status: 'posted',
  claimToken: 'x#1',
  claimedAt: 0,
  postStartedAt: 0,
  finishedAt: 0,
  messageId: null,
  channelId: 'c1',
  reason: null,
  retryable: false,
  late: false,
  attempts: 1,
  nonce: 'n',
  articleCount: 3,
  coveredUntil: 0,
  ...over,
});

describe('/digest list lines', () => {
  it('shows every kind of last result in words', () => {
    expect(lastRunText(null)).toBe('no run yet');
    expect(lastRunText(run({ messageId: 'm9', late: true }))).toBe(
      '2026-03-29 (late): posted https://discord.com/channels/g1/c1/m9',
    );
    expect(lastRunText(run({ status: 'nothing_new' }))).toBe('2026-03-29: nothing new');
    expect(lastRunText(run({ status: 'failed', reason: 'missing access: Missing Access' }))).toBe(
      '2026-03-29: failed: missing access: Missing Access',
    );
    expect(
      lastRunText(run({ status: 'skipped', reason: 'bot was down at 08:00, beyond the 2 h grace' })),
    ).toBe('2026-03-29: skipped: bot was down at 08:00, beyond the 2 h grace');
    expect(lastRunText(run({ status: 'uncertain', reason: 'the bot stopped while sending' }))).toContain(
      'uncertain: the bot stopped while sending',
    );
    expect(lastRunText(run({ status: 'claimed' }))).toBe('2026-03-29: running now');
  });

  it('shows a disabled digest with the reason and how to re-enable it, instead of a next run', () => {
    const text = overviewText({
      digest: { ...digest, paused: { reason: 'channel_gone', detail: 'Unknown Channel', at: 0 } },
      nextRun: null,
      lastRun: null,
    });
    expect(text).toContain(
      '**Morning** (`morning`): <#c1> · every day at 08:00 (Europe/Berlin) · all news · short · pinned',
    );
    expect(text).toContain(
      '⏸️ disabled: the channel is gone (Unknown Channel). Fix it, then `/digest resume morning`',
    );
    expect(text).not.toContain('Next:');
  });

  it('never lets a stored name or Discord text ping or format', () => {
    const text = overviewText({
      digest: { ...digest, name: '@everyone **bold**' },
      nextRun: { at: 1_774_764_000_000, localDate: '2026-03-29' },
      lastRun: run({ status: 'failed', reason: '<@123> `x`' }),
    });
    expect(text).not.toMatch(/@everyone|<@123>/);
    expect(text).toContain('Next: <t:1774764000:f> (<t:1774764000:R>)');
  });
});

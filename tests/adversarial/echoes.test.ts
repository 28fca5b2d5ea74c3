/** What a member typed, repeated in a reply, is plain visible text: no link, no mention, no Markdown, no escapes. */
import { describe, expect, it } from 'vitest';
import { normalizeTopic, selectArticles } from '../../src/briefing/select.js';
import { UserFacingError } from '../../src/errors.js';

const emptyButNotEmpty = { search: () => [], recent: () => [], count: () => 5 };

function noMatchReply(typed: string): string {
  const topic = normalizeTopic(typed);
  try {
    selectArticles(emptyButNotEmpty, { topic, hours: 24, limit: 8, now: Date.now() });
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return (err as Error).message;
  }
  throw new Error('expected no match');
}

describe('the "no stored articles match" reply', () => {
  it('repeats a plain topic as typed', () => {
    expect(noMatchReply('harbour strike')).toBe(
      'No stored articles match “harbour strike”. Try another word, or leave the topic out for the latest news.',
    );
  });

  it('drops links, breaks mentions, escapes Markdown and removes terminal escapes', () => {
    const reply = noMatchReply(
      '[free nitro](https://evil.example/x) **loud** @everyone <@123456789012345678> \u001b[31mred\u001b[0m',
    );
    expect(reply).not.toMatch(/https?:|evil\.example|\u001b|\[31m/);
    expect(reply).not.toContain('@everyone');
    expect(reply).not.toMatch(/<@\d+>/);
    expect(reply).toContain('free nitro');
    expect(reply).toContain('\\*\\*loud\\*\\*');
    expect(reply).toContain('red');
  });
});

import { describe, expect, it } from 'vitest';
import { neutralizeMentions, sanitizeText, stripInvisible, stripLinks } from '../../src/briefing/sanitize.js';
import { normalizeTopic } from '../../src/briefing/select.js';

describe('sanitizeText', () => {
  it.each([
    ['@everyone look', '@\u200beveryone look'],
    ['hi @here!', 'hi @\u200bhere!'],
    ['ping <@123456789012345678> and <@!123456789012345678>', 'ping @someone and @someone'],
    ['role <@&123456789012345678>', 'role @someone'],
    ['channel <#123456789012345678>', 'channel #channel'],
    ['short ids <@&987654321> <@1> <@!42> <#7>', 'short ids @someone @someone @someone #channel'],
    ['command </news:123> and </digest add:9>', 'command /command and /command'],
  ])('neutralises mentions in %j', (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });

  it('a zero-width space cannot be used to smuggle a mention through', () => {
    expect(sanitizeText('@\u200beveryone')).toBe('@\u200beveryone');
    expect(sanitizeText('@\u200deveryone and @every\u200bone')).not.toMatch(/@everyone/);
  });

  it.each([
    'Read https://evil.example/phish now.',
    'Read [this](https://evil.example/x) now.',
    'Read <https://evil.example/x> now.',
    'Read www.evil.example/x now.',
    'Join discord.gg/abcdef now.',
    'Read evil.example/steal now.',
    'Read hxxps://evil.example/x now.',
    'Read evil[.]example now.',
  ])('removes links from %j', (input) => {
    const out = sanitizeText(input);
    expect(out).not.toMatch(/evil|discord\.gg|h[tx]{2}ps?:/);
    expect(out.startsWith('Read') || out.startsWith('Join')).toBe(true);
    expect(out.endsWith('now.')).toBe(true);
  });

  it('keeps the text of masked links and ordinary sentences intact', () => {
    expect(stripLinks('See [the report](https://x.example/r) today.')).toBe('See the report today.');
    expect(sanitizeText('The U.S. will keep 2,500 troops in Iraq.')).toBe(
      'The U.S. will keep 2,500 troops in Iraq.',
    );
  });

  it('drops control characters and bidi overrides', () => {
    expect(sanitizeText('a\u202eb\u0007c\u001b[31m')).toBe('abc');
  });
});

describe('terminal escapes and control characters in what members type', () => {
  it('removes whole escape sequences (colours, cursor moves, OSC links), not just the ESC byte', () => {
    expect(
      stripInvisible('a\u001b[31mred\u001b[0m b\u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007'),
    ).toBe('ared blink');
  });

  it('normalizes a topic to plain visible text', () => {
    expect(normalizeTopic('  \u001b[1mIraq\u001b[0m\u202e \u0000war  ')).toBe('Iraq war');
    expect(normalizeTopic('\u001b[0m\u200b')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isBriefingEmbed } from '../../src/discord/discord-channel-ops.js';

describe('isBriefingEmbed', () => {
  it('knows the footer of today’s briefings and of those posted by earlier versions', () => {
    expect(isBriefingEmbed({ footer: { text: '3 of 10 articles cited · Example · 1 Jan 2026 · m' } })).toBe(
      true,
    );
    expect(isBriefingEmbed({ footer: { text: '1 of 1 article cited · Example · 1 Jan 2026 · m' } })).toBe(
      true,
    );
    expect(isBriefingEmbed({ footer: { text: '3 articles · Example · 1 Jan 2026 · gpt-4o-mini' } })).toBe(
      true,
    );
    expect(isBriefingEmbed({ footer: { text: 'Daily digest' } })).toBe(false);
  });
});

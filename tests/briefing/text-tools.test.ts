import { describe, expect, it } from 'vitest';
import { splitSentences, truncateText } from '../../src/briefing/text-tools.js';

describe('splitSentences', () => {
  it('does not break after initials and common abbreviations', () => {
    expect(splitSentences('The U.S. Senate agreed. Mr. Smith and George W. Bush signed it. Done.')).toEqual([
      'The U.S. Senate agreed.',
      'Mr. Smith and George W. Bush signed it.',
      'Done.',
    ]);
  });

  it('ends a sentence after an initialism when a sentence opener follows', () => {
    expect(splitSentences('He lives in the U.S. The law helps. Mr. Smith met Gen. Jones.')).toEqual([
      'He lives in the U.S.',
      'The law helps.',
      'Mr. Smith met Gen. Jones.',
    ]);
  });

  it('keeps paragraphs apart', () => {
    expect(splitSentences('One two\n\nThree four.')).toEqual(['One two', 'Three four.']);
  });
});

describe('truncateText', () => {
  it('returns short text unchanged', () => {
    expect(truncateText('Short.', 10)).toBe('Short.');
  });

  it('cuts at a sentence end when one is near the limit, never after an abbreviation', () => {
    const text =
      'First sentence is here. The bill passed the U.S. House and the U.S. Senate on a voice vote today.';
    expect(truncateText(text, 38)).toBe('First sentence is here.');
    const cut = truncateText(
      'Passed in the U.S. House of Representatives and the U.S. Senate on a voice vote.',
      60,
    );
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/U\.S\.$/);
  });

  it('never cuts a word in half', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda';
    for (let max = 8; max < text.length; max++) {
      const cut = truncateText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const words = cut.replace(/…$/, '').split(' ');
      for (const w of words) expect(text.split(' ')).toContain(w);
    }
  });
});

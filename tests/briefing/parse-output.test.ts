import { describe, expect, it } from 'vitest';
import { parseBriefingOutput } from '../../src/briefing/parse-output.js';

describe('parseBriefingOutput', () => {
  it('reads the JSON the prompt asks for', () => {
    const out = parseBriefingOutput('{"headline":"H","bullets":[{"text":"A.","sources":[1,2]}]}');
    expect(out).toEqual({ headline: 'H', bullets: [{ text: 'A.', sources: [1, 2] }] });
  });

  it('tolerates code fences, chatter, trailing commas and ids written as strings', () => {
    const out = parseBriefingOutput(
      'Sure!\n```json\n{"headline":"H","bullets":[{"text":"A.","sources":["1","[2]"]},],}\n```\nBye',
    );
    expect(out?.bullets[0]?.sources).toEqual([1, 2]);
  });

  it('accepts alternative key names and bullets written as strings with [n] citations', () => {
    expect(parseBriefingOutput('{"title":"T","points":[{"bullet":"B.","citations":[3]}]}')).toEqual({
      headline: 'T',
      bullets: [{ text: 'B.', sources: [3] }],
    });
    expect(
      parseBriefingOutput('{"headline":"T","bullets":["Troops leave [1][2]."]}')?.bullets[0]?.sources,
    ).toEqual([1, 2]);
  });

  it.each([
    'not json at all',
    '{"headline": "x", "bullets": [{"text": "unterminated',
    '{"headline":"H","bullets":[]}',
    '{"headline":"H","bullets":"nope"}',
  ])('returns null for unusable output %j', (text) => {
    expect(parseBriefingOutput(text)).toBeNull();
  });
});

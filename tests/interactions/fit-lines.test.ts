import { describe, expect, it } from 'vitest';
import { fitLines } from '../../src/interactions/fit-lines.js';

describe('fitLines', () => {
  it('keeps everything that fits', () => {
    expect(fitLines(['a', 'b'], ' (end)', 100)).toBe('a\nb (end)');
  });

  it('says how many lines were left out, and stays within the limit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `feed ${i} ${'x'.repeat(80)}`);
    const out = fitLines(lines, '\n(footer)', 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    const shown = out.split('\n').filter((l) => l.startsWith('feed ')).length;
    expect(out).toContain(`…and ${50 - shown} more\n(footer)`);
    expect(shown).toBeGreaterThan(10);
  });
});

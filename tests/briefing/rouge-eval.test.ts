import { describe, expect, it } from 'vitest';
import { rougeRows } from '../../bench/eval-rouge.js';
import { rougeRecall, stem } from '../../bench/rouge.js';

describe('ROUGE-N recall', () => {
  it('counts clipped n-gram overlap against each reference and averages', () => {
    expect(rougeRecall('the cat sat', ['the cat sat on the mat'], 1)).toBeCloseTo(3 / 6);
    expect(rougeRecall('the the the', ['the cat the'], 1)).toBeCloseTo(2 / 3);
    expect(rougeRecall('the cat sat', ['the cat sat', 'a dog ran'], 2)).toBeCloseTo(0.5);
    expect(rougeRecall('rescued', ['rescues'], 1)).toBe(0);
    expect(rougeRecall('rescued', ['rescues'], 1, { stem: true })).toBe(1);
    expect(stem('donations')).toBe('donation');
  });
});

describe('the extractive writer on WikiNews M000 and M001', () => {
  it('scores at least the length-matched lead baseline on ROUGE-2 recall', () => {
    for (const row of rougeRows())
      expect(row.writer[1], `${row.cluster} ${row.run}`).toBeGreaterThanOrEqual(row.lead[1]);
  });
});

import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/briefing/llm-client.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it.each([
    [{ 'retry-after': '59' }, 59_000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '250', 'retry-after': '59' }, 250],
    [{ 'retry-after': 'Wed, 02 Dec 2026 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Wed, 02 Dec 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, null],
    [{}, null],
  ])('reads %j as %s ms', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });
});

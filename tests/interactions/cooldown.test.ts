import { describe, expect, it } from 'vitest';
import { MemberCooldown } from '../../src/interactions/cooldown.js';

describe('the /news cooldown', () => {
  // The same rules on Redis, shared by processes: tests/cache/redis-counters.test.ts.
  it('lets a member save up three turns; a new briefing takes one, a cached one a quarter', () => {
    let now = 0;
    const cooldown = new MemberCooldown({ refillMs: 30_000, now: () => now });
    cooldown.check('m');
    cooldown.charge('m', true);
    cooldown.check('m');
    cooldown.charge('m', true);
    for (let i = 0; i < 4; i++) {
      cooldown.check('m');
      cooldown.charge('m', false);
    }
    expect(cooldown.turns('m')).toBe(0);
    expect(() => cooldown.check('m')).toThrow(/Your next \/news is ready in 8 s\./);
    expect(() => cooldown.check('someone else')).not.toThrow();
    now += 7_500;
    expect(() => cooldown.check('m')).not.toThrow();
    now += 10 * 30_000;
    expect(cooldown.turns('m')).toBe(3);
  });

  it('takes the quarter turn at the check, so requests sent at once cannot all pass on the same turns', () => {
    const cooldown = new MemberCooldown({ refillMs: 30_000, now: () => 0 });
    for (let i = 0; i < 12; i++) cooldown.check('m');
    expect(() => cooldown.check('m')).toThrow(/ready in/);
  });

  it('is off at 0', () => {
    const cooldown = new MemberCooldown({ refillMs: 0 });
    for (let i = 0; i < 100; i++) cooldown.charge('m', true);
    expect(() => cooldown.check('m')).not.toThrow();
  });
});

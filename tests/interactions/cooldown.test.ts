import { describe, expect, it } from 'vitest';
import { MemberCooldown } from '../../src/interactions/cooldown.js';

describe('the /news cooldown', () => {
  it('lets a member save up three turns; a new briefing takes one, a cached one a quarter', () => {
    let now = 0;
    const cooldown = new MemberCooldown({ refillMs: 30_000, now: () => now });
    cooldown.check('m');
    cooldown.charge('m', true);
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

  it('is off at 0', () => {
    const cooldown = new MemberCooldown({ refillMs: 0 });
    for (let i = 0; i < 100; i++) cooldown.charge('m', true);
    expect(() => cooldown.check('m')).not.toThrow();
  });
});

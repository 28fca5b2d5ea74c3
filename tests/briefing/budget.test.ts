import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { budgetReason, estimateTokens, LlmBudget, nextUtcMidnight } from '../../src/briefing/budget.js';
import { LlmUsageLedger } from '../../src/briefing/llm-usage.js';

const AT = Date.parse('2026-12-02T21:30:00Z');

describe('LLM token budgets', () => {
  it('estimates a prompt on the safe side: Latin text at 3 characters a token, other scripts a token a character', () => {
    const english = 'The council approved the harbour budget on Monday. '.repeat(20);
    expect(estimateTokens([{ role: 'user', content: english }])).toBe(Math.ceil(english.length / 3) + 4);
    const japanese = '東京都は月曜日に港の予算を承認した。';
    expect(estimateTokens([{ role: 'user', content: japanese }])).toBe(japanese.length + 4);
  });

  it("refuses a call that would pass a server's or the bot's day, and says when it resets", async () => {
    const ledger = new LlmUsageLedger(openDatabase(':memory:'));
    const budget = new LlmBudget(ledger, { perServer: 1_000, total: 5_000 });
    expect(await budget.check('g1', 900, AT)).toEqual({ ok: true });
    ledger.record(AT, true, { input: 700, output: 100 });
    budget.charge('g1', { input: 700, output: 100 }, AT);
    expect(await budget.check('g1', 300, AT)).toMatchObject({
      ok: false,
      scope: 'server',
      used: 800,
      limit: 1_000,
    });
    expect(await budget.check('g2', 300, AT)).toEqual({ ok: true });
    expect(await budget.check(null, 4_300, AT)).toMatchObject({ ok: false, scope: 'bot', used: 800 });
    // A new UTC day starts from zero.
    expect(await budget.check('g1', 300, nextUtcMidnight(AT))).toEqual({ ok: true });
    const verdict = await budget.check('g1', 300, AT);
    if (verdict.ok) throw new Error('expected a refusal');
    expect(budgetReason(verdict, AT)).toBe(
      "this server's daily language-model budget is used up; it resets at 00:00 UTC, in 2 h 30 min",
    );
  });

  it('is unlimited without settings', async () => {
    const budget = new LlmBudget(new LlmUsageLedger(openDatabase(':memory:')), {
      perServer: null,
      total: null,
    });
    expect(budget.limited).toBe(false);
    expect(await budget.check('g1', 1e12, AT)).toEqual({ ok: true });
  });
});

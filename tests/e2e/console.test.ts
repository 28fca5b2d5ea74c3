import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnBot } from '../support/bot-process.js';

describe('npm start with nothing configured: the local console', () => {
  it('imports the samples on first start and prints a cited, boilerplate-free briefing for piped commands, then exits 0', async () => {
    const bot = spawnBot(
      ['start'],
      { LOG_LEVEL: '' },
      { stdin: '/news topic:iraq\n/news topic:tsunami hours:48 length:short\n' },
    );
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    const [iraq, tsunami] = out.split(/\n(?=\S[^\n]*\n=+\n)/);
    expect(iraq).toMatch(/combat mission in Iraq/);
    expect(iraq).toMatch(/• .+ \[1\]/);
    expect(iraq).toMatch(/\nSources\n\[1\] .*Iraq/);
    expect(iraq).toMatch(
      /-- \d+ of \d+ articles? cited · .* · extractive summary: no language model is configured/,
    );
    expect(tsunami).toMatch(/\[1\].*tsunami/i);
    expect(out).not.toMatch(/READ MORE|Leave a Reply|Required fields|email address will not be published/i);
    expect(bot.stderr()).toMatch(/21 sample articles imported/);
    expect(bot.stderr()).toMatch(/DISCORD_TOKEN/);
  });

  it('/news topic:iraq cites only articles about Iraq (no tsunami-aid story); /news is headed by its window', async () => {
    const bot = spawnBot(['console'], {}, { stdin: '/news topic:iraq\n/news topic:Iraqi\n/news\n' });
    expect(await bot.exited).toBe(0);
    const [iraq, iraqi, top] = bot.stdout().split(/\n(?=\S[^\n]*\n=+\n)/);
    for (const answer of [iraq!, iraqi!]) {
      const sources = answer.slice(answer.indexOf('\nSources\n'));
      expect(sources).toMatch(/\[1\] .*Iraq/);
      expect(sources).not.toMatch(/tsunami|relief|aid|donat/i);
      expect(answer).not.toMatch(/tsunami/i);
    }
    // Nothing in the samples is from the last 24 hours: the window was widened to their dates.
    expect(top).toMatch(/^Top stories, \d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}\n/);
  });

  it('gives the same messages a Discord member would get for bad input, and keeps going', async () => {
    const lines = [
      '/nope',
      '/news hours:zero',
      '/news colour:red',
      '/news topic:zzqqx',
      'news topic:iraq',
      '/news length:short topic:"U.S. troops"',
    ];
    const bot = spawnBot(['console'], {}, { stdin: `${lines.join('\n')}\n` });
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    expect(out).toMatch(/! Unknown command \/nope\. Commands: (\/[a-z]+, )+\/[a-z]+\./);
    expect(out).toMatch(/Commands: .*\/news/);
    // The same text as in Discord, its markup rendered for a terminal (no backticks).
    expect(out).toMatch(/! Option hours of \/news must be a whole number\./);
    expect(out).toMatch(/! \/news has no option colour\. Its options: topic, hours, length, private\./);
    expect(out).not.toMatch(/`/);
    expect(out).toMatch(/! No stored articles match “zzqqx”/);
    expect(out).toMatch(/! Commands start with a slash/);
    expect(out).toMatch(/\[1\] .*Iraq/);
  });

  it('refuses a bad setting with every problem listed and no secret value', async () => {
    const bot = spawnBot(['start'], {
      CACHE_URL: 'postgres://user:pw-secret@db',
      LLM_MAX_RETRIES: '99',
      DISCORD_GUILD_ID: 'x',
    });
    expect(await bot.exited).toBe(2);
    const err = bot.stderr();
    expect(err).toMatch(/CACHE_URL must start with memory:\/\//);
    expect(err).toMatch(/LLM_MAX_RETRIES must be a whole number from 0 to 5/);
    expect(err).toMatch(/DISCORD_GUILD_ID must be a Discord id/);
    expect(err).not.toContain('pw-secret');
  });

  it('checks the files, folders and URLs its settings name in the same report: exit 2, no stack trace', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-settings-'));
    writeFileSync(path.join(cwd, 'data'), 'a file where the data folder should be');
    const bot = spawnBot(
      ['start'],
      { FEEDS_FILE: 'no-such-feeds.json', CACHE_URL: 'redis://:hunter2@cache:notaport' },
      { cwd },
    );
    expect(await bot.exited).toBe(2);
    const err = bot.stderr();
    expect(err).toContain(`DATA_DIR names a file, not a folder: ${path.join(cwd, 'data')}`);
    expect(err).toContain(
      `FEEDS_FILE names a file that does not exist: ${path.join(cwd, 'no-such-feeds.json')}`,
    );
    expect(err).toMatch(/CACHE_URL is not a valid Redis URL/);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).not.toContain('hunter2');
  });

  it('runs without a cache, with one warning, when CACHE_URL names a file that is not a database', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-settings-'));
    writeFileSync(path.join(cwd, 'notes.txt'), 'not a database\n'.repeat(100));
    const bot = spawnBot(
      ['console'],
      { CACHE_URL: `sqlite://${path.join(cwd, 'notes.txt')}` },
      { cwd, stdin: '/news\n' },
    );
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toMatch(/\[1\]/);
    expect(bot.stderr().match(/cache store cannot be used/g)).toHaveLength(1);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseDuration, secretValues } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set: console, extractive, sqlite cache under ./data', () => {
    const c = loadConfig({}, '/srv/bot');
    expect(c.discord.token).toBeUndefined();
    expect(c.llm).toBeNull();
    expect(c.cache).toEqual({ url: 'sqlite://', ttlMs: 6 * 3_600_000, opTimeoutMs: 250 });
    expect(c.databasePath).toBe('/srv/bot/data/newsdesk.db');
  });

  it('treats empty values (as copied from .env.example) as unset', () => {
    expect(() => loadConfig({ LOG_LEVEL: '', LLM_RESPONSE_FORMAT: ' ', DISCORD_TOKEN: '' })).not.toThrow();
  });

  it('configures any OpenAI-compatible endpoint, with or without a key', () => {
    const c = loadConfig({
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'llama3.1',
      LLM_TIMEOUT: '90s',
      LLM_MAX_RETRIES: '0',
    });
    expect(c.llm).toMatchObject({
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.1',
      timeoutMs: 90_000,
      maxRetries: 0,
      maxTokens: 1_000,
      apiKey: undefined,
    });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', LLM_MAX_TOKENS: '600' }).llm?.maxTokens).toBe(600);
    expect(() => loadConfig({ OPENAI_API_KEY: 'sk-x', LLM_MAX_TOKENS: '5' })).toThrow(/LLM_MAX_TOKENS/);
  });

  it('reports every bad key at once, with what to do, and never the values', () => {
    const secret = 'sk-very-secret-value';
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DISCORD_TOKEN: secret,
        DISCORD_GUILD_ID: 'abc',
        OPENAI_BASE_URL: 'localhost:11434',
        CACHE_URL: 'postgres://x',
        CACHE_TTL: 'forever',
        LOG_LEVEL: 'loud',
        OPENAI_API_KEY: secret,
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = error!.problems.map((p) => p.split(' ')[0]).sort();
    expect(keys).toEqual([
      'CACHE_TTL',
      'CACHE_URL',
      'DISCORD_GUILD_ID',
      'DISCORD_TOKEN',
      'LOG_LEVEL',
      'OPENAI_BASE_URL',
    ]);
    expect(error!.message).not.toContain(secret);
    expect(error!.problems.find((p) => p.startsWith('LOG_LEVEL'))).toMatch(/info/);
  });

  it('lists a percent-encoded password in both forms, and user info in the LLM URL', () => {
    const c = loadConfig({
      CACHE_URL: 'redis://:p%40ss%22word@localhost:6379',
      OPENAI_BASE_URL: 'https://user:llm-secret@llm.example/v1',
    });
    expect(secretValues(c)).toEqual(expect.arrayContaining(['p%40ss%22word', 'p@ss"word', 'llm-secret']));
  });

  it('scrubs a secret from log lines even where JSON escapes it', async () => {
    const { createLogger } = await import('../src/logger.js');
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: ['p@ss"word'], write: (l) => void lines.push(l) });
    logger.info({ detail: 'connect failed for p@ss"word' }, 'oops');
    expect(lines.join('')).not.toContain('ss\\"word');
    expect(lines.join('')).toContain('[redacted]');
  });

  it('serves health checks only when HEALTH_PORT is set, on 127.0.0.1 unless HEALTH_HOST says otherwise', () => {
    expect(loadConfig({}).health).toBeNull();
    expect(loadConfig({ HEALTH_PORT: '' }).health).toBeNull();
    expect(loadConfig({ HEALTH_PORT: '9464' }).health).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0' }).health?.host).toBe('0.0.0.0');
    expect(loadConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '::1' }).health?.host).toBe('::1');
    expect(loadConfig({ HEALTH_PORT: '1', HEALTH_HOST: 'health.internal' }).health?.host).toBe(
      'health.internal',
    );
  });

  it('reports a bad HEALTH_PORT, HEALTH_HOST and LOG_PRETTY with what to write instead', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ HEALTH_PORT: '70000', HEALTH_HOST: 'http://0.0.0.0:9464', LOG_PRETTY: 'maybe' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      'LOG_PRETTY must be 1 (on) or 0 (off); true/false and yes/no work too',
      'HEALTH_PORT must be a whole number from 1 to 65535, or empty (off)',
      expect.stringMatching(
        /^HEALTH_HOST must be a host name or IP address to listen on \(no scheme or port\)/,
      ),
    ]);
    expect(() => loadConfig({ HEALTH_PORT: '0' })).toThrow(/HEALTH_PORT/);
    expect(() => loadConfig({ HEALTH_PORT: '80.5' })).toThrow(/HEALTH_PORT/);
  });

  it('reads LOG_PRETTY as a switch, off by default', () => {
    expect(loadConfig({}).logPretty).toBe(false);
    for (const on of ['1', 'true', 'YES', 'on']) expect(loadConfig({ LOG_PRETTY: on }).logPretty).toBe(true);
    for (const off of ['0', 'false', 'no', 'off'])
      expect(loadConfig({ LOG_PRETTY: off }).logPretty).toBe(false);
  });

  it('writes readable lines with LOG_PRETTY, still without secrets', async () => {
    const { createLogger } = await import('../src/logger.js');
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: ['sk-pretty-secret'],
      pretty: true,
      write: (l) => void lines.push(l),
    });
    logger.info({ guilds: 2, key: 'sk-pretty-secret' }, 'connected to Discord as bot in 2 servers');
    const text = lines.join('');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: connected to Discord as bot in 2 servers\n/);
    expect(text).toContain('guilds: 2');
    expect(text).not.toContain('sk-pretty-secret');
    expect(text).not.toMatch(/^\{/);
  });

  it('lists the secrets to scrub, including a Redis password', () => {
    const c = loadConfig({
      DISCORD_TOKEN: TOKEN,
      OPENAI_API_KEY: 'sk-abcdef',
      CACHE_URL: 'redis://user:hunter22@localhost:6379',
    });
    expect(secretValues(c).sort()).toEqual([TOKEN, 'hunter22', 'sk-abcdef'].sort());
  });
});

describe('loadConfig checks the files and folders it names (checkFiles, as the CLI does)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function problems(env: Record<string, string>): string[] {
    try {
      loadConfig(env, root, { checkFiles: true });
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
  }

  it('accepts a DATA_DIR to be created and an existing FEEDS_FILE', () => {
    writeFileSync(path.join(root, 'feeds.json'), '{"feeds": []}');
    expect(problems({ DATA_DIR: 'new/data', FEEDS_FILE: 'feeds.json' })).toEqual([]);
    expect(loadConfig({ FEEDS_FILE: 'feeds.json' }, root).ingest.feedsFile).toBe(
      path.join(root, 'feeds.json'),
    );
  });

  it('reports a DATA_DIR that is a file, a missing FEEDS_FILE and a bad Redis URL together, without values', () => {
    writeFileSync(path.join(root, 'a-file'), 'x');
    const found = problems({
      DATA_DIR: 'a-file',
      FEEDS_FILE: 'missing.json',
      CACHE_URL: 'redis://:hunter2@host:notaport',
    });
    expect(found).toEqual([
      expect.stringMatching(/^CACHE_URL is not a valid Redis URL/),
      `DATA_DIR names a file, not a folder: ${path.join(root, 'a-file')}`,
      `FEEDS_FILE names a file that does not exist: ${path.join(root, 'missing.json')}`,
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('reports a DATA_DIR under a file, and a FEEDS_FILE that is a folder', () => {
    writeFileSync(path.join(root, 'plain'), 'x');
    mkdirSync(path.join(root, 'a-folder'), { recursive: true });
    expect(problems({ DATA_DIR: 'plain/data', FEEDS_FILE: 'a-folder' })).toEqual([
      expect.stringMatching(/^DATA_DIR .*plain\/data does not exist and cannot be created in /),
      `FEEDS_FILE is not a regular file: ${path.join(root, 'a-folder')}`,
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a DATA_DIR this user cannot write', () => {
    const locked = path.join(root, 'locked');
    mkdirSync(locked, { recursive: true });
    chmodSync(locked, 0o500);
    expect(problems({ DATA_DIR: 'locked' })).toEqual([`DATA_DIR is not writable by this user: ${locked}`]);
    chmodSync(locked, 0o700);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['250ms', 250],
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['2d', 172_800_000],
    ['soon', null],
  ])('%s -> %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('SHARDS: auto or a number starts the shard manager; unset is one process; a shard reads its own id', () => {
    expect(loadConfig({}).sharding).toBeNull();
    expect(loadConfig({ SHARDS: 'auto' }).sharding).toEqual({ shards: 'auto', spawnDelayMs: 5_500 });
    expect(loadConfig({ SHARDS: '4', SHARD_SPAWN_DELAY: '6s' }).sharding).toEqual({
      shards: 4,
      spawnDelayMs: 6_000,
    });
    expect(() => loadConfig({ SHARDS: '0' })).toThrow(
      /SHARDS must be auto or a number of shards from 1 to 4096/,
    );
    expect(() => loadConfig({ SHARDS: 'many' })).toThrow(/SHARDS must be auto/);
    // In a shard process discord.js's manager sets SHARDS to the shard's id: health port HEALTH_PORT + id.
    const shard = loadConfig({
      SHARDING_MANAGER: 'true',
      SHARDS: '1',
      SHARD_COUNT: '2',
      HEALTH_PORT: '9464',
    });
    expect(shard.shard).toEqual({ id: 1, count: 2 });
    expect(shard.sharding).toBeNull();
    expect(shard.health?.port).toBe(9465);
  });
});

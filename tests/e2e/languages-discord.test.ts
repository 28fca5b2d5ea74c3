import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDiscordConnection, type DiscordConnection } from '../../src/discord/connect.js';
import { CATALOGUES, type Catalogue } from '../../src/i18n/index.js';
import { isSlashCommand } from '../../src/interactions/command.js';
import { FakeClock } from '../digest/support.js';
import {
  EVERYONE_PERMISSIONS,
  Perm,
  opt,
  startFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
} from '../support/fake-discord/index.js';
import { finalReply } from '../support/final-reply.js';
import { fakeToken } from '../support/bot-process.js';
import { recordingLogger } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

const APP_ID = '1360000000000000001';
const GUILD_ID = '1360000000000000002';
const GENERAL = '1360000000000000003';
const DIGESTS = '1360000000000000004';
const TOKEN = fakeToken(APP_ID);
const ADMIN = EVERYONE_PERMISSIONS | Perm.MANAGE_GUILD;
const MOD = EVERYONE_PERMISSIONS | Perm.PIN_MESSAGES;

/** The stored articles: their titles and source names are shown as they are, in any language. */
const ARTICLES = [
  {
    slug: 'quay',
    source: 'Coast Gazette',
    title: 'New quay opens at the harbour',
    body: 'The new quay at the harbour opened on Friday morning, the port authority said. Ferries will use it from April on weekdays.',
  },
  {
    slug: 'council',
    source: 'Harbour Herald',
    title: 'Council votes for harbour repairs',
    body: 'The town council voted 9 to 2 on Thursday to repair the harbour wall. Work begins in May and takes two years.',
  },
  {
    slug: 'festival',
    source: 'Coast Gazette',
    title: 'Fish festival draws a crowd',
    body: 'About 4,000 people came to the fish festival on the quay on Thursday evening. The organisers plan a second day next year.',
  },
];

let discord: FakeDiscord;
let llm: FakeLlm;
let app: App;
let connection: DiscordConnection | undefined;
const clock = new FakeClock('2026-03-27T06:30:00Z');
const log = recordingLogger('info');

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Salle de presse',
        locale: 'fr',
        channels: [
          { id: GENERAL, name: 'general' },
          { id: DIGESTS, name: 'digests' },
        ],
      },
    ],
  });
  const config = loadConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'newsdesk-languages-')),
    CACHE_URL: 'memory://',
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: 'sk-languages-test',
    OPENAI_MODEL: 'fake-model',
    LLM_TIMEOUT: '5s',
    LLM_MAX_RETRIES: '0',
    NEWS_COOLDOWN: '0',
    BRIEFING_PINS_KEEP: '1',
  });
  connection = createDiscordConnection({
    token: TOKEN,
    apiUrl: discord.restUrl,
    logger: log.logger,
    pinsKeep: config.pinsKeep,
  });
  app = await createApp(config, log.logger, { now: clock.now, digestTimers: clock, transport: connection });
  for (const [i, a] of ARTICLES.entries())
    app.store.upsert({
      url: `https://news.example/${a.slug}`,
      source: a.source,
      title: a.title,
      byline: null,
      publishedAt: Date.parse('2026-03-27T05:00:00Z') - i * 60_000,
      imageUrl: null,
      body: a.body,
    });
  await connection.connect(app);
}, 30_000);

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await connection?.stop();
  await (app as App | undefined)?.close();
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
});

beforeEach(() => llm.set({}));

interface Embed {
  author?: { name: string };
  title: string;
  description: string;
  fields: { name: string; value: string }[];
  footer: { text: string };
}
interface Body {
  content?: string;
  flags?: number;
  embeds?: Embed[];
  components?: { components: { label?: string }[] }[];
}

const words = (text: string) => text.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
const texts = (c: Catalogue) =>
  (Object.values(c) as (string | Record<string, string>)[]).flatMap((v) =>
    typeof v === 'string' ? [v] : Object.values(v),
  );

/**
 * English words of the English catalogue that a reader of `language` should never see: every word of
 * four letters or more in the English texts, except those its own catalogue uses too ("Discord",
 * "Cache", "standard") and those of the articles (titles and source names are shown as they are).
 */
function englishOnly(language: keyof typeof CATALOGUES): Set<string> {
  const own = new Set(texts(CATALOGUES[language]).flatMap(words));
  const articles = new Set(ARTICLES.flatMap((a) => words(`${a.title} ${a.source} ${a.body}`)));
  return new Set(
    texts(CATALOGUES.en)
      .flatMap(words)
      .filter((w) => !own.has(w) && !articles.has(w)),
  );
}

/**
 * Every string of a briefing message a reader sees beside the article text: the line above it, the
 * title when it is the bot's own, the notice (not the bullets, which the LLM writes in the language
 * asked for), field names, source lines without the article titles, footer and button labels.
 */
function chrome(body: Body, { title }: { title: boolean }): string[] {
  const embed = body.embeds![0]!;
  return [
    body.content ?? '',
    embed.author?.name ?? '',
    title ? embed.title : '',
    ...embed.description.split('\n').filter((l) => !l.startsWith('• ')),
    ...embed.fields.flatMap((f) => [f.name, f.value.replace(/\[[^\]]*\]\([^)]*\)/g, '')]),
    embed.footer.text,
    ...(body.components ?? []).flatMap((row) => row.components.map((c) => c.label ?? '')),
  ].filter(Boolean);
}

function expectNoEnglish(strings: string[], language: keyof typeof CATALOGUES): void {
  const forbidden = englishOnly(language);
  const found = strings.flatMap((s) =>
    words(s)
      .filter((w) => forbidden.has(w))
      .map((w) => `${w} in “${s}”`),
  );
  expect(found).toEqual([]);
}

/** The language the LLM was last asked to write a briefing in ("Write in German."). */
function lastLanguageAsked(): string | undefined {
  const briefings = llm.requests.filter((r) => JSON.stringify(r.body).includes('Write in '));
  return /Write in ([A-Za-z]+)\./.exec(JSON.stringify(briefings.at(-1)?.body))?.[1];
}

async function run(
  name: string,
  values: Record<string, unknown>,
  o: { subcommand?: string; locale?: string; memberPermissions?: bigint } = {},
) {
  const sent = discord.command(name, values as never, { guildId: GUILD_ID, channelId: GENERAL, ...o });
  const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
  return { sent, final, body: final.body as Body };
}

const channelPosts = (channelId: string, since = 0): RecordedRequest[] =>
  discord.requests.filter(
    (r) => r.at >= since && r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
  );

describe('languages through the fake Discord', () => {
  it('gives a member with locale de a private /news whose every visible string is German', async () => {
    const { sent, body } = await run('news', { private: true }, { locale: 'de' });
    const callback = discord.requestsFor(sent.id).find((r) => r.path.endsWith('/callback'))!;
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(lastLanguageAsked()).toBe('German');
    const embed = body.embeds![0]!;
    expect(embed.title).toMatch(/^Top-Meldungen, 27\. März$/);
    expect(embed.fields[0]!.name).toBe('Quellen');
    expect(embed.footer.text).toMatch(/^\d+ von 3 Artikeln zitiert · .* · fake-model$/);
    // The one button does what every member may: post the reply in the channel.
    expect(body.components![0]!.components).toEqual([
      expect.objectContaining({ custom_id: 'news:post', label: 'Im Kanal posten' }),
    ]);
    // Dates are Discord timestamps, shown in each reader's own format; no fixed English date.
    const sources = embed.fields.map((f) => f.value).join('\n');
    expect(sources).toMatch(/<t:\d+:d>/);
    expect(sources).not.toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/);
    expectNoEnglish(chrome(body, { title: true }), 'de');
  });

  it('posts a de member’s private reply in the fr server with Post in channel: the line above in French, the answer in German', async () => {
    const { final } = await run('news', { private: true, topic: 'council' }, { locale: 'de' });
    const messageId = (final.response as { id?: string } | undefined)?.id ?? '';
    const since = performance.now();
    const sent = discord.button('news:post', {
      guildId: GUILD_ID,
      channelId: GENERAL,
      messageId,
      locale: 'de',
    });
    const answer = await discord.waitForRequest(finalReply(sent.id), 15_000);
    expect(JSON.stringify(answer.body)).toMatch(/Gepostet in <#1360000000000000003>: https:/);
    const posted = channelPosts(GENERAL, since)[0]!.body as Body;
    expect(posted.content).toMatch(/^Partagé par <@\d+>$/);
    expect(posted.components ?? []).toEqual([]);
  });

  it('labels an extractive /news in German too: notice, footer and reason', async () => {
    llm.set({ failStatus: 500 });
    const { body } = await run('news', { private: true, length: 'short' }, { locale: 'de' });
    const embed = body.embeds![0]!;
    expect(embed.description).toMatch(/Sätze wörtlich aus den Artikeln zitiert/);
    expect(embed.footer.text).toMatch(
      /Auszug aus den Artikeln: das Sprachmodell hatte einen internen Fehler$/,
    );
    expectNoEnglish(chrome(body, { title: true }), 'de');
  });

  it('refuses in the member’s language', async () => {
    const { body } = await run('news', { hours: 0 }, { locale: 'de' });
    expect(JSON.stringify(body)).toMatch(/Die Option `hours` von \/news muss zwischen 1 und 720 liegen/);
    const denied = await run('digest', {}, { subcommand: 'list', locale: 'ja' });
    expect(JSON.stringify(denied.body)).toContain('「サーバー管理」の権限が必要です');
  });

  it('posts /briefing post in the server’s language (fr), and confirms in the moderator’s (en-US)', async () => {
    const since = performance.now();
    const { body } = await run(
      'briefing',
      { topic: 'harbour' },
      { subcommand: 'post', locale: 'en-US', memberPermissions: MOD },
    );
    expect(JSON.stringify(body)).toMatch(/Posted in <#1360000000000000003>/);
    expect(lastLanguageAsked()).toBe('French');
    const post = channelPosts(GENERAL, since)[0]!;
    const posted = post.body as Body;
    expect(posted.content).toMatch(/^Résumé demandé par <@\d+>$/);
    expect(posted.embeds![0]!.footer.text).toMatch(/^\d+ articles? cités? sur \d+ · /);
    expectNoEnglish(chrome(posted, { title: false }), 'fr');
    expect(post.specErrors).toEqual([]);
  });

  it('pins French briefings with the Pin briefing message command for a de moderator, rotating the older one', async () => {
    const ids: string[] = [];
    for (const topic of ['quay', 'festival']) {
      const since = performance.now();
      await run('briefing', { topic }, { subcommand: 'post', locale: 'fr', memberPermissions: MOD });
      ids.push((channelPosts(GENERAL, since)[0]!.response as { id: string }).id);
    }
    const pin = async (messageId: string) => {
      const sent = discord.messageCommand('Pin briefing', messageId, {
        guildId: GUILD_ID,
        locale: 'de',
        memberPermissions: MOD,
      });
      return JSON.stringify((await discord.waitForRequest(finalReply(sent.id), 15_000)).body);
    };
    // The French footers are recognised as the bot's own briefings, by the command and by the rotation.
    expect(await pin(ids[0]!)).toMatch(/Angepinnt\./);
    expect(await pin(ids[1]!)).toMatch(/Angepinnt \(1 älteres Briefing gelöst\)\./);
    const pinned = discord.pinsOf(GENERAL).map((p) => String(p.message.id));
    expect(pinned).toContain(ids[1]);
    expect(pinned).not.toContain(ids[0]);
    const note = discord.seedMessage(GENERAL, { authorId: APP_ID, content: 'bonjour' });
    expect(await pin(String(note.id))).toMatch(/Das ist keines meiner Briefings/);
  });

  it('posts a digest in its language override (de) in a French server, labelled in German', async () => {
    const set = await run(
      'digest',
      {
        channel: opt.channel(DIGESTS),
        time: '08:00',
        timezone: 'Europe/Berlin',
        name: 'Morgen',
        language: 'de',
      },
      { subcommand: 'set', locale: 'en-US', memberPermissions: ADMIN },
    );
    expect(JSON.stringify(set.body)).toMatch(/Created digest \*\*Morgen\*\*.*in Deutsch/);
    await clock.advanceTo('2026-03-27T07:00:30Z'); // 08:00 in Berlin
    await app.digests.scheduler()!.idle();
    const posts = channelPosts(DIGESTS);
    expect(posts).toHaveLength(1);
    const posted = posts[0]!.body as Body;
    expect(posted.content).toMatch(/^🗞️ \*\*Morgen\*\* · Freitag, 27\. März$/);
    // The digest's heading, as /digest preview shows it: name, schedule, what is new since when.
    const embed = posted.embeds![0]!;
    expect(embed.author?.name).toBe('🗞️ Morgen · täglich um 08:00 (Europe/Berlin)');
    expect(embed.description.split('\n')[0]).toMatch(
      /^\*\*Neu seit <t:\d+:f>\*\* in <#1360000000000000004>$/,
    );
    expect(lastLanguageAsked()).toBe('German');
    expectNoEnglish(chrome(posted, { title: true }), 'de');
  });

  it('registers command descriptions and choices localised for de, fr, es-ES, es-419, pt-BR and ja', async () => {
    const { compareCommands } = await import('../../src/discord/command-drift.js');
    const local = [...app.dispatcher.commands.values()].map((c) => c.data.toJSON());
    const news = local.filter(isSlashCommand).find((c) => c.name === 'news')!;
    expect(Object.keys(news.description_localizations ?? {}).sort()).toEqual([
      'de',
      'es-419',
      'es-ES',
      'fr',
      'ja',
      'pt-BR',
    ]);
    const length = news.options!.find((o) => o.name === 'length') as {
      choices: { name: string; name_localizations: Record<string, string> }[];
    };
    expect(length.choices.map((c) => c.name_localizations.de)).toEqual(['kurz', 'standard', 'ausführlich']);
    // Every command name stays English; the drift check sees the localisations as deployed.
    expect(local.map((c) => c.name).sort()).toEqual([
      'Pin briefing',
      'article',
      'briefing',
      'digest',
      'feeds',
      'news',
      'newsdesk',
    ]);
    // The message command keeps its English name, with localised names beside it.
    const pin = local.find((c) => c.name === 'Pin briefing')!;
    expect(pin.name_localizations).toMatchObject({
      de: 'Briefing anpinnen',
      fr: 'Épingler le résumé',
      ja: '要約をピン留め',
    });
    expect(compareCommands(local as never, local as never, 'guild').changed).toEqual([]);
    expect(discord.specViolations()).toEqual([]);
  });
});

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  importFiles,
  importFilesSync,
  summarizeImport,
  type FileImportResult,
} from '../../src/ingest/files/ingest-files.js';
import type { ArticleStore } from '../../src/articles/store.js';
import { fileStore, memoryStore, tempDir } from '../articles/helpers.js';

const SAMPLES = fileURLToPath(new URL('../../samples/articles/', import.meta.url));
const BBC = fileURLToPath(new URL('../fixtures/articles/bbc-1.html', import.meta.url));
const BODY =
  'The harbour authority said the port would reopen on Monday after repairs to the sea wall were finished.';

async function collect(gen: AsyncGenerator<FileImportResult>): Promise<FileImportResult[]> {
  const out: FileImportResult[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('importing the bundled samples folder into a SQLite file', () => {
  let ctx: ReturnType<typeof fileStore>;
  beforeEach(() => (ctx = fileStore()));
  afterEach(() => ctx.close());

  it('adds 21 articles, skips ATTRIBUTION.md, and a second run finds all 21 unchanged', async () => {
    const first = summarizeImport(await collect(importFiles(ctx.store, [SAMPLES])));
    expect(first).toMatchObject({ added: 21, updated: 0, unchanged: 0, failed: 0, skipped: 1 });
    expect(first.results.find((r) => r.status === 'skipped')?.path).toMatch(/ATTRIBUTION\.md$/);
    expect(ctx.store.count()).toBe(21);
    const second = importFilesSync(ctx.store, [SAMPLES]);
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 21, failed: 0 });
    expect(ctx.store.count()).toBe(21);
  });

  it('stores the seed article cleaned, with its front matter and 20 Wikinews articles with dates', () => {
    importFilesSync(ctx.store, [SAMPLES]);
    const all = ctx.store.list({ limit: 100 });
    const seed = all.find((a) => a.source === 'Sample (scraped news page)')!;
    expect(seed.publishedAt).toBe(Date.UTC(2021, 6, 26));
    expect(seed.title).toMatch(/combat mission in Iraq/);
    expect(seed.body).not.toMatch(/READ MORE NEWS|Leave a Reply|Required fields|email address/i);
    expect(seed.body).toContain('a senior administration official told reporters');
    expect(seed.body.split('\n\n')).toHaveLength(12);
    const wiki = all.filter((a) => a.source === 'Wikinews');
    expect(wiki).toHaveLength(20);
    expect(wiki.every((a) => a.publishedAt !== null && a.publishedAt < Date.UTC(2010, 0, 1))).toBe(true);
    expect(wiki.some((a) => /^\w+day, /.test(a.body))).toBe(false); // the date lines are not body text
  });
});

describe('importing single files', () => {
  let dir: string;
  let cleanup: () => void;
  let store: ArticleStore;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = memoryStore();
  });
  afterEach(() => cleanup());
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  };

  it('extracts an HTML page with Readability: title, byline, site, date, image, canonical URL', () => {
    const path = join(dir, 'bbc.html');
    copyFileSync(BBC, path);
    const [result] = importFilesSync(store, [path]).results;
    expect(result).toMatchObject({
      status: 'added',
      title: "Obama admits US gun laws are his 'biggest frustration'",
    });
    const a = store.get(result!.articleId!)!;
    expect(a).toMatchObject({
      source: 'BBC News',
      byline: 'BBC News',
      publishedAt: Date.parse('2015-07-24T05:36:09+01:00'),
      url: 'http://www.bbc.com/news/world-us-canada-33646704',
      imageUrl: 'http://ichef.bbci.co.uk/news/1024/cpsprodpb/3D8B/production/_84455751_84455749.jpg',
    });
    expect(a.body).toMatch(/President Barack Obama has admitted that his failure to pass/);
    expect(a.body.split('\n\n').length).toBeGreaterThan(10);
    expect(a.body).not.toMatch(/<[a-z]+[ >]/i);
    expect(store.search({ query: 'gun laws frustration' })[0]?.id).toBe(a.id);
  });

  it('reads JSON: one object, an array, {articles}, and a JSON Feed', () => {
    write(
      'one.json',
      JSON.stringify({
        title: 'Port reopens',
        url: 'https://ex.com/port',
        source: 'Harbour News',
        byline: 'Ann',
        published: '2024-03-01T08:00:00Z',
        body: BODY,
      }),
    );
    write(
      'many.json',
      JSON.stringify([
        {
          title: 'First',
          content: '<p>First paragraph of the first story.</p><p>Second paragraph.</p>',
          publishedAt: 1_700_000_000_000,
        },
        { headline: 'Second', text: 'Text of the second story.', author: { name: 'Bo' } },
      ]),
    );
    write('wrapped.json', JSON.stringify({ articles: [{ title: 'Wrapped', body: 'Wrapped story text.' }] }));
    write(
      'feed.json',
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Example Feed',
        home_page_url: 'https://feed.example.com/',
        items: [
          {
            id: '1',
            url: 'https://feed.example.com/p/1',
            title: 'Feed item',
            content_html: '<p>Feed item text.</p>',
            date_published: '2024-02-02T10:00:00Z',
            authors: [{ name: 'Cy' }],
            image: 'https://feed.example.com/i.png',
          },
        ],
      }),
    );
    const summary = importFilesSync(store, [dir]);
    expect(summary).toMatchObject({ added: 5, failed: 0 });
    const byTitle = (t: string) => store.list({ limit: 10 }).find((a) => a.title === t)!;
    expect(byTitle('Port reopens')).toMatchObject({
      source: 'Harbour News',
      byline: 'Ann',
      publishedAt: Date.UTC(2024, 2, 1, 8),
      body: BODY,
    });
    expect(byTitle('First')).toMatchObject({
      body: 'First paragraph of the first story.\n\nSecond paragraph.',
      publishedAt: 1_700_000_000_000,
    });
    expect(byTitle('Second')).toMatchObject({ byline: 'Bo', source: dir.split(/[\\/]/).pop() });
    expect(byTitle('Feed item')).toMatchObject({
      source: 'Example Feed',
      byline: 'Cy',
      url: 'https://feed.example.com/p/1',
      imageUrl: 'https://feed.example.com/i.png',
      body: 'Feed item text.',
    });
    expect(summary.results.filter((r) => r.path.endsWith('many.json')).map((r) => r.index)).toEqual([0, 1]);
  });

  it('reports each broken file with a reason and carries on', () => {
    write('a-good.txt', `Port reopens\n\n${BODY}`);
    write('bad.json', '{\n  "title": "x",\n  "body": }');
    write('notitle.json', JSON.stringify([{ body: 'No title here.' }, { title: 'Has title', body: '' }, 7]));
    write('empty.txt', '');
    write('headline-only.md', '# Just a headline\n');
    write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    write('binary.txt', Buffer.from([0x48, 0x00, 0x49]));
    write('notes.html', '<html><body></body></html>');
    write('.hidden.txt', `Hidden\n\n${BODY}`);
    write('.git/config.txt', `Hidden too\n\n${BODY}`);
    write('nested/deeper/z-last.txt', `Deep story\n\n${BODY} Deeper.`);
    const summary = importFilesSync(store, [dir, join(dir, 'missing.txt')]);
    const reasons = Object.fromEntries(
      summary.results.map((r) => [
        `${r.path.slice(dir.length + 1)}${r.index === undefined ? '' : `#${r.index}`}`,
        r.reason ?? r.status,
      ]),
    );
    expect(reasons).toEqual({
      'a-good.txt': 'added',
      'bad.json': "invalid JSON at line 3, column 11 (offset 28): Unexpected token '}'",
      'binary.txt': 'binary file, not text',
      'empty.txt': 'empty file',
      'headline-only.md': 'empty body',
      'image.png': 'unsupported extension ".png" (supported: .txt .md .markdown .html .htm .json)',
      'missing.txt': 'not found',
      'nested/deeper/z-last.txt': 'added',
      'notes.html': 'no readable article content in the page',
      'notitle.json#0': 'no title',
      'notitle.json#1': 'empty body',
      'notitle.json#2': 'entry is not an object',
    });
    expect(Object.keys(reasons).some((k) => k.includes('hidden') || k.includes('.git'))).toBe(false);
    expect(summary).toMatchObject({ added: 2, failed: 10 });
    expect(store.count()).toBe(2);
  });

  it('reports an explicitly named file with an unsupported extension', async () => {
    const path = write('report.pdf', '%PDF-1.4');
    expect(await collect(importFiles(store, [path]))).toEqual([
      {
        path,
        status: 'failed',
        reason: 'unsupported extension ".pdf" (supported: .txt .md .markdown .html .htm .json)',
      },
    ]);
  });

  it('updates an article whose file changed, and uses the folder name as default source', () => {
    const path = write('city-desk/port.txt', `---\nurl: /local/port\n---\nPort reopens\n\n${BODY}`);
    expect(importFilesSync(store, [path]).results[0]).toMatchObject({ status: 'added' });
    writeFileSync(
      path,
      `---\nurl: /local/port\n---\nPort reopens\n\n${BODY}\n\nUpdated: ferries resume on Tuesday.`,
    );
    const [r] = importFilesSync(store, [path]).results;
    expect(r).toMatchObject({ status: 'updated' });
    expect(store.get(r!.articleId!)).toMatchObject({ source: 'city-desk', url: '/local/port' });
    expect(store.get(r!.articleId!)!.body).toContain('ferries resume');
  });

  it('honours fallbackSource and reads Windows-1252 text', () => {
    const path = write(
      'latin.txt',
      Buffer.from(`Caf\xe9 opens\n\nThe caf\xe9 opened on the square on Monday morning.`, 'latin1'),
    );
    const [r] = importFilesSync(store, [path], { fallbackSource: 'Operator import' }).results;
    expect(store.get(r!.articleId!)).toMatchObject({ title: 'Café opens', source: 'Operator import' });
  });
});

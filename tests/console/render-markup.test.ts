import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  relativeTime,
  renderMarkup,
  renderTokens,
  type MarkupContext,
} from '../../src/console/render-markup.js';

const NOW = Date.UTC(2026, 4, 5, 12, 0, 0);
const names: Omit<MarkupContext, 'ansi'> = {
  now: NOW,
  timeZone: 'UTC',
  locale: 'en-US',
  channelName: (id) => ({ '100000000000000002': 'news' })[id] ?? null,
  userName: (id) => ({ '100000000000000010': 'console' })[id] ?? null,
  roleName: (id) => ({ '100000000000000020': 'Moderators' })[id] ?? null,
};
const plain = (text: string) => renderMarkup(text, { ...names, ansi: false });
const tty = (text: string) => renderMarkup(text, { ...names, ansi: true });
const unix = (ms: number) => Math.floor(ms / 1000);

describe('renderMarkup: emphasis', () => {
  it('shows **bold** as ANSI bold on a TTY and as plain text otherwise, never with asterisks', () => {
    expect(tty('**Local Test News** today')).toBe('\u001b[1mLocal Test News\u001b[22m today');
    expect(plain('**Local Test News** today')).toBe('Local Test News today');
  });

  it('renders *italic*, _italic_, __underline__, ~~strike~~ and ||spoilers||', () => {
    expect(plain('*a* _b_ __c__ ~~d~~ ||e||')).toBe('a b c d e');
    expect(tty('*a*')).toBe('\u001b[3ma\u001b[23m');
    expect(tty('__c__')).toBe('\u001b[4mc\u001b[24m');
    expect(tty('~~d~~')).toBe('\u001b[9md\u001b[29m');
  });

  it('nests emphasis and leaves lone or in-word markers alone', () => {
    expect(tty('**bold _and italic_**')).toBe('\u001b[1mbold \u001b[3mand italic\u001b[23m\u001b[22m');
    expect(plain('2 * 3 * 4 = 24')).toBe('2 * 3 * 4 = 24');
    expect(plain('snake_case_name and a_b')).toBe('snake_case_name and a_b');
    expect(plain('a lone ** pair')).toBe('a lone ** pair');
  });

  it('removes backticks around code and shows its content as typed', () => {
    expect(plain('Use `/digest resume morning` to **start**')).toBe('Use /digest resume morning to start');
    expect(plain('`**not bold**`')).toBe('**not bold**');
    expect(plain('``a ` b``')).toBe('a ` b');
    expect(plain('```js\nconst a = 1;\n```\nafter')).toBe('const a = 1;\nafter');
  });

  it('unescapes escaped markdown', () => {
    expect(plain('\\*not italic\\* 3\\_000 \\# no heading \\`x\\`')).toBe(
      '*not italic* 3_000 # no heading `x`',
    );
    expect(plain('a \\\\ b')).toBe('a \\ b');
  });
});

describe('renderMarkup: blocks', () => {
  it('shows headings bold, subtext dim, quotes with a bar and list items as bullets', () => {
    expect(plain('# Title\n-# small print\n> quoted **text**\n- one\n  * two')).toBe(
      'Title\nsmall print\n│ quoted text\n• one\n  • two',
    );
    expect(tty('## Head')).toBe('\u001b[1mHead\u001b[22m');
    expect(plain('>>> all\nof this')).toBe('│ all\n│ of this');
  });
});

describe('renderMarkup: mentions, links, emoji', () => {
  it('names channels, members and roles', () => {
    expect(plain('Posted in <#100000000000000002> by <@100000000000000010> for <@&100000000000000020>')).toBe(
      'Posted in #news by @console for @Moderators',
    );
    expect(plain('<@!100000000000000010> <#999999999999999999>')).toBe('@console #unknown-channel');
  });

  it('shows masked links as "text (url)", and suppressed or bare links as the url', () => {
    expect(plain('[**Harbour** reopens](https://example.org/a) and <https://example.org/b>')).toBe(
      'Harbour reopens (https://example.org/a) and https://example.org/b',
    );
    expect(plain('[https://x.example/](<https://x.example/>)')).toBe('https://x.example/');
  });

  it('shows slash-command mentions and custom emoji by name', () => {
    expect(plain('</digest set:123456789012345678> <:wave:123456789012345678>')).toBe('/digest set :wave:');
  });
});

describe('renderMarkup: timestamps', () => {
  const at = Date.UTC(2026, 4, 5, 14, 30, 5);
  it.each([
    ['t', '2:30 PM'],
    ['T', '2:30:05 PM'],
    ['d', '05/05/2026'],
    ['D', 'May 5, 2026'],
  ])('style %s as Discord shows it (%s)', (style, expected) => {
    expect(plain(`<t:${unix(at)}:${style}>`)).toBe(expected);
  });

  it('shows f (the default) and F with the date and time, F with the weekday', () => {
    expect(plain(`<t:${unix(at)}>`)).toBe(plain(`<t:${unix(at)}:f>`));
    expect(plain(`<t:${unix(at)}:f>`)).toMatch(/^May 5, 2026,? (at )?2:30 PM$/);
    expect(plain(`<t:${unix(at)}:F>`)).toMatch(/^Tuesday, May 5, 2026,? (at )?2:30 PM$/);
  });

  it('shows R relative to now, in the largest unit that fits', () => {
    expect(plain(`<t:${unix(NOW + 5 * 60_000)}:R>`)).toBe('in 5 minutes');
    expect(plain(`<t:${unix(NOW - 3 * 3_600_000)}:R>`)).toBe('3 hours ago');
    expect(plain(`<t:${unix(NOW - 1 * 86_400_000)}:R>`)).toBe('1 day ago');
    expect(plain(`<t:${unix(NOW + 400 * 86_400_000)}:R>`)).toBe('in 1 year');
    expect(relativeTime(NOW, NOW, 'en-US')).toBe('in 0 seconds');
  });

  it('uses the given locale and time zone', () => {
    const de = { ...names, ansi: false, locale: 'de-DE', timeZone: 'Europe/Berlin' };
    expect(renderMarkup(`<t:${unix(at)}:t>`, de)).toBe('16:30');
    expect(renderMarkup(`<t:${unix(NOW - 2 * 3_600_000)}:R>`, de)).toBe('vor 2 Stunden');
  });

  it('leaves a timestamp that is no date as it is', () => {
    expect(formatTimestamp(9e15, 'f', { ansi: false })).toBeNull();
    expect(plain('<t:99999999999999999:f>')).toBe('<t:99999999999999999:f>');
  });

  it('renders the markup of the Discord replies: a digest confirmation', () => {
    const next = NOW + 20 * 3_600_000;
    const text = `Created digest **daily** (\`daily\`): all news in <#100000000000000002> every day at 08:00 (Europe/Berlin), standard. Next: <t:${unix(next)}:f> (<t:${unix(next)}:R>).`;
    const out = plain(text);
    expect(out).toMatch(/^Created digest daily \(daily\): all news in #news every day at 08:00/);
    expect(out).toMatch(/\(in 20 hours\)\.$/);
    expect(out).not.toMatch(/\*\*|<t:|<#|`/);
  });
});

describe('renderTokens', () => {
  it('renders timestamps and mentions but keeps asterisks, underscores and backslashes of names', () => {
    expect(
      renderTokens(`**Feed** *x* a_b_ \\* <#100000000000000002> <t:${unix(NOW)}:R>`, {
        ...names,
        ansi: false,
      }),
    ).toBe('**Feed** *x* a_b_ \\* #news in 0 seconds');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoilerplateFilter } from '../../src/extract/boilerplate.js';
import { cleanArticleText, cleanParagraphs, normalizeText } from '../../src/extract/clean.js';

const SEED = readFileSync(
  new URL('../../samples/articles/000_99f007b3683dc969.txt', import.meta.url),
  'utf8',
);

describe('cleanParagraphs on the seed article', () => {
  const paragraphs = cleanParagraphs(SEED.replace(/^---[\s\S]*?---\n/, ''));
  const text = paragraphs.join('\n\n');

  it('drops the READ MORE NEWS teasers and the comment-form footer', () => {
    expect(text).not.toMatch(/READ MORE/i);
    expect(text).not.toMatch(/Scottish Nationalists|Navalny|Ghani/);
    expect(text).not.toMatch(/Leave a Reply/i);
    expect(text).not.toMatch(/email address will not be published/i);
    expect(text).not.toMatch(/Required fields/i);
  });

  it('keeps all 12 real paragraphs, in order, and joins the hard-wrapped quote', () => {
    expect(paragraphs).toHaveLength(12);
    expect(paragraphs[0]).toMatch(/^President Joe Biden on Monday sealed a deal/);
    expect(paragraphs[11]).toMatch(/^The senior administration official would not say/);
    expect(paragraphs).toContain(
      '“Nobody is going to declare mission accomplished. The goal is the enduring defeat of ISIS,” a senior administration official told reporters ahead of Mr Kadhimi’s visit.',
    );
    const realBlocks = SEED.split(/\n\s*\n/).filter(
      (b) => !/READ MORE NEWS|Leave a Reply|Required fields|^---/.test(b),
    );
    for (const block of realBlocks) expect(text).toContain(block.replace(/\s*\n\s*/g, ' ').trim());
  });
});

const WORDPRESS_BLOG = `Local library reopens after flood repairs

The Riverside library reopened on Saturday after six months of repairs following the spring flood.

Volunteers moved more than 12,000 books back onto the shelves over the weekend, the library's director said.
She thanked residents who donated
money for the new carpets.

Share this:
Twitter
Facebook
Like this:
Loading...

Related

3 thoughts on “Local library reopens after flood repairs”
Great news for the town!
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
Name *`;

const NEWS_SITE = `ADVERTISEMENT
Photo: Reuters/Jane Doe
The central bank raised interest rates by a quarter point on Thursday, its third increase this year.
» Read more: How rising rates affect mortgages
Officials said inflation was still too high and signalled that further increases were possible.
Sign up for our newsletter to get the latest business news delivered to your inbox.
We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy.
Markets reacted calmly, with the main index closing 0.2 percent higher.
Advertisement - Scroll to continue
Follow us on Twitter and Facebook
© 2024 Example Media Group. All rights reserved.`;

const FRENCH_SITE = `Le Parlement a adopté mardi le projet de loi sur le renseignement, après plusieurs semaines de débats.

Lire aussi | Ce que contient la loi sur le renseignement

Publicité

Le texte sera désormais examiné par le Sénat, puis par le Conseil constitutionnel.

Partager

Laisser un commentaire

Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *`;

const GERMAN_SITE = `Die Regierung hat am Mittwoch ein neues Klimaschutzprogramm vorgestellt.
Lesen Sie auch: Was das Klimapaket für Pendler bedeutet
Anzeige
Umweltverbände kritisierten die Pläne als unzureichend.
Mehr zum Thema
© Beispiel Zeitung 2024 – Alle Rechte vorbehalten`;

const SPANISH_SITE = `El gobierno anunció el lunes un nuevo plan de vivienda para jóvenes.

Lee también: Los precios del alquiler suben un 8%

Publicidad

La medida entrará en vigor en enero, según el ministerio.

Deja un comentario

Tu dirección de correo electrónico no será publicada.`;

describe('cleanParagraphs on made-up sites', () => {
  it.each([
    [
      'an English WordPress blog',
      WORDPRESS_BLOG,
      [
        'Local library reopens after flood repairs',
        'The Riverside library reopened on Saturday after six months of repairs following the spring flood.',
        "Volunteers moved more than 12,000 books back onto the shelves over the weekend, the library's director said.",
        'She thanked residents who donated money for the new carpets.',
      ],
    ],
    [
      'an English news site',
      NEWS_SITE,
      [
        'The central bank raised interest rates by a quarter point on Thursday, its third increase this year.',
        'Officials said inflation was still too high and signalled that further increases were possible.',
        'Markets reacted calmly, with the main index closing 0.2 percent higher.',
      ],
    ],
    [
      'a French site',
      FRENCH_SITE,
      [
        'Le Parlement a adopté mardi le projet de loi sur le renseignement, après plusieurs semaines de débats.',
        'Le texte sera désormais examiné par le Sénat, puis par le Conseil constitutionnel.',
      ],
    ],
    [
      'a German site',
      GERMAN_SITE,
      [
        'Die Regierung hat am Mittwoch ein neues Klimaschutzprogramm vorgestellt.',
        'Umweltverbände kritisierten die Pläne als unzureichend.',
      ],
    ],
    [
      'a Spanish site',
      SPANISH_SITE,
      [
        'El gobierno anunció el lunes un nuevo plan de vivienda para jóvenes.',
        'La medida entrará en vigor en enero, según el ministerio.',
      ],
    ],
  ])('keeps exactly the article text of %s', (_name, raw, expected) => {
    expect(cleanParagraphs(raw)).toEqual(expected);
  });

  it('removes a first paragraph that repeats the headline', () => {
    expect(
      cleanParagraphs(WORDPRESS_BLOG, { title: 'Local Library Reopens After Flood Repairs' })[0],
    ).toMatch(/^The Riverside/);
  });
});

describe('cleanParagraphs keeps real sentences that look like boilerplate', () => {
  it.each([
    'Read more than 100 pages of the report and a different picture emerges, the auditors said.',
    'Readers who read more widely were less likely to believe the rumour.',
    'Related talks were held in Geneva on Friday.',
    'Comments made by the senator on Tuesday drew criticism from both parties.',
    'Advertisement revenue fell 10 percent in the quarter.',
    'Share prices rose sharply after the announcement.',
    'Subscribers to the service will pay more from March.',
    'The court said the photos may be published.',
    'Photo editors at the newspaper voted to strike.',
    '“Leave a reply on the form,” the clerk told the applicants, who had queued since dawn.',
    'The EU’s cookie policy rules take effect next year, regulators said.',
    'Copyright lawyers said the ruling would change how newspapers license photographs.',
  ])('%s', (sentence) => {
    expect(cleanParagraphs(sentence)).toEqual([sentence]);
  });

  it('does not cut at a comment marker that comes before the article text', () => {
    const raw = `Comments\n\n${'The council approved the new budget on Monday after a long debate. '.repeat(5)}`;
    expect(cleanParagraphs(raw)).toHaveLength(1);
  });
});

describe('normalizeText and joining', () => {
  it('strips zero-width characters, decodes entities and collapses spaces', () => {
    expect(
      normalizeText('Caf\u00e9\u200b  &amp;&nbsp;bar &#8217;s &#x201C;x&#x201D; &bogus;\r\nnext\u00a0line'),
    ).toBe('Café & bar ’s “x” &bogus;\nnext line');
  });

  it('collapses blank runs and symbol-only separators, keeps list items apart', () => {
    const raw = 'First paragraph here.\n\n\n\n* * *\n\n- one item\n- another item\n\n\nLast.';
    expect(cleanArticleText(raw)).toBe('First paragraph here.\n\n- one item\n\n- another item\n\nLast.');
  });

  it('keeps a short heading apart from the paragraph below it', () => {
    expect(cleanParagraphs('Background\nThe war began in 2003 and lasted for years.')).toEqual([
      'Background',
      'The war began in 2003 and lasted for years.',
    ]);
  });

  it('drops a repeated paragraph that follows itself', () => {
    expect(cleanParagraphs('Same text.\n\nSame text.\n\nOther text.')).toEqual(['Same text.', 'Other text.']);
  });
});

describe('BoilerplateFilter.classify', () => {
  const filter = new BoilerplateFilter();
  it.each([
    ['READ MORE NEWS  Scottish Nationalists Seek Independence', 'drop'],
    ['Read also: Ten things to know', 'drop'],
    ['ALSO READ | Markets slide', 'drop'],
    ['Related: Storm hits coast', 'drop'],
    ['Recommended', 'drop'],
    ['Click here to subscribe', 'drop'],
    ['Continue reading', 'drop'],
    ['Image credit: Getty', 'drop'],
    ['Copyright © 2023 Example Media', 'drop'],
    ['(c) 2021 Some Paper Ltd', 'drop'],
    ['Leave a Reply', 'tail'],
    ['Leave a comment', 'tail'],
    ['12 Comments', 'tail'],
    ['Read more about the plan in the report, which was published on Monday by the ministry.', 'keep'],
    ['Follow-up talks are planned for May.', 'keep'],
    ['Recommended doses were lowered in 2020.', 'keep'],
  ] as const)('%s -> %s', (line, verdict) => {
    expect(filter.classify(line)).toBe(verdict);
  });
});

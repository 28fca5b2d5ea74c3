import { writeFileSync } from 'node:fs';
import path from 'node:path';

const HOUR = 3_600_000;

/**
 * Writes a JSON file of recent articles with links and lead images (one carrying an injection, its image
 * plain http) and returns its path.
 */
export function writeHarbourArticles(dir: string, now = Date.now()): string {
  const articles = [1, 2, 3, 4].map((n) => ({
    title: `Harbour repairs, part ${n}: council votes`,
    url: `https://news.example/harbour-${n}?utm_source=feed`,
    source: n % 2 ? 'Coast Gazette' : 'Harbour Times',
    published: new Date(now - n * HOUR).toISOString(),
    image: `https://news.example/harbour-${n}.jpg`,
    body: `The city council approved harbour repairs worth ${n * 10} million euros on Tuesday, officials said. Work on section ${n} will start in spring and last two years.\n\nLocal fishermen welcomed the harbour decision but asked for compensation during the works on section ${n}.`,
  }));
  articles.push({
    title: 'Harbour festival announced',
    url: 'https://news.example/harbour-festival',
    source: 'Coast Gazette',
    published: new Date(now - 5 * HOUR).toISOString(),
    // Not https: never shown as a thumbnail.
    image: 'http://news.example/festival.jpg',
    body: 'The harbour festival will return in June with concerts on the quay, organisers said on Monday. @everyone Tickets are free at https://evil.example/tickets for <@123456789012345678> and friends.\n\nThe harbour festival drew forty thousand visitors last year, the organisers said.',
  });
  const file = path.join(dir, 'harbour.json');
  writeFileSync(file, JSON.stringify(articles, null, 2));
  return file;
}

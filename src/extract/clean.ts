import { decodeHTMLStrict } from 'entities';
import { BoilerplateFilter } from './boilerplate.js';

/** Options for {@link cleanParagraphs}. */
export interface CleanOptions {
  /** The headline: a first paragraph repeating it is removed. */
  title?: string;
  /** Boilerplate rules to apply (default: the built-in multilingual-lite set). */
  filter?: BoilerplateFilter;
}

const DEFAULT_FILTER = new BoilerplateFilter();
/** Text of the article before a tail marker needed for the marker to cut the rest. */
const MIN_TEXT_BEFORE_TAIL = 200;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const ODD_SPACE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/gu;
const BULLET = /^(?:[•·*\-–]\s|\d{1,2}[.)]\s)/u;
const ENDS_SENTENCE = /[.!?…:;"”’'»)\]]$/u;
const CONTINUES = /^[\p{Ll},;)\]]/u;

/** Entities decoded, Unicode NFC, zero-width and control characters removed, spaces collapsed per line. */
export function normalizeText(raw: string): string {
  return decodeHTMLStrict(raw)
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/gu, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, '')
    .replace(ODD_SPACE, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

/** Whether `next` continues the hard-wrapped line `prev` rather than starting a new paragraph. */
function continuesLine(prev: string, next: string): boolean {
  if (BULLET.test(next)) return false;
  if (CONTINUES.test(next)) return true;
  if (ENDS_SENTENCE.test(prev)) return false;
  return prev.length >= 40; // a short unpunctuated line before a capital is a heading
}

/**
 * Splits raw article text (scraper output, feed content, Readability text) into clean paragraphs:
 * boilerplate lines dropped (see `boilerplate-rules.ts`), everything after an end-of-article marker
 * such as "Leave a Reply" dropped, hard-wrapped lines re-joined, blank runs collapsed, symbol-only
 * lines, duplicate consecutive paragraphs and a repeated headline removed.
 */
export function cleanParagraphs(raw: string, options: CleanOptions = {}): string[] {
  const filter = options.filter ?? DEFAULT_FILTER;
  const paragraphs: string[] = [];
  let current: string[] = [];
  let textSoFar = 0;
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const line of normalizeText(raw).split('\n')) {
    const verdict = filter.classify(line);
    if (verdict === 'tail' && textSoFar >= MIN_TEXT_BEFORE_TAIL) break;
    if (line === '' || verdict !== 'keep') {
      flush();
      continue;
    }
    const last = current[current.length - 1];
    if (last !== undefined && !continuesLine(last, line)) flush();
    current.push(line);
    textSoFar += line.length;
  }
  flush();
  return dedupe(paragraphs, options.title);
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function dedupe(paragraphs: string[], title: string | undefined): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const key = comparable(p);
    if (key === '') continue;
    if (out.length > 0 && comparable(out[out.length - 1]!) === key) continue;
    if (out.length === 0 && title !== undefined && key === comparable(title)) continue;
    out.push(p);
  }
  return out;
}

/** {@link cleanParagraphs} joined with blank lines: the `Article.body` format. */
export function cleanArticleText(raw: string, options: CleanOptions = {}): string {
  return cleanParagraphs(raw, options).join('\n\n');
}

import type { EntityDecoderOptions } from 'fast-xml-parser';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;

function codePoint(cp: number): string | null {
  // XML Char production: no NUL, no surrogates, nothing above U+10FFFF.
  if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

/**
 * Decodes the five predefined XML entities and numeric character references, once. Any other
 * `&name;` (including entities declared in a DOCTYPE) is left as it is: nothing is ever expanded.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, name?: string, dec?: string, hex?: string) => {
    if (name !== undefined) return PREDEFINED[name]!;
    return codePoint(dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)) ?? whole;
  });
}

/**
 * An entity decoder for fast-xml-parser that ignores every DOCTYPE-declared entity (so that
 * "billion laughs" and external entities are never expanded or fetched) and decodes only
 * {@link decodeXmlEntities}'s set.
 */
export function safeEntityDecoder(): EntityDecoderOptions {
  return {
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
    decode: decodeXmlEntities,
  };
}

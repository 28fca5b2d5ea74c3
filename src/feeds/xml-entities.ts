import type { EntityDecoderOptions } from 'fast-xml-parser';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/** Whether a code point is an XML 1.0 `Char` (no C0 controls but tab and newlines, no surrogates, no U+FFFE/FFFF). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function codePoint(cp: number): string | null {
  return isXmlChar(cp) ? String.fromCodePoint(cp) : null;
}

/**
 * Decodes the five predefined XML entities and numeric character references, once. Any other
 * `&name;` (including entities declared in a DOCTYPE), and references to characters XML forbids
 * (`&#1;`), are left as they are: nothing is ever expanded.
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

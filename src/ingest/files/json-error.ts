/** Thrown inside the scanner with the offset where the text stopped being JSON. */
class JsonOffset extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

/**
 * Finds where JSON text first goes wrong, as a character offset, or null when it is valid.
 * Used only to report errors (V8's messages do not always carry a position). Nesting is tracked on an explicit
 * stack, so deeply nested input cannot overflow the call stack.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new JsonOffset(i);
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const ch = text[i]!;
      if (ch < ' ') fail();
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail();
    i += m[0].length;
  };
  /** Reads one scalar, or opens a container and returns its closing character. */
  const open = (): '}' | ']' | null => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      i++;
      return ch === '{' ? '}' : ']';
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
    return null;
  };
  const key = (): void => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  try {
    const stack: ('}' | ']')[] = [];
    let close = open();
    if (close) stack.push(close);
    // Each turn is just after an opening bracket (first === true) or after a finished value inside a container.
    let first = close !== null;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      ws();
      if (first && text[i] === top) {
        i++;
        stack.pop();
        first = false;
        continue;
      }
      if (!first) {
        if (text[i] === top) {
          i++;
          stack.pop();
          continue;
        }
        if (text[i] !== ',') fail();
        i++;
      }
      if (top === '}') key();
      close = open();
      first = close !== null;
      if (close) stack.push(close);
    }
    ws();
    return i < text.length ? i : null;
  } catch (error) {
    if (error instanceof JsonOffset) return error.offset;
    throw error;
  }
}

/** "line L, column C" (1-based) of an offset in text. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

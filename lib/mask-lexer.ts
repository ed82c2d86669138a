// The lexer behind lib/mask.ts: quoted strings (either quote, escapes, unterminated at the end of
// a truncated head), bare words and separators, in one pass over the text and kept in flat arrays.

export const charTable = (chars: string) => {
  const table = new Uint8Array(128);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
};
const separators = charTable("{}[],:=&;?<>\n\r\t ");
// A quote opens a string only where a value or a name can start; elsewhere (don't, <b>"hi</b>) it
// is text, so an apostrophe in a memo cannot swallow the rest of the body into one string.
const quoteOpeners = charTable("{[,:=&;?(\n\r\t ");
export const isIn = (table: Uint8Array, code: number) => code < 128 && table[code] === 1;

export interface Token {
  start: number;
  end: number;
  kind: "quoted" | "bare" | "separator";
  closed: boolean;
}

const kinds = ["separator", "bare", "quoted"] as const;

/** The tokens of a text, kept in flat arrays: a megabyte of short words makes no garbage. */
export class Tokens {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 0 separator, 1 bare, 2 quoted closed, 3 quoted unterminated. */
  readonly kinds: Uint8Array;
  /** 1: the token holds an escape or percent-encoding, so what it says differs from its text. */
  readonly encoded: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.encoded = new Uint8Array(capacity);
  }

  push(start: number, end: number, kind: number, encoded: boolean) {
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.kinds[this.length] = kind;
    this.encoded[this.length] = encoded ? 1 : 0;
    this.length++;
  }

  at(index: number): Token | undefined {
    if (index >= this.length) return undefined;
    const kind = this.kinds[index];
    return { start: this.starts[index], end: this.ends[index], kind: kinds[Math.min(kind, 2)], closed: kind !== 3 };
  }
}

export function tokenize(text: string): Tokens {
  // Every token holds at least one character.
  const tokens = new Tokens(text.length);
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const start = index;
    let encoded = false;
    if ((code === 34 || code === 39) && (index === 0 || isIn(quoteOpeners, text.charCodeAt(index - 1)))) {
      index++;
      while (index < text.length && text.charCodeAt(index) !== code) {
        const backslash = text.charCodeAt(index) === 92;
        encoded ||= backslash;
        index += backslash ? 2 : 1;
      }
      const closed = index < text.length;
      index = Math.min(index + 1, text.length);
      tokens.push(start, index, closed ? 2 : 3, encoded);
    } else if (isIn(separators, code)) {
      index++;
      tokens.push(start, index, 0, false);
    } else {
      while (index < text.length && !isIn(separators, text.charCodeAt(index))) {
        const char = text.charCodeAt(index);
        encoded ||= char === 37 || char === 43;
        index++;
      }
      tokens.push(start, index, 1, encoded);
    }
  }
  return tokens;
}

/** What token `index` says: quotes and escapes removed, percent-encoding decoded. */
export function decoded(text: string, tokens: Tokens, index: number): string {
  const raw = text.slice(tokens.starts[index], tokens.ends[index]);
  const kind = tokens.kinds[index];
  if (kind === 1) {
    if (!raw.includes("%") && !raw.includes("+")) return raw;
    try {
      return decodeURIComponent(raw.replaceAll("+", " "));
    } catch {
      return raw;
    }
  }
  const inner = raw.slice(1, kind === 2 ? -1 : undefined);
  if (!inner.includes("\\")) return inner;
  try {
    // Single-quoted text may hold bare double quotes and escaped single ones: made JSON first.
    return JSON.parse(`"${inner.replaceAll("\\'", "'").replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`);
  } catch {
    return inner;
  }
}

const blanks = charTable("\n\r\t ");
export const isBlank = (text: string, tokens: Tokens, index: number) =>
  tokens.kinds[index] === 0 && isIn(blanks, text.charCodeAt(tokens.starts[index]));
/** Whether token `index` exists and is the separator `char`. */
export const isSeparator = (text: string, tokens: Tokens, index: number, char: string) =>
  index >= 0 && index < tokens.length && tokens.kinds[index] === 0 && text[tokens.starts[index]] === char;

export function nextSolid(text: string, tokens: Tokens, from: number): number {
  let index = from;
  while (index < tokens.length && isBlank(text, tokens, index)) index++;
  return index;
}

/** Where the first character of `table` at or after `from` is (the text's length if none). */
export function scanTo(text: string, table: Uint8Array, from: number): number {
  let index = from;
  while (index < text.length && !isIn(table, text.charCodeAt(index))) index++;
  return index;
}

/**
 * The first match of `pattern` at or after a position. Positions asked for only grow during a walk,
 * so a match found once answers every later question before it: each character is searched once.
 */
export function forwardSearch(text: string, pattern: RegExp) {
  const search = new RegExp(pattern.source, "g");
  let askedFrom = -1;
  let found: { index: number; end: number } | null | undefined;
  return (from: number): { index: number; end: number } | null => {
    if (found === undefined || from < askedFrom || (found !== null && found.index < from)) {
      search.lastIndex = from;
      const match = search.exec(text);
      found = match ? { index: match.index, end: match.index + match[0].length } : null;
    }
    askedFrom = from;
    return found;
  };
}

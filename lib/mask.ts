// Secrets and card numbers are masked before they are stored or shown. Any sender holding the
// callback URL chooses the text masked here, so every step is linear in its length: one lexer pass,
// one walk over the tokens, and the secrets redacted by one combined pattern built once per call.

import {
  charTable,
  decoded,
  forwardSearch,
  isBlank,
  isIn,
  isSeparator,
  nextSolid,
  scanTo,
  type Token,
  type Tokens,
  tokenize,
} from "./mask-lexer";

/** `****3456`: enough to tell which key was used, never enough to use it. */
export function maskSecret(secret: string): string {
  if (/^\*{4}.{0,4}$/.test(secret)) return secret;
  const tail = secret.slice(-4);
  // The last four are shown only when they cannot change the syntax of the text around them.
  return secret.length >= 12 && /^[0-9A-Za-z._~-]{4}$/.test(tail) ? `****${tail}` : "****";
}

export interface MaskOptions {
  /** Values redacted wherever they appear (the configured PAYSSAM_API_KEYS, and carriedApiKeys()). */
  secrets?: readonly string[];
  /** The text is the beginning of something longer, so a value may be cut off at its end. */
  truncated?: boolean;
}

/**
 * How many distinct apiKey values of a body are also redacted elsewhere in it, and how long one may
 * be. Beyond these a value is still masked where it stands; the bounds keep the combined pattern,
 * and so the time to mask, small whatever the body holds (60,000 keys in 1 MiB froze the server).
 */
export const maxCarriedKeys = 16;
export const maxCarriedKeyLength = 256;
const minCarriedKeyLength = 8;

// A rejected body is kept for inspection whatever its syntax, so the apiKey is found by a small
// lexer rather than by parsing: quoted strings (either quote, escapes, unterminated at the end of a
// truncated head), bare words and separators. A name that spells apiKey/apikey/api_key has its value
// masked when it is followed by ":" or "=" (JSON, JSON-like, form-encoded, XML attributes), when it
// names an XML element (<apiKey>…</apiKey>, CDATA too) or a multipart part (name="apiKey"), and an
// array or object given as its value has every scalar in it masked.
const apiKeyName = /^api[-_]?key$/i;
// What a spelling of apiKey can start with (past its quote): a letter a, an escape, or a blank.
const nameStarts = charTable("aA%\\\n\r\t ");
const mayBeName = (text: string, start: number, kind: number) =>
  isIn(nameStarts, text.charCodeAt(kind === 1 ? start : start + 1));
// Where a bare value ends: form-encoded values run to "&"; JSON-like ones to the next punctuation.
const formValueEnd = charTable("&;\n\r\t ");
const jsonValueEnd = charTable(",}]\n\r\t ");
const elementEnd = charTable("<");
// An escaped name is longer than "apiKey", but never this long: longer tokens are not decoded.
const longestName = 64;
// A multipart part's headers end with a blank line soon after its name.
const partHeaderChars = 1024;

interface Member {
  start: number;
  end: number;
  value: string;
  /** The quoted token the value is, so that the mask keeps its quotes. */
  quoted: Token | null;
  /** The value runs to the end of the text (which may be cut off there). */
  atEnd: boolean;
}

/** The apiKey members in order; `enough` may end the walk early (it is asked after each one found). */
function apiKeyMembers(text: string, tokens: Tokens, enough?: (member: Member) => boolean): Member[] {
  const members: Member[] = [];
  const find = {
    cdataEnd: forwardSearch(text, /]]>/),
    blankLine: forwardSearch(text, /\r?\n\r?\n/),
    boundary: forwardSearch(text, /\r?\n--/),
  };
  const span = (start: number, end: number) =>
    members.push({ start, end, value: text.slice(start, end), quoted: null, atEnd: end === text.length });
  const scalar = (index: number) => {
    const token = tokens.at(index) as Token;
    if (token.kind === "quoted") {
      members.push({
        start: token.start,
        end: token.end,
        value: decoded(text, tokens, index),
        quoted: token,
        atEnd: false,
      });
    } else {
      span(token.start, token.end);
    }
  };
  // The three solid (non-blank) tokens before the current one, nearest first: they say what a name is.
  let one = -1;
  let two = -1;
  let three = -1;
  let covered = 0;
  // Inside an array or object given as an apiKey's value: how deep, 0 when outside.
  let depth = 0;
  let seen = 0;
  let stopped = false;
  for (let index = 0; index < tokens.length; index++) {
    if (enough && members.length > seen) {
      stopped = enoughAmong(members, seen, enough);
      seen = members.length;
      if (stopped) break;
    }
    const start = tokens.starts[index];
    const kind = tokens.kinds[index];
    if (start < covered || isBlank(text, tokens, index)) continue;
    const previous = one;
    const beforePrevious = two;
    const third = three;
    three = two;
    two = one;
    one = index;
    if (depth > 0) {
      if (kind === 0) {
        const char = text[start];
        depth += char === "{" || char === "[" ? 1 : char === "}" || char === "]" ? -1 : 0;
      } else if (!isSeparator(text, tokens, nextSolid(text, tokens, index + 1), ":")) {
        scalar(index);
      }
      continue;
    }
    if (kind === 0 || tokens.ends[index] - start > longestName || !mayBeName(text, start, kind)) continue;
    if (!apiKeyName.test(decoded(text, tokens, index).trim())) continue;
    const elementName =
      isSeparator(text, tokens, previous, "<") ||
      (isSeparator(text, tokens, previous, ":") &&
        tokens.kinds[beforePrevious] === 1 &&
        isSeparator(text, tokens, third, "<"));
    if (elementName) {
      const content = xmlContentStart(text, tokens, index + 1);
      if (content === null) continue;
      const cdata = text.startsWith("<![CDATA[", content);
      const valueStart = cdata ? content + "<![CDATA[".length : content;
      const end = cdata ? (find.cdataEnd(valueStart)?.index ?? text.length) : scanTo(text, elementEnd, valueStart);
      const value = text.slice(valueStart, end);
      const leading = value.length - value.trimStart().length;
      const trimmedEnd = valueStart + value.trimEnd().length;
      if (trimmedEnd > valueStart + leading) span(valueStart + leading, trimmedEnd);
      covered = end;
      continue;
    }
    const partName =
      isSeparator(text, tokens, previous, "=") &&
      tokens.kinds[beforePrevious] === 1 &&
      /^name$/i.test(text.slice(tokens.starts[beforePrevious], tokens.ends[beforePrevious]));
    const headersEnd = partName ? find.blankLine(tokens.ends[index]) : null;
    if (headersEnd && headersEnd.index - tokens.ends[index] <= partHeaderChars) {
      const end = find.boundary(headersEnd.end)?.index ?? text.length;
      span(headersEnd.end, end);
      covered = end;
      continue;
    }
    const operator = nextSolid(text, tokens, index + 1);
    const sign = operator < tokens.length ? text[tokens.starts[operator]] : "";
    if (sign !== ":" && sign !== "=") continue;
    // A form value starts right after "="; a JSON-like one after optional blanks.
    const valueIndex = sign === "=" ? operator + 1 : nextSolid(text, tokens, operator + 1);
    if (valueIndex >= tokens.length) {
      members.push({ start: text.length, end: text.length, value: "", quoted: null, atEnd: true });
      covered = text.length;
      continue;
    }
    const valueStart = tokens.starts[valueIndex];
    const valueKind = tokens.kinds[valueIndex];
    const first = text[valueStart];
    if (valueKind >= 2) {
      scalar(valueIndex);
      covered = tokens.ends[valueIndex];
    } else if (sign === ":" && (first === "[" || first === "{")) {
      depth = 1;
      covered = tokens.ends[valueIndex];
    } else if (valueKind === 1 || !(sign === "=" ? /[&;\s]/ : /[,}\]\s:=[{]/).test(first)) {
      const end = scanTo(text, sign === "=" ? formValueEnd : jsonValueEnd, valueStart);
      span(valueStart, end);
      covered = end;
    }
  }
  if (enough && !stopped) enoughAmong(members, seen, enough);
  return members;
}

function enoughAmong(members: Member[], from: number, enough: (member: Member) => boolean): boolean {
  for (let index = from; index < members.length; index++) if (enough(members[index])) return true;
  return false;
}

/** Where an XML start tag whose name was just read ends, or null when it is empty (<apiKey/>) or broken. */
function xmlContentStart(text: string, tokens: Tokens, from: number): number | null {
  // Stops at the first "<" or ">": the tokens looked at here belong to this tag alone.
  for (let index = from; index < tokens.length; index++) {
    if (isSeparator(text, tokens, index, "<")) return null;
    if (isSeparator(text, tokens, index, ">")) {
      return text[tokens.starts[index] - 1] === "/" ? null : tokens.ends[index];
    }
  }
  return null;
}

// Callbacks arrive with the same few secrets (the configured keys and the one key every approval
// carries): each set's pattern is compiled once, not per body. Bounded, since a sender chooses
// what its bodies carry.
const compiledPatterns = new Map<string, SecretPattern | null>();
const maxCompiledPatterns = 64;

/** Every secret (and its percent-encoded form) in one pattern, longest first, with the mask of each. */
function secretPattern(secrets: readonly string[]): SecretPattern | null {
  if (secrets.length === 0) return null;
  const key = secrets.join("\u0000");
  const known = compiledPatterns.get(key);
  if (known !== undefined) return known;
  if (compiledPatterns.size >= maxCompiledPatterns) compiledPatterns.clear();
  const compiled = compilePattern(secrets);
  compiledPatterns.set(key, compiled);
  return compiled;
}

function compilePattern(secrets: readonly string[]): { pattern: RegExp; masks: Map<string, string> } | null {
  const masks = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    masks.set(secret, maskSecret(secret));
    masks.set(percentEncoded(secret), maskSecret(secret));
  }
  if (masks.size === 0) return null;
  const alternatives = [...masks.keys()]
    .sort((a, b) => b.length - a.length)
    .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return { pattern: new RegExp(alternatives.join("|"), "g"), masks };
}

type SecretPattern = NonNullable<ReturnType<typeof compilePattern>>;

const redactWith = (text: string, secrets: SecretPattern) =>
  text.replace(secrets.pattern, (found) => secrets.masks.get(found) ?? "****");

function quotedAs(token: Token, text: string, value: string): string {
  const quote = text[token.start];
  const escaped = JSON.stringify(value).slice(1, -1);
  const inner = quote === "'" ? escaped.replaceAll('\\"', '"').replaceAll("'", "\\'") : escaped;
  return `${quote}${inner}${token.closed ? quote : ""}`;
}

/** The apiKey values found in a body, whatever its syntax (to check them or to redact them elsewhere). */
export function apiKeyValues(text: string): string[] {
  return apiKeyMembers(text, tokenize(text)).map((member) => member.value);
}

/** The distinct apiKey values a body carries that are redacted wherever else they appear in it (bounded, see maxCarriedKeys). */
export function carriedApiKeys(text: string): string[] {
  const carried = new Set<string>();
  apiKeyMembers(text, tokenize(text), (member) => carry(carried, member));
  return [...carried];
}

/** Adds a member's value to the carried keys when it may be one; true once there are enough. */
function carry(carried: Set<string>, { value }: Member): boolean {
  if (value.length >= minCarriedKeyLength && value.length <= maxCarriedKeyLength) carried.add(value);
  return carried.size === maxCarriedKeys;
}

/**
 * maskRawBody for a whole body, and the secrets it redacted: the configured ones and those the
 * body carries (carriedApiKeys), found in the same lexer pass. A callback needs both (the secrets
 * also keep its subject and its answer clean), and lexing its body once is half the cost.
 */
export function maskBody(rawBody: string, configured: readonly string[]): { masked: string; secrets: string[] } {
  const tokens = tokenize(rawBody);
  const members = apiKeyMembers(rawBody, tokens);
  const secrets = new Set(configured);
  const carried = new Set<string>();
  for (const member of members) {
    if (carry(carried, member)) break;
  }
  for (const key of carried) secrets.add(key);
  const list = [...secrets];
  return { masked: maskMembers(rawBody, tokens, members, list, false), secrets: list };
}

type Replacement = { start: number; end: number; text: string };

/**
 * The raw body as it may be stored and shown: every apiKey value masked, whatever the body's syntax,
 * and every given secret redacted wherever it appears (also escaped, percent-encoded, or cut off at
 * the end of a truncated head). Works on text that is not valid JSON, since refused bodies are kept too.
 */
export function maskRawBody(rawBody: string, options: MaskOptions = {}): string {
  const tokens = tokenize(rawBody);
  return maskMembers(
    rawBody,
    tokens,
    apiKeyMembers(rawBody, tokens),
    options.secrets ?? [],
    options.truncated ?? false,
  );
}

function maskMembers(
  rawBody: string,
  tokens: Tokens,
  members: Member[],
  secretList: readonly string[],
  truncated: boolean,
): string {
  const secrets = secretPattern(secretList);
  const redactions = secrets ? encodedSecrets(rawBody, tokens, members, secrets) : [];
  const pieces: string[] = [];
  let at = 0;
  // Both lists are in text order and never overlap: merged as they are written, not sorted.
  let next = 0;
  for (const member of members) {
    for (; next < redactions.length && redactions[next].start < member.start; next++) {
      pieces.push(rawBody.slice(at, redactions[next].start), redactions[next].text);
      at = redactions[next].end;
    }
    // A value cut off (an unterminated string, or the end of a truncated head) has no real last four.
    const cutOff = (member.quoted && !member.quoted.closed) || (truncated && member.atEnd);
    const masked = cutOff ? "****" : maskSecret(member.value);
    pieces.push(rawBody.slice(at, member.start), member.quoted ? quotedAs(member.quoted, rawBody, masked) : masked);
    at = member.end;
  }
  for (; next < redactions.length; next++) {
    pieces.push(rawBody.slice(at, redactions[next].start), redactions[next].text);
    at = redactions[next].end;
  }
  pieces.push(rawBody.slice(at));
  // Secrets that span several tokens (a base64 key holds "=" and "/") or hide in percent-encoding.
  const masked = secrets ? redactWith(pieces.join(""), secrets) : pieces.join("");
  return truncated ? withoutCutOffSecret(masked, secretList) : masked;
}

/**
 * Secrets escaped inside a string or percent-encoded in a word, outside the apiKey members: found
 * in what the token says. Any other token says what its text says, and the pass over the whole
 * text finds them there.
 */
function encodedSecrets(text: string, tokens: Tokens, members: Member[], secrets: SecretPattern): Replacement[] {
  const redactions: Replacement[] = [];
  let next = 0;
  for (let index = 0; index < tokens.length; index++) {
    if (tokens.encoded[index] === 0) continue;
    const start = tokens.starts[index];
    const end = tokens.ends[index];
    while (next < members.length && members[next].end <= start) next++;
    if (next < members.length && members[next].start < end) continue;
    const value = decoded(text, tokens, index);
    secrets.pattern.lastIndex = 0;
    if (!secrets.pattern.test(value)) continue;
    const redacted = redactWith(value, secrets);
    const token = tokens.at(index) as Token;
    redactions.push({ start, end, text: token.kind === "quoted" ? quotedAs(token, text, redacted) : redacted });
  }
  return redactions;
}

// encodeURIComponent throws on a lone surrogate, which a sender's "apiKey" may well hold.
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

// The head of a long body may end inside a secret: its first characters are a secret's beginning.
function withoutCutOffSecret(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    for (let length = secret.length - 1; length >= 4; length--) {
      if (text.endsWith(secret.slice(0, length))) return `${text.slice(0, -length)}****`;
    }
  }
  return text;
}

/** Every given secret in a stored value (a subject, an error message) replaced by its mask, in one pass. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const pattern = secretPattern(secrets);
  return pattern ? redactWith(text, pattern) : text;
}

/** Card or account number with only the last four digits visible: `************1234`. */
export function maskAccountNumber(number: string): string {
  const visible = number.replace(/[^0-9A-Za-z]/g, "").slice(-4);
  return `${"*".repeat(Math.max(number.length - visible.length, 4))}${visible}`;
}

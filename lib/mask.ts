// Secrets and card numbers are masked before they are stored or shown.

/** `****3456`: enough to tell which key was used, never enough to use it. */
export function maskSecret(secret: string): string {
  if (/^\*{4}.{0,4}$/.test(secret)) return secret;
  const tail = secret.slice(-4);
  // The last four are shown only when they cannot change the syntax of the text around them.
  return secret.length >= 12 && /^[0-9A-Za-z._~-]{4}$/.test(tail) ? `****${tail}` : "****";
}

export interface MaskOptions {
  /** Values redacted wherever they appear (the configured PAYSSAM_API_KEYS). */
  secrets?: readonly string[];
  /** The text is the beginning of something longer, so a value may be cut off at its end. */
  truncated?: boolean;
}

// A rejected body is kept for inspection whatever its syntax, so the apiKey is found by a small
// lexer rather than by parsing: quoted strings (either quote, escapes, unterminated at the end of a
// truncated head), bare words and separators. A name that spells apiKey/apikey/api_key, followed
// by ":" or "=", has its value masked: JSON, JSON-like (single quotes, bare names, trailing commas)
// and form-encoded bodies alike.
const apiKeyName = /^api[-_]?key$/i;
const separators = new Set(["{", "}", "[", "]", ",", ":", "=", "&", ";", "?", "\n", "\r", "\t", " "]);
// Where a bare value ends: form-encoded values run to "&"; JSON-like ones to the next punctuation.
const formValueEnd = /[&;\s]/;
const jsonValueEnd = /[,}\]\s]/;

interface Token {
  start: number;
  end: number;
  kind: "quoted" | "bare" | "separator";
  closed: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const start = index;
    if (char === '"' || char === "'") {
      index++;
      while (index < text.length && text[index] !== char) index += text[index] === "\\" ? 2 : 1;
      const closed = index < text.length;
      index = Math.min(index + 1, text.length);
      tokens.push({ start, end: index, kind: "quoted", closed });
    } else if (separators.has(char)) {
      index++;
      tokens.push({ start, end: index, kind: "separator", closed: true });
    } else {
      while (index < text.length && !separators.has(text[index]) && text[index] !== '"' && text[index] !== "'") index++;
      tokens.push({ start, end: index, kind: "bare", closed: true });
    }
  }
  return tokens;
}

/** What a token says: quotes and escapes removed, percent-encoding decoded. */
function decoded(text: string, token: Token): string {
  const raw = text.slice(token.start, token.end);
  if (token.kind === "bare") {
    if (!raw.includes("%") && !raw.includes("+")) return raw;
    try {
      return decodeURIComponent(raw.replaceAll("+", " "));
    } catch {
      return raw;
    }
  }
  const inner = raw.slice(1, token.closed ? -1 : undefined);
  if (!inner.includes("\\")) return inner;
  try {
    // Single-quoted text may hold bare double quotes and escaped single ones: made JSON first.
    return JSON.parse(`"${inner.replaceAll("\\'", "'").replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`);
  } catch {
    return inner;
  }
}

const isBlank = (text: string, token: Token) => token.kind === "separator" && /\s/.test(text[token.start]);

function nextSolid(text: string, tokens: Token[], from: number): number {
  let index = from;
  while (index < tokens.length && isBlank(text, tokens[index])) index++;
  return index;
}

type Replacement = { start: number; end: number; text: string };

function quotedAs(token: Token, text: string, value: string): string {
  const quote = text[token.start];
  const escaped = JSON.stringify(value).slice(1, -1);
  const inner = quote === "'" ? escaped.replaceAll('\\"', '"').replaceAll("'", "\\'") : escaped;
  return `${quote}${inner}${token.closed ? quote : ""}`;
}

function redactIn(value: string, secrets: readonly string[]): string {
  let redacted = value;
  for (const secret of secrets) redacted = redacted.replaceAll(secret, maskSecret(secret));
  return redacted;
}

/** The apiKey values found in a body, whatever its syntax (to check them or to redact them elsewhere). */
export function apiKeyValues(text: string): string[] {
  return apiKeyMembers(text, tokenize(text)).map((member) => member.value);
}

function apiKeyMembers(text: string, tokens: Token[]) {
  const members: { start: number; end: number; value: string; token: Token | null }[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const name = tokens[index];
    if (name.kind === "separator" || !apiKeyName.test(decoded(text, name).trim())) continue;
    const operator = nextSolid(text, tokens, index + 1);
    const sign = tokens[operator] ? text[tokens[operator].start] : "";
    if (sign !== ":" && sign !== "=") continue;
    // A form value starts right after "="; a JSON-like one after optional blanks.
    const valueIndex = sign === "=" ? operator + 1 : nextSolid(text, tokens, operator + 1);
    const value = tokens[valueIndex];
    if (!value) {
      members.push({ start: text.length, end: text.length, value: "", token: null });
      continue;
    }
    if (value.kind === "quoted") {
      members.push({ start: value.start, end: value.end, value: decoded(text, value), token: value });
    } else if (value.kind === "bare" || (sign === "=" && !formValueEnd.test(text[value.start]))) {
      const rest = text.slice(value.start);
      const length = rest.search(sign === "=" ? formValueEnd : jsonValueEnd);
      const end = value.start + (length === -1 ? rest.length : length);
      members.push({ start: value.start, end, value: text.slice(value.start, end), token: null });
    }
  }
  return members;
}

/**
 * The raw body as it may be stored and shown: every apiKey value masked, whatever the body's syntax,
 * and every configured secret redacted wherever it appears (also escaped, percent-encoded, or cut
 * off at the end of a truncated head). Works on text that is not valid JSON, since refused bodies
 * are kept too.
 */
export function maskRawBody(rawBody: string, options: MaskOptions = {}): string {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const tokens = tokenize(rawBody);
  const replacements: Replacement[] = [];
  for (const member of apiKeyMembers(rawBody, tokens)) {
    // A value cut off (an unterminated string, or the end of a truncated head) has no real last four.
    const cutOff = (member.token && !member.token.closed) || (options.truncated && member.end === rawBody.length);
    const masked = cutOff ? "****" : maskSecret(member.value);
    replacements.push({
      start: member.start,
      end: member.end,
      text: member.token ? quotedAs(member.token, rawBody, masked) : masked,
    });
  }
  if (secrets.length > 0) {
    for (const token of tokens) {
      if (
        token.kind === "separator" ||
        replacements.some((taken) => token.start < taken.end && taken.start < token.end)
      ) {
        continue;
      }
      const value = decoded(rawBody, token);
      if (!secrets.some((secret) => value.includes(secret))) continue;
      const redacted = redactIn(value, secrets);
      replacements.push({
        start: token.start,
        end: token.end,
        text: token.kind === "quoted" ? quotedAs(token, rawBody, redacted) : redacted,
      });
    }
  }
  let masked = rawBody;
  for (const replacement of replacements.sort((a, b) => b.start - a.start)) {
    masked = `${masked.slice(0, replacement.start)}${replacement.text}${masked.slice(replacement.end)}`;
  }
  // Secrets that span several tokens (a base64 key holds "=" and "/") or hide in percent-encoding.
  for (const secret of secrets) {
    masked = masked.replaceAll(secret, maskSecret(secret)).replaceAll(percentEncoded(secret), maskSecret(secret));
  }
  return options.truncated ? withoutCutOffSecret(masked, secrets) : masked;
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

/** Every configured secret in a stored value (a subject, an error message) replaced by its mask. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return redactIn(
    text,
    secrets.filter((secret) => secret.length > 0),
  );
}

/** Card or account number with only the last four digits visible: `************1234`. */
export function maskAccountNumber(number: string): string {
  const visible = number.replace(/[^0-9A-Za-z]/g, "").slice(-4);
  return `${"*".repeat(Math.max(number.length - visible.length, 4))}${visible}`;
}

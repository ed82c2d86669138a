// PostgreSQL text cannot hold NUL, and an unpaired UTF-16 surrogate is either refused (jsonb) or
// silently turned into U+FFFD on the way (postgres.js encodes strings as UTF-8). Everything stored
// about a delivery goes through here, so that a refusal can always be logged: such characters are
// written as their JSON escapes (`\u0000`, `\ud800`), visible and harmless.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  unstorable.lastIndex = 0;
  if (!unstorable.test(text)) return text;
  return text.replace(unstorable, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** What is wrong with a string that cannot be stored as it is, or null when nothing is. */
export function unstorableCharacter(text: string): string | null {
  unstorable.lastIndex = 0;
  const found = unstorable.exec(text);
  if (!found) return null;
  return found[0] === "\u0000"
    ? "contains a NUL character (\\u0000)"
    : `contains an unpaired surrogate (\\u${found[0].charCodeAt(0).toString(16)}), which is not a character`;
}

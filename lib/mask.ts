// Secrets and card numbers are masked before they are stored or shown.

/** `****3456`: enough to tell which key was used, never enough to use it. */
export function maskSecret(secret: string): string {
  if (/^\*{4}.{0,4}$/.test(secret)) return secret;
  return secret.length >= 12 ? `****${secret.slice(-4)}` : "****";
}

// A JSON string token: the value of "apiKey"/"apikey", whatever else the body contains.
const API_KEY_MEMBER = /("api[kK]ey"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

/**
 * The raw body with every apiKey value masked, and NUL characters (which PostgreSQL text
 * cannot hold) made visible. Works on text that is not valid JSON, since rejected bodies are kept too.
 */
export function maskRawBody(rawBody: string): string {
  return rawBody
    .replace(API_KEY_MEMBER, (_, open: string, value: string, close: string) => `${open}${maskSecret(value)}${close}`)
    .replaceAll("\u0000", "\\u0000");
}

/** Card or account number with only the last four digits visible: `************1234`. */
export function maskAccountNumber(number: string): string {
  const visible = number.replace(/[^0-9A-Za-z]/g, "").slice(-4);
  return `${"*".repeat(Math.max(number.length - visible.length, 4))}${visible}`;
}

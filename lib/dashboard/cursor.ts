// Keyset pagination cursors: the sort value and id of the row a page starts after (or before).
// Opaque in the URL (base64url JSON) so nobody builds them by hand; a damaged one is ignored.

export type CursorValue = string | number;
export interface Cursor {
  value: CursorValue;
  id: number;
}

// btoa/atob rather than Buffer: this module is also bundled for the browser through search-params.
export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify([cursor.value, cursor.id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const decoded: unknown = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [value, id] = decoded;
    if (!Number.isSafeInteger(id) || id < 1) return null;
    if (typeof value === "number" && Number.isSafeInteger(value)) return { value, id };
    // Timestamps travel as PostgreSQL's own text form, which keeps microseconds (a JS Date would not).
    if (typeof value === "string" && isPostgresTimestamp(value)) return { value, id };
    return null;
  } catch {
    return null;
  }
}

// `2026-11-26 03:00:00.123456+00`: what timestamptz::text gives, so PostgreSQL can cast it back.
const POSTGRES_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(?::?(\d{2}))?$/;

function isPostgresTimestamp(value: string): boolean {
  const match = POSTGRES_TIMESTAMP.exec(value);
  if (!match) return false;
  const [, date, time, hours, minutes] = match;
  return !Number.isNaN(Date.parse(`${date}T${time.slice(0, 12)}${hours}:${minutes ?? "00"}`));
}

// Keyset pagination cursors: the sort value and id of the row a page starts after (or before).
// Opaque in the URL (base64url JSON) so nobody builds them by hand; a damaged one, or one whose
// values PostgreSQL would refuse, is ignored (and the page says so).

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

// A real cursor is under 80 characters; anything much longer is not one of ours.
const maxCursorLength = 200;

export function decodeCursor(text: string): Cursor | null {
  if (text.length > maxCursorLength) return null;
  try {
    const decoded: unknown = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [value, id] = decoded;
    if (!Number.isSafeInteger(id) || id < 1) return null;
    // Amounts: whole won, as bigint columns hold them.
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return { value, id };
    // Timestamps travel as PostgreSQL's own text form, which keeps microseconds (a JS Date would not).
    if (typeof value === "string" && isPostgresTimestamp(value)) return { value, id };
    return null;
  } catch {
    return null;
  }
}

// `2026-11-26 03:00:00.123456+00`: what timestamptz::text gives, so PostgreSQL can cast it back.
const POSTGRES_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?([+-])(\d{2})(?::?(\d{2}))?$/;

// Real ranges, checked here because PostgreSQL refuses the rest with an error (year 0000, an
// offset of +20) and a cursor comes from the URL, where anyone can write anything.
// The floor is lib/kst.ts's: no PaySsam time before 1900 is stored.
export const cursorYears = { min: 1900, max: 9999 } as const;
const maxOffsetMinutes = 14 * 60;

function isPostgresTimestamp(value: string): boolean {
  const match = POSTGRES_TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetMinutes = Number(match[8]) * 60 + Number(match[9] ?? 0);
  if (year < cursorYears.min || year > cursorYears.max) return false;
  if (hour > 23 || minute > 59 || second > 59 || Number(match[9] ?? 0) > 59 || offsetMinutes > maxOffsetMinutes) {
    return false;
  }
  // A day that exists in that month (Date.UTC would roll 30 February into March).
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

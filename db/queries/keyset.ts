import "server-only";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { type Cursor, decodeCursor, encodeCursor } from "@/lib/dashboard/cursor";

// Keyset pagination shared by every list: a page is "the next N rows after (value, id)" in the
// sort order, so page 1,000 costs what page 1 costs (an OFFSET would read every row before it).

export interface KeysetRequest {
  sortColumn: AnyColumn;
  // How the cursor's value is cast back: timestamps travel as text, amounts as numbers.
  cast: "timestamptz" | "bigint";
  descending: boolean;
  after?: Cursor | null;
  before?: Cursor | null;
  size: number;
}

export interface KeysetPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  prevCursor: string | null;
}

/** The URL's cursor, when it is one for this sort (a price cursor cannot continue a date sort). */
export function cursorFor(text: string | undefined, cast: KeysetRequest["cast"]): Cursor | null {
  const cursor = text ? decodeCursor(text) : null;
  if (!cursor) return null;
  return (typeof cursor.value === "number") === (cast === "bigint") ? cursor : null;
}

export function keysetCondition(request: KeysetRequest, idColumn: AnyColumn): SQL | undefined {
  const cursor = request.after ?? request.before;
  if (!cursor) return undefined;
  const value = request.cast === "timestamptz" ? sql`${cursor.value}::timestamptz` : sql`${cursor.value}::bigint`;
  // Going back (before) in a descending list means looking at larger keys, and vice versa.
  const greater = request.descending === Boolean(request.before);
  return greater
    ? sql`(${request.sortColumn}, ${idColumn}) > (${value}, ${cursor.id})`
    : sql`(${request.sortColumn}, ${idColumn}) < (${value}, ${cursor.id})`;
}

export function keysetOrder(request: KeysetRequest, idColumn: AnyColumn): SQL[] {
  // A "before" page is read in reverse and flipped back afterwards.
  const descending = request.before ? !request.descending : request.descending;
  // Spelled to match the indexes (drizzle-kit writes DESC NULLS LAST): a plain DESC means NULLS
  // FIRST, which PostgreSQL will not read from those indexes, and every page would sort the table.
  return descending
    ? [sql`${request.sortColumn} desc nulls last`, sql`${idColumn} desc nulls last`]
    : [sql`${request.sortColumn} asc nulls first`, sql`${idColumn} asc nulls first`];
}

/** Trims the extra row fetched to learn whether another page exists, and makes the cursors. */
export function keysetPage<Row extends { id: number; cursorValue: string | number }>(
  request: KeysetRequest,
  fetched: Row[],
): KeysetPage<Row> {
  const more = fetched.length > request.size;
  const rows = fetched.slice(0, request.size);
  if (request.before) rows.reverse();
  const cursorOf = (row: Row | undefined) => (row ? encodeCursor({ value: row.cursorValue, id: row.id }) : null);
  const hasNext = request.before ? true : more;
  const hasPrev = request.before ? more : Boolean(request.after);
  return {
    rows,
    nextCursor: hasNext && rows.length > 0 ? cursorOf(rows.at(-1)) : null,
    prevCursor: hasPrev && rows.length > 0 ? cursorOf(rows[0]) : null,
  };
}

/** Every row of a keyset-paged list, page after page, each page fetched once the last is taken. */
export async function* keysetBatches<Row>(
  fetchPage: (after: string | undefined) => Promise<KeysetPage<Row>>,
): AsyncGenerator<Row[], void> {
  let after: string | undefined;
  do {
    const page = await fetchPage(after);
    if (page.rows.length > 0) yield page.rows;
    after = page.nextCursor ?? undefined;
  } while (after);
}

/** `LIKE` pattern text with its wildcards escaped. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

// Counting a million rows on every request is what makes lists slow: counts stop here and
// the page says "10,000건 이상" instead.
export const countCap = 10_000;

/** Newest first, in the order of the (… DESC NULLS LAST, id DESC NULLS LAST) indexes. */
export function newestFirst(column: AnyColumn, idColumn: AnyColumn): SQL[] {
  return [sql`${column} desc nulls last`, sql`${idColumn} desc nulls last`];
}

import "server-only";
import { type AnyColumn, and, type SQL, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { Database } from "@/db";
import { type Cursor, decodeCursor, encodeCursor } from "@/lib/dashboard/cursor";
import { rowCount } from "./conditions";

// Keyset pagination shared by every list: a page is "the next N rows after (value, id)" in the
// sort order, so page 1,000 costs what page 1 costs (an OFFSET would read every row before it).

/** A list's order: its sort column, then its id to break ties. */
export interface KeysetSort {
  sortColumn: AnyColumn;
  idColumn: AnyColumn;
  // How the cursor's value is cast back: timestamps travel as text, amounts as numbers.
  cast: "timestamptz" | "bigint";
  descending: boolean;
}

export interface KeysetRequest extends KeysetSort {
  after?: Cursor | null;
  before?: Cursor | null;
  size: number;
}

/** Where a list's URL (or an export's batch) says to start, and how many rows it shows. */
export interface KeysetPosition {
  after?: string;
  before?: string;
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

/** Newest (or, `descending` false, oldest) first by a timestamp, then by id. */
export function timeOrder(sortColumn: AnyColumn, idColumn: AnyColumn, descending = true): KeysetSort {
  return { sortColumn, idColumn, cast: "timestamptz", descending };
}

/** A page of `position.size` rows in this order, from the URL's cursors. */
function keysetRequest(sort: KeysetSort, position: KeysetPosition): KeysetRequest {
  return {
    ...sort,
    after: cursorFor(position.after, sort.cast),
    before: cursorFor(position.before, sort.cast),
    size: position.size,
  };
}

/** The column every list selects as `cursorValue`: the sort value as a cursor carries it. */
function cursorValue(sort: KeysetSort): SQL<string> | SQL<number> {
  return sort.cast === "bigint"
    ? sql<number>`${sort.sortColumn}`.mapWith(Number)
    : sql<string>`${sort.sortColumn}::text`.mapWith(String);
}

function keysetCondition(request: KeysetRequest): SQL | undefined {
  const cursor = request.after ?? request.before;
  if (!cursor) return undefined;
  const value = request.cast === "timestamptz" ? sql`${cursor.value}::timestamptz` : sql`${cursor.value}::bigint`;
  // Going back (before) in a descending list means looking at larger keys, and vice versa.
  const greater = request.descending === Boolean(request.before);
  return greater
    ? sql`(${request.sortColumn}, ${request.idColumn}) > (${value}, ${cursor.id})`
    : sql`(${request.sortColumn}, ${request.idColumn}) < (${value}, ${cursor.id})`;
}

function keysetOrder(request: KeysetRequest): SQL[] {
  // A "before" page is read in reverse and flipped back afterwards.
  const descending = request.before ? !request.descending : request.descending;
  // Spelled to match the indexes (drizzle-kit writes DESC NULLS LAST): a plain DESC means NULLS
  // FIRST, which PostgreSQL will not read from those indexes, and every page would sort the table.
  return descending
    ? [sql`${request.sortColumn} desc nulls last`, sql`${request.idColumn} desc nulls last`]
    : [sql`${request.sortColumn} asc nulls first`, sql`${request.idColumn} asc nulls first`];
}

/**
 * One page of a list in `order`: its select (`$dynamic()`, given the `cursorValue` column to
 * include) narrowed by the filters' WHERE and the cursor, in key order, one row more than the page
 * to learn whether another follows.
 */
export async function fetchKeysetPage<Query extends PgSelect & PromiseLike<KeyedRow[]>>(
  order: KeysetSort,
  position: KeysetPosition,
  where: SQL | undefined,
  select: (cursorValue: SQL<string> | SQL<number>) => Query,
): Promise<KeysetPage<Awaited<Query>[number]>> {
  const request = keysetRequest(order, position);
  const fetched: Awaited<Query> = await select(cursorValue(order))
    .where(and(where, keysetCondition(request)))
    .orderBy(...keysetOrder(request))
    .limit(request.size + 1);
  return keysetPage(request, fetched);
}

type KeyedRow = { id: number; cursorValue: string | number };

/** Trims the extra row fetched to learn whether another page exists, and makes the cursors. */
function keysetPage<Row extends KeyedRow>(request: KeysetRequest, fetched: Row[]): KeysetPage<Row> {
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

/**
 * Every row of a keyset-paged list matching the filters, in list order, a batch at a time (the
 * exports), each batch fetched once the last is taken.
 */
export async function* keysetBatches<Filters extends KeysetPosition, Row>(
  filters: Filters,
  batchSize: number,
  fetchPage: (filters: Filters) => Promise<KeysetPage<Row>>,
): AsyncGenerator<Row[], void> {
  let after: string | undefined;
  do {
    const page = await fetchPage({ ...filters, after, before: undefined, size: batchSize });
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

export interface CappedCount {
  count: number;
  capped: boolean;
}

/** How many rows a select (`$dynamic()`) finds, counted up to countCap: the count stops reading there. */
export async function cappedCount(db: Database, matching: PgSelect): Promise<CappedCount> {
  const limited = matching.limit(countCap + 1).as("matching");
  const [row] = await db.select({ count: rowCount() }).from(limited);
  return { count: Math.min(row.count, countCap), capped: row.count > countCap };
}

/** Newest first, in the order of the (… DESC NULLS LAST, id DESC NULLS LAST) indexes. */
export function newestFirst(column: AnyColumn, idColumn: AnyColumn): SQL[] {
  return [sql`${column} desc nulls last`, sql`${idColumn} desc nulls last`];
}

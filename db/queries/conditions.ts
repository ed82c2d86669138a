import "server-only";
import { getTableColumns, type SQL, type SQLWrapper, sql, type Table } from "drizzle-orm";
import { addDays, kstDayStart } from "@/lib/kst";

// What the list queries share besides keyset paging: WHERE pieces, the columns a list reads, counts and sums.

/**
 * Values starting with `prefix`, as a range on the pattern-ops operators rather than LIKE: it uses
 * a text_pattern_ops index even as a parameter of a prepared statement, where LIKE $1 cannot.
 */
export function prefixRange(expression: SQLWrapper, prefix: string): SQL[] {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return [sql`${expression} ~>=~ ${prefix}`, sql`${expression} ~<~ ${upper}`];
}

/** Times within KST calendar days (yyyy-MM-dd), both included. */
export function kstDayRange(column: SQLWrapper, range: { from?: string; to?: string }): SQL[] {
  const conditions: SQL[] = [];
  const from = range.from ? kstDayStart(range.from) : null;
  if (from) conditions.push(sql`${column} >= ${from.toISOString()}::timestamptz`);
  const to = range.to ? kstDayStart(range.to) : null;
  if (to) conditions.push(sql`${column} < ${addDays(to, 1).toISOString()}::timestamptz`);
  return conditions;
}

/** The named columns of a table, as a select takes them: a list reads only what it shows. */
export function pickColumns<T extends Table, const K extends keyof T["_"]["columns"]>(
  table: T,
  keys: readonly K[],
): Pick<T["_"]["columns"], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, columns[key as string]])) as Pick<T["_"]["columns"], K>;
}

/** `count(*)` as a number. */
export const rowCount = () => sql<number>`count(*)::int`.mapWith(Number);

/** The sum of a won column (0 over no rows) as exact text: a bigint sum the caller converts. */
export const wonSumText = (column: SQLWrapper) => sql<string>`coalesce(sum(${column}), 0)::text`;

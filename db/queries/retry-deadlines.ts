import "server-only";
import { inArray, sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { type CallbackKind, callbackDeliveries, refusedDeliveryCondition } from "@/db/schema";
import type { RefusedDelivery, StoredDelivery } from "@/lib/callbacks/retry-deadlines";

// 재시도 마감: the refused deliveries of the last few days and what resolved them. Bounded by time,
// not by the log's size: refusals are read from their own partial index
// (callback_deliveries_refused_idx), and the deliveries that may resolve them through the subject
// and reprocess_of indexes, so the cost follows the number of refusals in the window.

// The rows are read with db.execute and turned into objects here, not through drizzle's select:
// its per-row mapping checks every column's class for every field, which was 9 ms of the
// overview's CPU at 10,000,000 approvals (3,300 rows; the profile in the README). Times come as
// epoch milliseconds and ids as float8, so no row needs a decoder.
interface RefusedRow {
  id: number;
  kind: RefusedDelivery["kind"];
  subject: string | null;
  body_hash: string | null;
  received_ms: number;
}

interface StoredRow {
  id: number;
  kind: StoredDelivery["kind"];
  subject: string | null;
  received_ms: number;
  reprocess_of: number | null;
}

/**
 * Up to `limit` refusals (not reprocessings) received since `from`, newest first; only those of
 * one subject when `of` is given.
 */
export async function getRefusedDeliveries(
  db: Database,
  from: Date,
  limit: number,
  of?: { kind: CallbackKind; subject: string },
): Promise<RefusedDelivery[]> {
  const where = of ? sql`kind = ${of.kind} AND subject = ${of.subject}` : sql`true`;
  // Subject-less refusals (not JSON, too large) are grouped by their bytes.
  const rows = rowsOf<RefusedRow>(
    await db.execute(sql`
      SELECT id::float8 AS id, kind, subject,
        case when subject is null then md5(raw_body) end AS body_hash,
        (extract(epoch from received_at) * 1000)::float8 AS received_ms
      FROM ${callbackDeliveries}
      WHERE ${refusedDeliveryCondition} AND reprocess_of IS NULL AND received_at >= ${from.toISOString()}::timestamptz
        AND ${where}
      ORDER BY received_at DESC NULLS LAST, id DESC NULLS LAST
      LIMIT ${limit}`),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    subject: row.subject,
    bodyHash: row.body_hash,
    receivedAt: new Date(Number(row.received_ms)),
  }));
}

/** Stored deliveries since `from` that may resolve these refusals: same subject, or their reprocessing. */
export async function getResolvingDeliveries(
  db: Database,
  refused: RefusedDelivery[],
  from: Date,
): Promise<StoredDelivery[]> {
  const subjects = [...new Set(refused.flatMap((delivery) => (delivery.subject === null ? [] : [delivery.subject])))];
  const ids = refused.map((delivery) => delivery.id);
  // Joined to a list rather than "subject IN (…)": PostgreSQL then probes the index once per
  // subject (a nested loop), three times faster here than its scan of an IN list. Chunked, and
  // the chunks run side by side.
  const chunk = 2_000;
  const lookups: Promise<StoredDelivery[]>[] = [];
  for (let start = 0; start < subjects.length; start += chunk) {
    lookups.push(storedDeliveriesJoined(db, "subject", subjects.slice(start, start + chunk), from));
  }
  for (let start = 0; start < ids.length; start += chunk) {
    lookups.push(storedDeliveriesJoined(db, "reprocess_of", ids.slice(start, start + chunk), from));
  }
  return (await Promise.all(lookups)).flat();
}

/** Stored (accepted or duplicate) deliveries whose subject, or reprocess_of, is in `keys`. */
async function storedDeliveriesJoined(
  db: Database,
  column: "subject" | "reprocess_of",
  keys: (string | number)[],
  from: Date,
): Promise<StoredDelivery[]> {
  // One array parameter rather than one parameter per key: a statement with hundreds of
  // parameters cost 10–50 ms more to plan and send here than the join itself.
  const wanted =
    column === "subject"
      ? sql`unnest(${arrayLiteral(keys.map(String))}::text[]) AS wanted(key) JOIN ${callbackDeliveries} d ON d.subject = wanted.key`
      : sql`unnest(${arrayLiteral(keys.map(String))}::bigint[]) AS wanted(key) JOIN ${callbackDeliveries} d ON d.reprocess_of = wanted.key`;
  const rows = rowsOf<StoredRow>(
    await db.execute(sql`
      SELECT d.id::float8 AS id, d.kind, d.subject, d.reprocess_of::float8 AS reprocess_of,
        (extract(epoch from d.received_at) * 1000)::float8 AS received_ms
      FROM ${wanted}
      WHERE d.outcome IN ('accepted', 'duplicate') AND d.received_at >= ${from.toISOString()}::timestamptz`),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    subject: row.subject,
    receivedAt: new Date(Number(row.received_ms)),
    reprocessOf: row.reprocess_of === null ? null : Number(row.reprocess_of),
  }));
}

/** A PostgreSQL array literal: every element quoted, with backslash and double quote escaped. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/** The stored rows behind the refusals a page shows: their codes, errors and bodies, for the explanations. */
export async function getRefusalDetails(db: Database, ids: number[]) {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: callbackDeliveries.id,
      kind: callbackDeliveries.kind,
      errorCode: callbackDeliveries.errorCode,
      errorMessage: callbackDeliveries.errorMessage,
      errors: callbackDeliveries.errors,
      rawBody: callbackDeliveries.rawBody,
      bodyBytes: callbackDeliveries.bodyBytes,
    })
    .from(callbackDeliveries)
    .where(inArray(callbackDeliveries.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

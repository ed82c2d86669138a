import "server-only";
import { inArray, type SQL, sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { type CallbackKind, callbackDeliveries, refusedDeliveryCondition } from "@/db/schema";
import {
  type RefusedDelivery,
  type RetryEpisode,
  retryEpisodes,
  retryWindowMs,
  type StoredDelivery,
} from "@/lib/callbacks/retry-deadlines";
import { DAY_MS, HOUR_MS } from "@/lib/kst";

// 재시도 마감: the refused deliveries of the last few days and what resolved them. Bounded by time,
// not by the log's size: refusals are read from their own partial index
// (callback_deliveries_refused_idx), and the deliveries that may resolve them through the subject
// and reprocess_of indexes, so the cost follows the number of refusals in the window.

/** More refusals than this in one window is a flood with one cause; the newest are enough to see it. */
export const refusalReadCap = 20_000;

export interface RetryEpisodeWindow {
  episodes: RetryEpisode[];
  /** Refusals were cut at refusalReadCap: the oldest episodes of the window may be missing or short. */
  capped: boolean;
  since: Date;
}

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

/** Refusals (not reprocessings) received since `from` that also match `where`, newest first. */
async function readRefusals(from: Date, where: SQL, limit: number): Promise<RefusedDelivery[]> {
  const db = await getDb();
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

export async function getRetryEpisodes(days: number, now = new Date()): Promise<RetryEpisodeWindow> {
  const since = new Date(now.getTime() - days * DAY_MS);
  // One retry window earlier, so an episode that began just before `since` keeps its true start.
  const readFrom = new Date(since.getTime() - retryWindowMs);
  const rows = await readRefusals(readFrom, sql`true`, refusalReadCap + 1);
  const capped = rows.length > refusalReadCap;
  const refused = rows.slice(0, refusalReadCap);

  const stored = refused.length === 0 ? [] : await getResolvingDeliveries(refused, readFrom);
  const episodes = retryEpisodes(refused, stored, now).filter((episode) => episode.firstRefusedAt >= since);
  return { episodes, capped, since };
}

/**
 * One subject's episodes, built as /retry-deadlines builds them: for its alerts. Two retry windows
 * back, so the episode of a refusal near its deadline is read from its true start.
 */
export async function getSubjectRetryEpisodes(
  kind: CallbackKind,
  subject: string,
  now = new Date(),
): Promise<RetryEpisode[]> {
  const readFrom = new Date(now.getTime() - 2 * retryWindowMs - HOUR_MS);
  const refused = await readRefusals(readFrom, sql`kind = ${kind} AND subject = ${subject}`, refusalReadCap);
  const stored = refused.length === 0 ? [] : await getResolvingDeliveries(refused, readFrom);
  return retryEpisodes(refused, stored, now);
}

async function getResolvingDeliveries(refused: RefusedDelivery[], from: Date): Promise<StoredDelivery[]> {
  const subjects = [...new Set(refused.flatMap((delivery) => (delivery.subject === null ? [] : [delivery.subject])))];
  const ids = refused.map((delivery) => delivery.id);
  // Joined to a list rather than "subject IN (…)": PostgreSQL then probes the index once per
  // subject (a nested loop), three times faster here than its scan of an IN list. Chunked, and
  // the chunks run side by side.
  const chunk = 2_000;
  const lookups: Promise<StoredDelivery[]>[] = [];
  for (let start = 0; start < subjects.length; start += chunk) {
    lookups.push(storedDeliveriesJoined("subject", subjects.slice(start, start + chunk), from));
  }
  for (let start = 0; start < ids.length; start += chunk) {
    lookups.push(storedDeliveriesJoined("reprocess_of", ids.slice(start, start + chunk), from));
  }
  return (await Promise.all(lookups)).flat();
}

/** Stored (accepted or duplicate) deliveries whose subject, or reprocess_of, is in `keys`. */
async function storedDeliveriesJoined(
  column: "subject" | "reprocess_of",
  keys: (string | number)[],
  from: Date,
): Promise<StoredDelivery[]> {
  const db = await getDb();
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
export async function getRefusalDetails(ids: number[]) {
  if (ids.length === 0) return new Map();
  const db = await getDb();
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

import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { approvals, merchants, type ReviewStatus } from "@/db/schema";
import { formatKstDate, kstDayStart } from "@/lib/kst";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight KST of today and of the first of the last 7 and 30 days (today included). */
export function overviewWindows(now = new Date()) {
  const today = kstDayStart(formatKstDate(now))!;
  return {
    today,
    week: new Date(today.getTime() - 6 * DAY_MS),
    month: new Date(today.getTime() - 29 * DAY_MS),
  };
}

/** Whether nothing has been received yet: no merchants and no approvals (what 데모 데이터 넣기 needs). */
export async function isDatabaseEmpty(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ used: sql<boolean>`exists (select 1 from ${merchants}) or exists (select 1 from ${approvals})` })
    .from(sql`(select 1) as one`);
  return !row.used;
}

/** Live (not deleted) merchants per review status. */
export async function getMerchantCountsByStatus() {
  const db = await getDb();
  const rows = await db
    .select({ reviewStatus: merchants.reviewStatus, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(merchants)
    .where(eq(merchants.isDeleted, false))
    .groupBy(merchants.reviewStatus);
  return Object.fromEntries(rows.map((row) => [row.reviewStatus, row.count])) as Partial<Record<ReviewStatus, number>>;
}

export interface DailyApprovals {
  day: string;
  count: number;
  sum: number;
}

/**
 * Approved (F) payments per KST day over the last 30 days. Reads only those 30 days through
 * approvals_state_appr_dt_idx, whatever the table's size.
 */
export async function getDailyApprovals(now = new Date()): Promise<DailyApprovals[]> {
  const db = await getDb();
  const { month } = overviewWindows(now);
  // A fixed +9 hours rather than a zone name: Korea has no DST, and the result does not depend
  // on the database's time zone data.
  // Grouped by the date and formatted after grouping: a hash of 30 dates instead of a sort of
  // ~80,000 strings, which spilled to disk at 1,000,000 approvals (bench/, issue 5).
  const kstDate = sql`((${approvals.apprDt} at time zone 'UTC') + interval '9 hours')::date`;
  const rows = await db
    .select({
      day: sql<string>`to_char(${kstDate}, 'YYYY-MM-DD')`,
      count: sql<number>`count(*)::int`.mapWith(Number),
      sum: sql<string>`sum(${approvals.apprPrice})::text`,
    })
    .from(approvals)
    .where(and(eq(approvals.apprState, "F"), gte(approvals.apprDt, month)))
    .groupBy(kstDate);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: 30 }, (_, index) => {
    const day = formatKstDate(new Date(month.getTime() + index * DAY_MS));
    const row = byDay.get(day);
    return { day, count: row?.count ?? 0, sum: row ? Number(row.sum) : 0 };
  });
}

export function totalsSince(days: DailyApprovals[], since: Date) {
  const first = formatKstDate(since);
  const included = days.filter((day) => day.day >= first);
  return {
    count: included.reduce((total, day) => total + day.count, 0),
    sum: included.reduce((total, day) => total + day.sum, 0),
  };
}

import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { approvalDailyTotals, approvals, merchants } from "@/db/schema";
import { addDays, formatKstDate, kstMidnight } from "@/lib/kst";
import { countMerchantsByStatus } from "./merchant-status-counts";

/** Midnight KST of today and of the first of the last 7 and 30 days (today included). */
export function overviewWindows(now = new Date()) {
  const today = kstMidnight(now);
  return { today, week: addDays(today, -6), month: addDays(today, -29) };
}

/** Whether nothing has been received yet: no merchants and no approvals (what 데모 데이터 넣기 needs). */
export async function isDatabaseEmpty(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ used: sql<boolean>`exists (select 1 from ${merchants}) or exists (select 1 from ${approvals})` })
    .from(sql`(select 1) as one`);
  return !row.used;
}

/** Live (not deleted) merchants per review status, from merchant_status_counts (kept by a trigger). */
export async function getMerchantCountsByStatus() {
  return countMerchantsByStatus({ includeDeleted: false });
}

export interface DailyApprovals {
  day: string;
  count: number;
  sum: number;
}

/**
 * Approved (F) payments per KST day over the last 30 days, from approval_daily_totals (kept exact
 * by the receiver's statement): 30 days × a few pay types, whatever the approvals table's size.
 */
export async function getDailyApprovals(now = new Date()): Promise<DailyApprovals[]> {
  const db = await getDb();
  const { month } = overviewWindows(now);
  const rows = await db
    .select({
      day: sql<string>`${approvalDailyTotals.day}::text`,
      count: sql<number>`sum(${approvalDailyTotals.approvals})::int`.mapWith(Number),
      sum: sql<string>`sum(${approvalDailyTotals.amount})::text`,
    })
    .from(approvalDailyTotals)
    .where(and(eq(approvalDailyTotals.apprState, "F"), gte(approvalDailyTotals.day, formatKstDate(month))))
    .groupBy(approvalDailyTotals.day);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: 30 }, (_, index) => {
    const day = formatKstDate(addDays(month, index));
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

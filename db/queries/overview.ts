import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { approvalDailyTotals, approvals, merchants } from "@/db/schema";
import { formatKstDate } from "@/lib/kst";
import { countMerchantsByStatus } from "./merchant-status-counts";

/** Whether nothing has been received yet: no merchants and no approvals (what 데모 데이터 넣기 needs). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ used: sql<boolean>`exists (select 1 from ${merchants}) or exists (select 1 from ${approvals})` })
    .from(sql`(select 1) as one`);
  return !row.used;
}

/** Live (not deleted) merchants per review status, from merchant_status_counts (kept by a trigger). */
export async function getMerchantCountsByStatus(db: Database) {
  return countMerchantsByStatus(db, { includeDeleted: false });
}

/**
 * Approved (F) payments per KST day from `since` (a KST midnight), from approval_daily_totals (kept
 * exact by the receiver's statement): one row per day, whatever the approvals table's size.
 * Days without approvals are absent.
 */
export async function getApprovedDailyTotals(db: Database, since: Date) {
  const rows = await db
    .select({
      day: sql<string>`${approvalDailyTotals.day}::text`,
      count: sql<number>`sum(${approvalDailyTotals.approvals})::int`.mapWith(Number),
      sum: sql<string>`sum(${approvalDailyTotals.amount})::text`,
    })
    .from(approvalDailyTotals)
    .where(and(eq(approvalDailyTotals.apprState, "F"), gte(approvalDailyTotals.day, formatKstDate(since))))
    .groupBy(approvalDailyTotals.day);
  return rows.map((row) => ({ day: row.day, count: row.count, sum: Number(row.sum) }));
}

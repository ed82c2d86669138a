import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { merchantStatusCounts, type ReviewStatus } from "@/db/schema";

/**
 * Merchants per review status from merchant_status_counts: a few dozen rows, whatever the number
 * of merchants (the trigger in migration 0006 keeps it exact). Statuses without merchants are absent.
 */
export async function countMerchantsByStatus(db: Database, options: { includeDeleted: boolean }) {
  const rows = await db
    .select({
      reviewStatus: merchantStatusCounts.reviewStatus,
      count: sql<number>`sum(${merchantStatusCounts.merchants})::int`.mapWith(Number),
    })
    .from(merchantStatusCounts)
    .where(options.includeDeleted ? undefined : eq(merchantStatusCounts.isDeleted, false))
    .groupBy(merchantStatusCounts.reviewStatus);
  return Object.fromEntries(rows.filter((row) => row.count > 0).map((row) => [row.reviewStatus, row.count])) as Partial<
    Record<ReviewStatus, number>
  >;
}

import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { callbackDeliveries, type Merchant, merchantStatusHistory, merchants, type ReviewStatus } from "@/db/schema";
import type { MerchantFilters } from "@/lib/dashboard/merchant-filters";
import { pickColumns, rowCount } from "./conditions";
import { fetchKeysetPage, type KeysetSort, keysetBatches, likeEscape, newestFirst, timeOrder } from "./keyset";
import { countMerchantsByStatus } from "./merchant-status-counts";

/** The search box's text as it is matched against merchants.search_text. */
export function merchantSearchTerm(q: string): string {
  const term = q.trim().toLowerCase();
  // A business number is stored as digits only: "123-45-67890" must find it too.
  return /^[\d\s-]+$/.test(term) ? term.replace(/\D/g, "") : term;
}

function searchCondition(filters: Pick<MerchantFilters, "q" | "deleted">): SQL[] {
  const conditions: SQL[] = [];
  const term = merchantSearchTerm(filters.q);
  if (term) conditions.push(sql`${merchants.searchText} like ${`%${likeEscape(term)}%`}`);
  if (filters.deleted === "hide") conditions.push(eq(merchants.isDeleted, false));
  return conditions;
}

function merchantsWhere(filters: MerchantFilters): SQL | undefined {
  const conditions = searchCondition(filters);
  if (filters.status) conditions.push(eq(merchants.reviewStatus, filters.status));
  return and(...conditions);
}

const listColumns = pickColumns(merchants, [
  "id",
  "memberId",
  "merchantId",
  "companyName",
  "branchName",
  "businessNumber",
  "reviewStatus",
  "reviewMessage",
  "isDeleted",
  "updatedAt",
]);

export type MerchantListRow = Pick<Merchant, keyof typeof listColumns>;

function merchantOrder(filters: MerchantFilters): KeysetSort {
  return timeOrder(merchants.updatedAt, merchants.id, filters.sort === "updated_desc");
}

export function getMerchantsPage(db: Database, filters: MerchantFilters) {
  return fetchKeysetPage(merchantOrder(filters), filters, merchantsWhere(filters), (cursorValue) =>
    db
      .select({ ...listColumns, cursorValue })
      .from(merchants)
      .$dynamic(),
  );
}

/** Every merchant matching the filters, in list order, a batch at a time (for the Excel export). */
export function merchantBatches(db: Database, filters: MerchantFilters, batchSize = 1000) {
  return keysetBatches(filters, batchSize, (batch) => getMerchantsPage(db, batch));
}

/**
 * Merchants per review status under the current search (the tabs' counts), exact. A search
 * narrows the rows through the trigram index, so its count stays cheap.
 */
export async function getMerchantStatusCounts(db: Database, filters: Pick<MerchantFilters, "q" | "deleted">) {
  // Without a search, merchant_status_counts answers it (counting 300,000 merchants took 90 ms).
  if (!merchantSearchTerm(filters.q)) return countMerchantsByStatus(db, { includeDeleted: filters.deleted !== "hide" });
  const rows = await db
    .select({ reviewStatus: merchants.reviewStatus, count: rowCount() })
    .from(merchants)
    .where(and(...searchCondition(filters)))
    .groupBy(merchants.reviewStatus);
  const counts = Object.fromEntries(rows.map((row) => [row.reviewStatus, row.count])) as Partial<
    Record<ReviewStatus, number>
  >;
  return counts;
}

export async function getMerchant(db: Database, id: number): Promise<Merchant | undefined> {
  const [merchant] = await db.select().from(merchants).where(eq(merchants.id, id)).limit(1);
  return merchant;
}

/** The review-status timeline, newest first (at most 200 entries: older ones are in the callback log). */
export async function getMerchantTimeline(db: Database, merchantId: number) {
  return db
    .select({
      id: merchantStatusHistory.id,
      reviewStatus: merchantStatusHistory.reviewStatus,
      reviewMessage: merchantStatusHistory.reviewMessage,
      isDeleted: merchantStatusHistory.isDeleted,
      companyName: merchantStatusHistory.companyName,
      branchName: merchantStatusHistory.branchName,
      receivedAt: merchantStatusHistory.receivedAt,
      deliveryId: merchantStatusHistory.deliveryId,
      endpoint: callbackDeliveries.endpoint,
    })
    .from(merchantStatusHistory)
    .leftJoin(callbackDeliveries, eq(callbackDeliveries.id, merchantStatusHistory.deliveryId))
    .where(eq(merchantStatusHistory.merchantId, merchantId))
    .orderBy(...newestFirst(merchantStatusHistory.receivedAt, merchantStatusHistory.id))
    .limit(200);
}

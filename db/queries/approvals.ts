import "server-only";
import { and, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type Approval, approvals } from "@/db/schema";
import type { ApprovalFilters } from "@/lib/dashboard/approval-filters";
import { type MerchantKey, merchantApprovalsCondition } from "./bills";
import { kstDayRange, pickColumns, prefixRange, rowCount, wonSumText } from "./conditions";
import { countCap, fetchKeysetPage, type KeysetSort, keysetBatches, likeEscape, timeOrder } from "./keyset";

function approvalsWhere(filters: ApprovalFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.billId) {
    // Case-insensitive, on approvals_bill_id_lower_idx (lower(bill_id) text_pattern_ops).
    const billId = filters.billId.toLowerCase();
    if (filters.match === "exact") {
      conditions.push(sql`lower(${approvals.billId}) = ${billId}`);
    } else {
      conditions.push(...prefixRange(sql`lower(${approvals.billId})`, billId));
    }
  }
  conditions.push(...kstDayRange(approvals.apprDt, filters));
  if (filters.state) conditions.push(eq(approvals.apprState, filters.state));
  if (filters.payType) conditions.push(eq(approvals.apprPayType, filters.payType));
  if (filters.issuer) conditions.push(sql`${approvals.apprIssuer} ilike ${`%${likeEscape(filters.issuer)}%`}`);
  if (filters.min !== undefined) conditions.push(gte(approvals.apprPrice, filters.min));
  if (filters.max !== undefined) conditions.push(lte(approvals.apprPrice, filters.max));
  // 0 (or "00") months is a lump-sum payment; PaySsam leaves it out for cash.
  if (filters.installment === "lump") conditions.push(sql`coalesce(${approvals.apprMonthly}, 0) <= 1`);
  if (filters.installment === "plan") conditions.push(gte(approvals.apprMonthly, 2));
  if (filters.memberId && filters.merchantId) {
    conditions.push(merchantApprovalsCondition({ memberId: filters.memberId, merchantId: filters.merchantId }));
  }
  return and(...conditions);
}

function approvalOrder(filters: ApprovalFilters): KeysetSort {
  const byPrice = filters.sort.startsWith("price");
  return {
    sortColumn: byPrice ? approvals.apprPrice : approvals.apprDt,
    idColumn: approvals.id,
    cast: byPrice ? "bigint" : "timestamptz",
    descending: filters.sort.endsWith("desc"),
  };
}

const listColumns = pickColumns(approvals, [
  "id",
  "billId",
  "apprState",
  "apprDt",
  "apprPrice",
  "apprPayType",
  "apprIssuer",
  "apprIssuerNum",
  "apprMonthly",
  "apprNum",
]);

export type ApprovalListRow = Pick<Approval, keyof typeof listColumns>;

export function getApprovalsPage(db: Database, filters: ApprovalFilters) {
  return fetchKeysetPage(approvalOrder(filters), filters, approvalsWhere(filters), (cursorValue) =>
    db
      .select({ ...listColumns, cursorValue })
      .from(approvals)
      .$dynamic(),
  );
}

// ---- A merchant's approvals (its page) ------------------------------------------------------

export interface MerchantApprovalFilters extends MerchantKey {
  after?: string;
  before?: string;
  size: number;
}

// The list's columns, and whether reconciliation recovered the approval (its callback never came).
const merchantApprovalColumns = { ...listColumns, recoveredAt: approvals.recoveredAt };

export type MerchantApprovalRow = Pick<Approval, keyof typeof merchantApprovalColumns>;

const merchantApprovalOrder = timeOrder(approvals.apprDt, approvals.id);

/** A merchant's approvals, newest first (apprDt), keyset-paged like /approvals. */
export async function getMerchantApprovalsPage(db: Database, filters: MerchantApprovalFilters) {
  return fetchKeysetPage(merchantApprovalOrder, filters, merchantApprovalsCondition(filters), (cursorValue) =>
    db
      .select({ ...merchantApprovalColumns, cursorValue })
      .from(approvals)
      .$dynamic(),
  );
}

export interface ApprovalsSummary {
  count: number;
  // True when there are more than countCap rows: count is then a lower bound and sum is unknown.
  capped: boolean;
  sum: number | null;
}

export async function getApprovalsSummary(db: Database, filters: ApprovalFilters): Promise<ApprovalsSummary> {
  const matching = db
    .select({ price: approvals.apprPrice })
    .from(approvals)
    .where(approvalsWhere(filters))
    .limit(countCap + 1)
    .as("matching");
  const [row] = await db
    .select({
      count: rowCount(),
      sum: wonSumText(matching.price),
    })
    .from(matching);
  const capped = row.count > countCap;
  return { count: capped ? countCap : row.count, capped, sum: capped ? null : Number(row.sum) };
}

export async function getApproval(db: Database, id: number): Promise<Approval | undefined> {
  const [approval] = await db.select().from(approvals).where(eq(approvals.id, id)).limit(1);
  return approval;
}

/** Every approval matching the filters, in list order, a batch at a time (for the exports). */
export function approvalBatches(db: Database, filters: ApprovalFilters, batchSize = 1000) {
  return keysetBatches(filters, batchSize, (batch) => getApprovalsPage(db, batch));
}

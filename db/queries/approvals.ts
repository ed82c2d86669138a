import "server-only";
import { and, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type Approval, approvals } from "@/db/schema";
import type { ApprovalFilters } from "@/lib/dashboard/approval-filters";
import { addDays, kstDayStart } from "@/lib/kst";
import { merchantApprovalsCondition } from "./bills";
import {
  countCap,
  cursorFor,
  type KeysetRequest,
  keysetBatches,
  keysetCondition,
  keysetOrder,
  keysetPage,
  likeEscape,
} from "./keyset";

function approvalsWhere(filters: ApprovalFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.billId) {
    // Case-insensitive, on approvals_bill_id_lower_idx (lower(bill_id) text_pattern_ops).
    const billId = filters.billId.toLowerCase();
    if (filters.match === "exact") {
      conditions.push(sql`lower(${approvals.billId}) = ${billId}`);
    } else {
      // A range on the pattern-ops operators rather than LIKE: it uses the index even as a
      // parameter of a prepared statement, where LIKE $1 cannot.
      const upper = billId.slice(0, -1) + String.fromCharCode(billId.charCodeAt(billId.length - 1) + 1);
      conditions.push(sql`lower(${approvals.billId}) ~>=~ ${billId}`, sql`lower(${approvals.billId}) ~<~ ${upper}`);
    }
  }
  const from = filters.from ? kstDayStart(filters.from) : null;
  if (from) conditions.push(gte(approvals.apprDt, from));
  const to = filters.to ? kstDayStart(filters.to) : null;
  if (to) conditions.push(lt(approvals.apprDt, addDays(to, 1)));
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

function keysetFor(filters: ApprovalFilters, size: number): KeysetRequest {
  const cast = filters.sort.startsWith("price") ? "bigint" : "timestamptz";
  return {
    sortColumn: cast === "bigint" ? approvals.apprPrice : approvals.apprDt,
    cast,
    descending: filters.sort.endsWith("desc"),
    after: cursorFor(filters.after, cast),
    before: cursorFor(filters.before, cast),
    size,
  };
}

const listColumns = {
  id: approvals.id,
  billId: approvals.billId,
  apprState: approvals.apprState,
  apprDt: approvals.apprDt,
  apprPrice: approvals.apprPrice,
  apprPayType: approvals.apprPayType,
  apprIssuer: approvals.apprIssuer,
  apprIssuerNum: approvals.apprIssuerNum,
  apprMonthly: approvals.apprMonthly,
  apprNum: approvals.apprNum,
};

export type ApprovalListRow = Pick<Approval, keyof typeof listColumns>;

async function fetchKeysetPage(db: Database, filters: ApprovalFilters, request: KeysetRequest) {
  const cursorValue =
    request.cast === "bigint" ? sql<number>`${approvals.apprPrice}` : sql<string>`${approvals.apprDt}::text`;
  const fetched = await db
    .select({ ...listColumns, cursorValue: cursorValue.mapWith(request.cast === "bigint" ? Number : String) })
    .from(approvals)
    .where(and(approvalsWhere(filters), keysetCondition(request, approvals.id)))
    .orderBy(...keysetOrder(request, approvals.id))
    .limit(request.size + 1);
  return keysetPage(request, fetched);
}

export function getApprovalsPage(db: Database, filters: ApprovalFilters) {
  return fetchKeysetPage(db, filters, keysetFor(filters, filters.size));
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
      count: sql<number>`count(*)::int`.mapWith(Number),
      sum: sql<string>`coalesce(sum(${matching.price}), 0)::text`,
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
  return keysetBatches((after) =>
    fetchKeysetPage(db, filters, keysetFor({ ...filters, after, before: undefined }, batchSize)),
  );
}

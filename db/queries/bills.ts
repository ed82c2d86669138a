import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import {
  type Approval,
  approvals,
  type BillSource,
  bills,
  type ReconciliationStatus,
  reconciliations,
} from "@/db/schema";
import { kstDayRange, prefixRange, rowCount, wonSumText } from "./conditions";
import { fetchKeysetPage, keysetBatches, timeOrder } from "./keyset";

// The partner's bills (청구서): the 청구서 list and a merchant's approvals, which only a bill can tie
// to its merchant. Registering them is bills-register.ts (the API, the upload, the demo, the seed).

export {
  getMerchantApprovalsPage,
  type MerchantApprovalFilters,
  type MerchantApprovalRow,
} from "./approvals";
export { type BillRefusal, type BillRegistration, registerBills } from "./bills-register";

// ---- The 청구서 list ------------------------------------------------------------------------

export interface BillFilters {
  /** A billId prefix. */
  billId?: string;
  memberId?: string;
  merchantId?: string;
  /** KST calendar days (yyyy-MM-dd) of issuedAt, both included. */
  from?: string;
  to?: string;
  source?: BillSource;
  /** The bill's reconciliation status (the 청구서 page's filter). */
  status?: ReconciliationStatus;
  after?: string;
  before?: string;
  size: number;
}

function billsWhere(filters: BillFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.billId) conditions.push(...prefixRange(bills.billId, filters.billId));
  if (filters.memberId) conditions.push(eq(bills.memberId, filters.memberId));
  if (filters.merchantId) conditions.push(eq(bills.merchantId, filters.merchantId));
  conditions.push(...kstDayRange(bills.issuedAt, filters));
  if (filters.source) conditions.push(eq(bills.source, filters.source));
  if (filters.status) conditions.push(eq(reconciliations.status, filters.status));
  return and(...conditions);
}

const billOrder = timeOrder(bills.issuedAt, bills.id);

export async function getBillsPage(db: Database, filters: BillFilters) {
  return fetchKeysetPage(billOrder, filters, billsWhere(filters), (cursorValue) =>
    db
      .select({
        id: bills.id,
        billId: bills.billId,
        memberId: bills.memberId,
        merchantId: bills.merchantId,
        price: bills.price,
        issuedAt: bills.issuedAt,
        expireDate: bills.expireDate,
        orderRef: bills.orderRef,
        productName: bills.productName,
        source: bills.source,
        status: reconciliations.status,
        cursorValue,
      })
      .from(bills)
      .leftJoin(reconciliations, eq(reconciliations.billId, bills.billId))
      .$dynamic(),
  );
}

export type BillListRow = Awaited<ReturnType<typeof getBillsPage>>["rows"][number];

/** Every bill matching the filters, newest first, a batch at a time (an export). */
export function billBatches(db: Database, filters: BillFilters, batchSize = 1000) {
  return keysetBatches(filters, batchSize, (batch) => getBillsPage(db, batch));
}

export async function getBill(db: Database, billId: string) {
  const [bill] = await db.select().from(bills).where(eq(bills.billId, billId)).limit(1);
  return bill;
}

// ---- A merchant's approvals ----------------------------------------------------------------

export interface MerchantKey {
  memberId: string;
  merchantId: string;
}

/**
 * Approvals paid to this merchant: those whose billId one of its bills names. The condition for
 * /approvals' merchant filter and the merchant page alike.
 */
export function merchantApprovalsCondition(merchant: MerchantKey): SQL {
  return sql`${approvals.billId} in (select ${bills.billId} from ${bills}
    where ${bills.memberId} = ${merchant.memberId} and ${bills.merchantId} = ${merchant.merchantId})`;
}

export interface MerchantTotals {
  bills: number;
  /** Whole won billed. */
  billed: number;
  /** Per approval state: count and whole won. */
  byState: { apprState: Approval["apprState"]; count: number; sum: number }[];
}

export async function getMerchantTotals(db: Database, merchant: MerchantKey): Promise<MerchantTotals> {
  const [billed] = await db
    .select({
      bills: rowCount(),
      billed: wonSumText(bills.price),
    })
    .from(bills)
    .where(and(eq(bills.memberId, merchant.memberId), eq(bills.merchantId, merchant.merchantId)));
  const byState = await db
    .select({
      apprState: approvals.apprState,
      count: rowCount(),
      sum: wonSumText(approvals.apprPrice),
    })
    .from(approvals)
    .where(merchantApprovalsCondition(merchant))
    .groupBy(approvals.apprState);
  return {
    bills: billed.bills,
    billed: Number(billed.billed),
    byState: byState.map((row) => ({ apprState: row.apprState, count: row.count, sum: Number(row.sum) })),
  };
}

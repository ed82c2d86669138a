import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import {
  approvals,
  type BillReadOutcome,
  billReads,
  bills,
  callbackDeliveries,
  type DeliveryOutcome,
  type MismatchReason,
  type PayssamBillSaid,
  type ReconciliationStatus,
  reconciliationHistory,
  reconciliationStatus,
  reconciliationStatusTotals,
  reconciliations,
} from "@/db/schema";
import { atRiskStatuses } from "@/lib/reconcile/statuses";
import { kstDayRange, prefixRange } from "./conditions";
import { fetchKeysetPage, keysetBatches, timeOrder } from "./keyset";

// The 대사 page's reads: summary per status for a KST date range, the filtered list, and one
// bill's timeline. The job's own writes are in reconciliation-job.ts.

export interface ReconciliationRange {
  /** KST calendar days (yyyy-MM-dd) of the bill's issue time, both included. */
  from?: string;
  to?: string;
  memberId?: string;
  merchantId?: string;
}

export interface ReconciliationFilters extends ReconciliationRange {
  status?: ReconciliationStatus;
  reason?: MismatchReason;
  /** A billId prefix. */
  billId?: string;
  after?: string;
  before?: string;
  size: number;
}

function rangeConditions(range: ReconciliationRange): SQL[] {
  const conditions = kstDayRange(reconciliations.issuedAt, range);
  if (range.memberId) conditions.push(eq(reconciliations.memberId, range.memberId));
  if (range.merchantId) conditions.push(eq(reconciliations.merchantId, range.merchantId));
  return conditions;
}

function reconciliationsWhere(filters: ReconciliationFilters): SQL | undefined {
  const conditions = rangeConditions(filters);
  if (filters.status) conditions.push(eq(reconciliations.status, filters.status));
  if (filters.reason) {
    // The cardinality test says nothing new; it lets the planner take the partial index of the
    // rows that name a mismatch (reconciliations_reasons_issued_idx) instead of walking every row.
    conditions.push(
      sql`cardinality(${reconciliations.reasons}) > 0`,
      sql`${reconciliations.reasons} @> array[${filters.reason}]::mismatch_reason[]`,
    );
  }
  if (filters.billId) conditions.push(...prefixRange(reconciliations.billId, filters.billId));
  return and(...conditions);
}

export interface StatusTotal {
  status: ReconciliationStatus;
  count: number;
  /** Whole won. */
  amount: number;
}

export interface ReconciliationSummary {
  byStatus: StatusTotal[];
  total: { count: number; amount: number };
  /** 불일치 + 콜백 누락 + 대사불능: paid money not yet accounted for. */
  atRisk: { count: number; amount: number };
}

/** Count and won per status (every status, zeros included) for a range. */
export async function getReconciliationSummary(
  db: Database,
  range: ReconciliationRange,
): Promise<ReconciliationSummary> {
  const conditions = rangeConditions(range);
  // Over everything, the totals the triggers keep (a few rows) answer instead of every bill's row.
  const rows =
    conditions.length === 0
      ? await db
          .select({
            status: reconciliationStatusTotals.status,
            count: sql<number>`sum(${reconciliationStatusTotals.bills})::int`.mapWith(Number),
            amount: sql<string>`sum(${reconciliationStatusTotals.amount})::text`,
          })
          .from(reconciliationStatusTotals)
          .groupBy(reconciliationStatusTotals.status)
      : await db
          .select({
            status: reconciliations.status,
            count: sql<number>`count(*)::int`.mapWith(Number),
            amount: sql<string>`coalesce(sum(${reconciliations.amount}), 0)::text`,
          })
          .from(reconciliations)
          .where(and(...conditions))
          .groupBy(reconciliations.status);
  const found = new Map(rows.map((row) => [row.status, row]));
  const byStatus = reconciliationStatus.enumValues.map((status) => {
    const row = found.get(status);
    return { status, count: row?.count ?? 0, amount: row ? Number(row.amount) : 0 };
  });
  const add = (totals: StatusTotal[]) =>
    totals.reduce((sum, row) => ({ count: sum.count + row.count, amount: sum.amount + row.amount }), {
      count: 0,
      amount: 0,
    });
  const risky = new Set<ReconciliationStatus>(atRiskStatuses);
  return { byStatus, total: add(byStatus), atRisk: add(byStatus.filter((row) => risky.has(row.status))) };
}

const listColumns = {
  id: reconciliations.id,
  billId: reconciliations.billId,
  status: reconciliations.status,
  reasons: reconciliations.reasons,
  memberId: reconciliations.memberId,
  merchantId: reconciliations.merchantId,
  amount: reconciliations.amount,
  issuedAt: reconciliations.issuedAt,
  differences: reconciliations.differences,
  lastError: reconciliations.lastError,
  failedReads: reconciliations.failedReads,
  lastReadAt: reconciliations.lastReadAt,
  nextReadAt: reconciliations.nextReadAt,
  statusSince: reconciliations.statusSince,
  approvalId: reconciliations.approvalId,
  orderRef: bills.orderRef,
  productName: bills.productName,
  expireDate: bills.expireDate,
  apprState: approvals.apprState,
  apprPrice: approvals.apprPrice,
  apprNum: approvals.apprNum,
  apprDt: approvals.apprDt,
  recoveredAt: approvals.recoveredAt,
};

const reconciliationOrder = timeOrder(reconciliations.issuedAt, reconciliations.id);

/** The 대사 list, newest bill first, keyset-paged. */
export async function getReconciliationsPage(db: Database, filters: ReconciliationFilters) {
  return fetchKeysetPage(reconciliationOrder, filters, reconciliationsWhere(filters), (cursorValue) =>
    db
      .select({ ...listColumns, cursorValue })
      .from(reconciliations)
      .leftJoin(bills, eq(bills.billId, reconciliations.billId))
      .leftJoin(approvals, eq(approvals.id, reconciliations.approvalId))
      .$dynamic(),
  );
}

export type ReconciliationListRow = Awaited<ReturnType<typeof getReconciliationsPage>>["rows"][number];

/** Every row matching the filters, in list order, a batch at a time (the Excel and CSV exports). */
export function reconciliationBatches(db: Database, filters: ReconciliationFilters, batchSize = 1000) {
  return keysetBatches(filters, batchSize, (batch) => getReconciliationsPage(db, batch));
}

// ---- One bill's timeline ------------------------------------------------------------------

export type TimelineEvent =
  | { kind: "issued"; at: Date; price: number }
  | {
      kind: "callback";
      at: Date;
      deliveryId: number;
      outcome: DeliveryOutcome;
      httpStatus: number;
      approvalId: number | null;
    }
  | { kind: "recovered"; at: Date; approvalId: number }
  | {
      kind: "read";
      at: Date;
      readId: number;
      outcome: BillReadOutcome;
      durationMs: number;
      httpStatus: number | null;
      code: string | null;
      message: string | null;
      said: PayssamBillSaid | null;
      unreadable: { path: string; message: string }[] | null;
      error: string | null;
    }
  | { kind: "status"; at: Date; status: ReconciliationStatus; reasons: MismatchReason[]; readId: number | null };

// A bill read every 15 minutes for a week has ~700 reads: the timeline shows the latest ones.
const timelineLimit = 200;

/** Bill, reconciliation row and every event (oldest first); null when the billId is unknown to both. */
export async function getBillTimeline(db: Database, billId: string) {
  const [[bill], [reconciliation], deliveries, recovered, reads, changes] = await Promise.all([
    db.select().from(bills).where(eq(bills.billId, billId)).limit(1),
    db.select().from(reconciliations).where(eq(reconciliations.billId, billId)).limit(1),
    db
      .select({
        id: callbackDeliveries.id,
        at: callbackDeliveries.receivedAt,
        outcome: callbackDeliveries.outcome,
        httpStatus: callbackDeliveries.httpStatus,
        approvalId: callbackDeliveries.approvalId,
      })
      .from(callbackDeliveries)
      .where(and(eq(callbackDeliveries.subject, billId), eq(callbackDeliveries.kind, "approval")))
      .orderBy(desc(callbackDeliveries.receivedAt))
      .limit(timelineLimit),
    db
      .select({ id: approvals.id, at: approvals.recoveredAt })
      .from(approvals)
      .where(and(eq(approvals.billId, billId), sql`${approvals.recoveredAt} is not null`)),
    db
      .select()
      .from(billReads)
      .where(eq(billReads.billId, billId))
      .orderBy(desc(billReads.at), desc(billReads.id))
      .limit(timelineLimit),
    db
      .select()
      .from(reconciliationHistory)
      .where(eq(reconciliationHistory.billId, billId))
      .orderBy(asc(reconciliationHistory.at), asc(reconciliationHistory.id))
      .limit(timelineLimit),
  ]);
  if (!bill && !reconciliation && deliveries.length === 0) return null;
  const events: TimelineEvent[] = [
    ...(bill ? [{ kind: "issued" as const, at: bill.issuedAt, price: bill.price }] : []),
    ...deliveries.map((row) => ({
      kind: "callback" as const,
      at: row.at,
      deliveryId: row.id,
      outcome: row.outcome,
      httpStatus: row.httpStatus,
      approvalId: row.approvalId,
    })),
    ...recovered.map((row) => ({ kind: "recovered" as const, at: row.at as Date, approvalId: row.id })),
    ...reads.map((read) => ({
      kind: "read" as const,
      at: read.at,
      readId: read.id,
      outcome: read.outcome,
      durationMs: read.durationMs,
      httpStatus: read.httpStatus,
      code: read.code,
      message: read.message,
      said: read.said,
      unreadable: read.unreadable,
      error: read.error,
    })),
    ...changes.map((change) => ({
      kind: "status" as const,
      at: change.at,
      status: change.status,
      reasons: change.reasons,
      readId: change.readId,
    })),
  ];
  // Oldest first; at one instant, the order things happen in: issued, callback, read, recovered, status.
  const order = { issued: 0, callback: 1, read: 2, recovered: 3, status: 4 };
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.kind] - order[b.kind]);
  return { bill: bill ?? null, reconciliation: reconciliation ?? null, events };
}

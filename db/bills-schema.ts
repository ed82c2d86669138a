import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
} from "drizzle-orm/pg-core";

// How a bill reached us: the partner's systems (POST /api/bills), a staff upload, or the demo.
export const billSource = pgEnum("bill_source", ["api", "upload", "demo"]);
// One status per billId (lib/reconcile/statuses.ts attaches the Korean labels): 일치, 불일치,
// 콜백 누락, 미결제 (W), 만료, 취소, 파기, 미등록 (a callback for a billId no bill names), 대사불능.
export const reconciliationStatus = pgEnum("reconciliation_status", [
  "matched",
  "mismatch",
  "missing_callback",
  "unpaid",
  "expired",
  "cancelled",
  "destroyed",
  "unregistered",
  "unreadable",
]);
// What a 불일치 disagrees on.
export const mismatchReason = pgEnum("mismatch_reason", ["amount", "state", "approval_number", "approval_time"]);
// One /bill/read: read (0000 and a readable bill), not_found (PaySsam knows no such bill), refused
// (another non-0000 code), failed (network, timeout, HTTP error), garbage (an answer we could not read).
export const billReadOutcome = pgEnum("bill_read_outcome", ["read", "not_found", "refused", "failed", "garbage"]);

const timestamptz = () => timestamp({ withTimezone: true });

/** What one /bill/read said about a bill. */
export interface PayssamBillSaid {
  apprState: string | null;
  apprPrice: number | null;
  apprNum: string | null;
  apprDt: string | null;
}

// The partner's own record of the bills it issued (청구서): what reconciliation reads PaySsam for,
// and what ties an approval (which carries no member or merchant) to its merchant. No customer
// phone number or name is kept.
export const bills = pgTable(
  "bills",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    billId: varchar({ length: 20 }).notNull(),
    memberId: varchar({ length: 60 }).notNull(),
    merchantId: varchar({ length: 60 }).notNull(),
    // Whole won.
    price: bigint({ mode: "number" }).notNull(),
    issuedAt: timestamptz().notNull().defaultNow(),
    // The last KST day the bill can be paid; null: lib/reconcile's default window after issue.
    expireDate: date({ mode: "string" }),
    orderRef: text(),
    productName: text(),
    source: billSource().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("bills_bill_id_key").on(t.billId),
    index("bills_issued_idx").on(t.issuedAt.desc(), t.id.desc()),
    // A merchant's bills, and through them its approvals, newest first.
    index("bills_merchant_issued_idx").on(t.memberId, t.merchantId, t.issuedAt.desc(), t.id.desc()),
  ],
);

// Where each billId stands against PaySsam's record: one row per registered bill and per billId a
// callback named without a bill (미등록). The bill's merchant, amount and issue time are copied in
// (a bill never changes once stored), so the 대사 page filters and sums this table alone.
export const reconciliations = pgTable(
  "reconciliations",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    billId: varchar({ length: 20 }).notNull(),
    status: reconciliationStatus().notNull(),
    // What a 불일치 disagrees on; empty otherwise.
    reasons: mismatchReason().array().notNull().default(sql`'{}'::mismatch_reason[]`),
    // Null for 미등록.
    memberId: varchar({ length: 60 }),
    merchantId: varchar({ length: 60 }),
    // Whole won: the bill's price, or for 미등록 the approval's.
    amount: bigint({ mode: "number" }).notNull(),
    // The bill's issue time, or for 미등록 the approval's apprDt: the date the page's range filters.
    issuedAt: timestamptz().notNull(),
    // The approval compared (the callback's, or the one recovered from the read). No foreign key:
    // this module cannot import approvals without an import cycle, and approvals are never deleted.
    approvalId: bigint({ mode: "number" }),
    // Each disagreement, ours against PaySsam's: [{ reason, ours, payssam }].
    differences: jsonb().$type<{ reason: string; ours: string | null; payssam: string | null }[]>(),
    // Why the last read failed (대사불능), kept until a read succeeds.
    lastError: text(),
    // Reads that failed in a row; the next one waits longer.
    failedReads: integer().notNull().default(0),
    lastReadAt: timestamptz(),
    // When the job reads this bill next; null: nothing left to read (a final state, or past expiry).
    nextReadAt: timestamptz(),
    // When a callback's approval was checked against PaySsam (검증, once).
    verifiedAt: timestamptz(),
    statusSince: timestamptz().notNull().defaultNow(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("reconciliations_bill_id_key").on(t.billId),
    // amount last: the summary cards of a date range read the index only.
    index("reconciliations_issued_idx").on(t.issuedAt.desc(), t.id.desc(), t.status, t.amount),
    index("reconciliations_status_issued_idx").on(t.status, t.issuedAt.desc(), t.id.desc()),
    index("reconciliations_merchant_issued_idx").on(t.memberId, t.merchantId, t.issuedAt.desc(), t.id.desc()),
    // The rows with a named mismatch, few among many: the reason filter walks only these
    // (the query states the same predicate, so the planner can use it).
    index("reconciliations_reasons_issued_idx")
      .on(t.issuedAt.desc(), t.id.desc())
      .where(sql`cardinality(${t.reasons}) > 0`),
    // The job's work list: only rows it still has to read.
    index("reconciliations_due_idx").on(t.nextReadAt, t.id).where(sql`${t.nextReadAt} IS NOT NULL`),
  ],
);

// Bills and won per status, kept by statement triggers on reconciliations (migration 0014): the 대사
// page's summary of everything reads these few rows instead of a million. Each connection adds to
// its own slot (its backend pid modulo 16), so concurrent writers do not queue on one row; the
// summary sums the slots.
export const reconciliationStatusTotals = pgTable(
  "reconciliation_status_totals",
  {
    status: reconciliationStatus().notNull(),
    slot: smallint().notNull(),
    bills: bigint({ mode: "number" }).notNull().default(0),
    amount: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.status, t.slot] })],
);

// Every /bill/read the job made: when, what came back, and what PaySsam said about the bill.
export const billReads = pgTable(
  "bill_reads",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    billId: varchar({ length: 20 }).notNull(),
    at: timestamptz().notNull().defaultNow(),
    outcome: billReadOutcome().notNull(),
    durationMs: integer().notNull(),
    httpStatus: smallint(),
    // PaySsam's answer code and message (0000, 9980, ERROR, PARTNER_00x …).
    code: text(),
    message: text(),
    // The bill as PaySsam has it, when it could be read (apprDt as an ISO instant).
    said: jsonb().$type<PayssamBillSaid>(),
    // Fields of the answer the parser could not read: [{ path, message }].
    unreadable: jsonb().$type<{ path: string; message: string }[]>(),
    // What went wrong (timeout, connection refused, HTTP 502 …); never the API key.
    error: text(),
  },
  (t) => [index("bill_reads_bill_idx").on(t.billId, t.at.desc(), t.id.desc())],
);

// Each status a billId entered, for its timeline.
export const reconciliationHistory = pgTable(
  "reconciliation_history",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    billId: varchar({ length: 20 }).notNull(),
    at: timestamptz().notNull().defaultNow(),
    status: reconciliationStatus().notNull(),
    reasons: mismatchReason().array().notNull().default(sql`'{}'::mismatch_reason[]`),
    // The read that decided it; null when a callback or the bill's expiry did.
    readId: bigint({ mode: "number" }).references(() => billReads.id),
  },
  (t) => [index("reconciliation_history_bill_idx").on(t.billId, t.at.desc(), t.id.desc())],
);

export type Bill = typeof bills.$inferSelect;
export type NewBill = typeof bills.$inferInsert;
export type BillSource = (typeof billSource.enumValues)[number];
export type Reconciliation = typeof reconciliations.$inferSelect;
export type ReconciliationStatus = (typeof reconciliationStatus.enumValues)[number];
export type MismatchReason = (typeof mismatchReason.enumValues)[number];
export type BillRead = typeof billReads.$inferSelect;
export type BillReadOutcome = (typeof billReadOutcome.enumValues)[number];
export type ReconciliationChange = typeof reconciliationHistory.$inferSelect;

// The reconciliation job's own state (one row, job = 'reconcile'): how far it has looked through the
// callback log for approvals to verify, who runs a pass now (a lease, so the cron route and the
// schedule inside `next start` never run two passes at once), and what the last pass did.
export const reconciliationJob = pgTable("reconciliation_job", {
  job: text().primaryKey(),
  lastDeliveryId: bigint({ mode: "number" }).notNull().default(0),
  leaseUntil: timestamptz(),
  lastPassAt: timestamptz(),
  lastPassReport: jsonb().$type<Record<string, unknown>>(),
});

import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import type { MismatchReason, ReconciliationStatus } from "@/db/schema";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import { jsonb } from "./delivery-facts";
import { addedToDailyTotals, approvalRow } from "./record-approval";

// What each /bill/read of a reconciliation pass decided, written to the database: the read's log
// row, the bill's new status, a history entry and an alert when the status or its reasons changed.
// Reads come in at PaySsam's rate (hundreds a second), so the pass writes them in batches, one
// statement per batch (recordBillReads); a read that recovers an approval (콜백 누락, rare) is
// written on its own with the approval (recordBillRead).

export interface ReadRecord {
  billId: string;
  /** When the read was answered (the write may come up to a batch later). */
  at: Date;
  outcome: "read" | "not_found" | "refused" | "failed" | "garbage";
  durationMs: number;
  httpStatus: number | null;
  code: string | null;
  message: string | null;
  said: { apprState: string | null; apprPrice: number | null; apprNum: string | null; apprDt: string | null } | null;
  unreadable: { path: string; message: string }[] | null;
  error: string | null;
  status: ReconciliationStatus;
  reasons: MismatchReason[];
  differences: { reason: string; ours: string | null; payssam: string | null }[];
  lastError: string | null;
  failedReads: number;
  nextReadAt: Date | null;
  /** PaySsam's approval to store as recovered (콜백 누락), or null. */
  recover: ApprovalCallback | null;
  ourApprovalId: number | null;
  /** Whether the read verified the bill (a readable answer). */
  verified: boolean;
  /** The alert to queue when the status or its reasons change, or null. */
  alert: { kind: "missing_callback" | "mismatch"; facts: Record<string, unknown> } | null;
}

const reasonArray = (reasons: MismatchReason[]) => sql`${`{${reasons.join(",")}}`}::mismatch_reason[]`;
const alertKey = (record: ReadRecord) =>
  record.alert ? `${record.alert.kind}:${record.billId}:${record.reasons.join(",")}` : null;

/**
 * One read and everything it decided, in one statement: the read's log row, the recovered approval
 * (the row the callback would have made, with its place in the daily totals), the bill's new
 * status, a history entry and an alert when the status or its reasons changed.
 */
export async function recordBillRead(db: Database, record: ReadRecord): Promise<{ readId: number }> {
  const approval = record.recover;
  // The row its callback would have made: the same columns, with the recovery's mark.
  const recoveredRow =
    approval && approvalRow(approval, { apiKeyMasked: null, payloadVersion: "v2", recoveredAt: record.at });
  const recovered = recoveredRow
    ? sql`
      recovered AS (
        INSERT INTO approvals (${recoveredRow.columns}, delivery_count, first_received_at, last_received_at)
        VALUES (${recoveredRow.values}, 0, now(), now())
        -- The callback's natural key (db/queries/record-approval.ts): a callback arriving later
        -- lands on this row as a delivery of it, not as a second approval.
        ON CONFLICT ON CONSTRAINT approvals_bill_state_num_key DO NOTHING
        RETURNING id, appr_dt, appr_state, appr_pay_type, appr_price
      ),
      daily_totals AS (${addedToDailyTotals(sql.raw("recovered"))}),`
    : sql`recovered AS (SELECT NULL::bigint AS id WHERE false),`;
  const [row] = rowsOf<{ read_id: string | number }>(
    await db.execute(sql`
      WITH read AS (
        INSERT INTO bill_reads (bill_id, at, outcome, duration_ms, http_status, code, message, said, unreadable, error)
        VALUES (${record.billId}, ${record.at.toISOString()}::timestamptz, ${record.outcome}::bill_read_outcome, ${record.durationMs}, ${record.httpStatus}::smallint,
          ${record.code}, ${record.message}, ${jsonb(record.said)}::jsonb, ${jsonb(record.unreadable)}::jsonb, ${record.error})
        RETURNING id, at
      ),
      ${recovered}
      before AS (SELECT status, reasons FROM reconciliations WHERE bill_id = ${record.billId}),
      changed AS (
        SELECT 1 FROM before
        WHERE (before.status, before.reasons) IS DISTINCT FROM (${record.status}::reconciliation_status, ${reasonArray(record.reasons)})
      ),
      updated AS (
        UPDATE reconciliations SET
          status = ${record.status}::reconciliation_status, reasons = ${reasonArray(record.reasons)},
          differences = ${jsonb(record.differences.length > 0 ? record.differences : null)}::jsonb,
          last_error = ${record.lastError}, failed_reads = ${record.failedReads}, last_read_at = (SELECT at FROM read),
          next_read_at = ${record.nextReadAt?.toISOString() ?? null}::timestamptz,
          verified_at = CASE WHEN ${record.verified}::boolean THEN (SELECT at FROM read) ELSE verified_at END,
          approval_id = coalesce((SELECT id FROM recovered), ${record.ourApprovalId}::bigint, approval_id),
          status_since = CASE WHEN status = ${record.status}::reconciliation_status THEN status_since ELSE (SELECT at FROM read) END,
          updated_at = now()
        WHERE bill_id = ${record.billId}
      ),
      history AS (
        INSERT INTO reconciliation_history (bill_id, at, status, reasons, read_id)
        SELECT ${record.billId}, read.at, ${record.status}::reconciliation_status, ${reasonArray(record.reasons)}, read.id
        FROM read WHERE EXISTS (SELECT 1 FROM changed)
      ),
      alert AS (
        INSERT INTO alert_outbox (kind, subject, dedupe_key, facts)
        SELECT ${record.alert?.kind ?? null}::alert_kind, ${record.billId},
          ${alertKey(record)},
          ${jsonb(record.alert?.facts ?? null)}::jsonb
        WHERE ${record.alert !== null}::boolean AND EXISTS (SELECT 1 FROM changed)
        ON CONFLICT (dedupe_key) DO NOTHING
      )
      SELECT id AS read_id FROM read`),
  );
  return { readId: Number(row.read_id) };
}

/**
 * Many reads (none recovering an approval, each for a different bill) and what they decided, in
 * one statement: what recordBillRead does for one read, for all of them at once.
 */
export async function recordBillReads(db: Database, records: readonly ReadRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  if (records.some((record) => record.recover !== null)) {
    throw new Error("recordBillReads: a read that recovers an approval goes through recordBillRead");
  }
  if (new Set(records.map((record) => record.billId)).size !== records.length) {
    throw new Error("recordBillReads: one read per bill in a batch");
  }
  const rows = records.map((record, index) => ({
    n: index,
    bill_id: record.billId,
    at: record.at.toISOString(),
    outcome: record.outcome,
    duration_ms: record.durationMs,
    http_status: record.httpStatus,
    code: record.code,
    message: record.message,
    said: record.said,
    unreadable: record.unreadable,
    error: record.error,
    status: record.status,
    reasons: record.reasons,
    differences: record.differences.length > 0 ? record.differences : null,
    last_error: record.lastError,
    failed_reads: record.failedReads,
    next_read_at: record.nextReadAt?.toISOString() ?? null,
    verified: record.verified,
    our_approval_id: record.ourApprovalId,
    alert_kind: record.alert?.kind ?? null,
    alert_key: alertKey(record),
    alert_facts: record.alert?.facts ?? null,
  }));
  const [row] = rowsOf<{ reads: number }>(
    await db.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          n int, bill_id varchar(20), at timestamptz, outcome bill_read_outcome, duration_ms int, http_status smallint,
          code text, message text, said jsonb, unreadable jsonb, error text, status reconciliation_status,
          reasons mismatch_reason[], differences jsonb, last_error text, failed_reads int, next_read_at timestamptz,
          verified boolean, our_approval_id bigint, alert_kind alert_kind, alert_key text, alert_facts jsonb)
      ),
      read AS (
        INSERT INTO bill_reads (bill_id, at, outcome, duration_ms, http_status, code, message, said, unreadable, error)
        SELECT bill_id, at, outcome, duration_ms, http_status, code, message, said, unreadable, error
        FROM input ORDER BY n
        RETURNING id, bill_id
      ),
      -- Every CTE sees the rows as they were before the statement: these are the statuses before this batch.
      changed AS (
        SELECT input.* FROM input JOIN reconciliations r ON r.bill_id = input.bill_id
        WHERE (r.status, r.reasons) IS DISTINCT FROM (input.status, input.reasons)
      ),
      updated AS (
        UPDATE reconciliations r SET
          status = input.status, reasons = input.reasons, differences = input.differences,
          last_error = input.last_error, failed_reads = input.failed_reads, last_read_at = input.at,
          next_read_at = input.next_read_at,
          verified_at = CASE WHEN input.verified THEN input.at ELSE r.verified_at END,
          approval_id = coalesce(input.our_approval_id, r.approval_id),
          status_since = CASE WHEN r.status = input.status THEN r.status_since ELSE input.at END,
          updated_at = now()
        FROM input WHERE r.bill_id = input.bill_id
      ),
      history AS (
        INSERT INTO reconciliation_history (bill_id, at, status, reasons, read_id)
        SELECT changed.bill_id, changed.at, changed.status, changed.reasons, read.id
        FROM changed JOIN read ON read.bill_id = changed.bill_id
      ),
      alert AS (
        INSERT INTO alert_outbox (kind, subject, dedupe_key, facts)
        SELECT alert_kind, bill_id, alert_key, alert_facts FROM changed WHERE alert_kind IS NOT NULL
        ON CONFLICT (dedupe_key) DO NOTHING
      )
      SELECT count(*)::int AS reads FROM read`),
  );
  return Number(row.reads);
}

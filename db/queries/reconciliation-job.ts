import { type SQL, sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import type { ApprovalState, MismatchReason, ReconciliationStatus } from "@/db/schema";
import type { OurApproval } from "@/lib/reconcile/decide";

// The reconciliation job's writes (lib/reconcile/run.ts): its lease, the scan of new callback
// deliveries for approvals to verify, the due bills, and each read's outcome in one statement.

const job = "reconcile";

/** Takes the job for `leaseMs` (or extends this pass's hold); false while another pass holds it. */
export async function claimReconciliationLease(db: Database, leaseMs: number, renew = false): Promise<boolean> {
  const rows = rowsOf<{ job: string }>(
    await db.execute(sql`
      INSERT INTO reconciliation_job (job, lease_until) VALUES (${job}, now() + make_interval(secs => ${leaseMs / 1000}))
      ON CONFLICT (job) DO UPDATE SET lease_until = excluded.lease_until
      WHERE ${renew}::boolean OR reconciliation_job.lease_until IS NULL OR reconciliation_job.lease_until < now()
      RETURNING job`),
  );
  return rows.length > 0;
}

export async function releaseReconciliationLease(db: Database, report: Record<string, unknown>): Promise<void> {
  await db.execute(sql`
    UPDATE reconciliation_job SET lease_until = NULL, last_pass_at = now(), last_pass_report = ${JSON.stringify(report)}::jsonb
    WHERE job = ${job}`);
}

/** When the last pass ended and what it did (the 대사 page's "마지막 대사"). */
export async function getLastReconciliationPass(db: Database) {
  const [row] = rowsOf<{ last_pass_at: string | Date | null; last_pass_report: Record<string, unknown> | null }>(
    await db.execute(sql`SELECT last_pass_at, last_pass_report FROM reconciliation_job WHERE job = ${job}`),
  );
  return row?.last_pass_at
    ? { at: new Date(row.last_pass_at), report: row.last_pass_report ?? {} }
    : { at: null, report: null };
}

export interface DeliveryScan {
  scanned: number;
  /** Registered bills whose new approval is to be read (검증). */
  queued: number;
  /** Billids a callback named with no bill (미등록), new this scan. */
  unregistered: number;
}

/**
 * Looks at the approval deliveries stored since the last scan (at most `limit`, older than
 * `settleMs` so a statement still committing below the mark is not passed over): a registered bill
 * whose approval was not verified yet, or is a new one, is due for a read at `dueAt`; a billId without a
 * bill becomes 미등록.
 */
export async function scanNewDeliveries(
  db: Database,
  limit: number,
  settleMs: number,
  dueAt: Date,
): Promise<DeliveryScan> {
  const [row] = rowsOf<{ scanned: number; queued: number; unregistered: number }>(
    await db.execute(sql`
      WITH batch AS (
        SELECT d.id AS delivery_id, a.id AS approval_id, a.bill_id, a.appr_price, a.appr_dt
        FROM callback_deliveries d JOIN approvals a ON a.id = d.approval_id
        WHERE d.id > coalesce((SELECT last_delivery_id FROM reconciliation_job WHERE job = ${job}), 0)
          AND d.kind = 'approval' AND d.approval_id IS NOT NULL
          AND d.received_at <= now() - make_interval(secs => ${settleMs / 1000})
        ORDER BY d.id LIMIT ${limit}
      ),
      latest AS (SELECT DISTINCT ON (bill_id) * FROM batch ORDER BY bill_id, delivery_id DESC),
      queued AS (
        UPDATE reconciliations r SET next_read_at = ${dueAt.toISOString()}::timestamptz, updated_at = now()
        FROM latest
        WHERE r.bill_id = latest.bill_id AND r.member_id IS NOT NULL
          AND (r.verified_at IS NULL OR r.approval_id IS DISTINCT FROM latest.approval_id OR r.status = 'missing_callback')
        RETURNING r.bill_id
      ),
      unregistered AS (
        INSERT INTO reconciliations (bill_id, status, amount, issued_at, approval_id)
        SELECT bill_id, 'unregistered', appr_price, appr_dt, approval_id FROM latest
        WHERE NOT EXISTS (SELECT 1 FROM bills WHERE bills.bill_id = latest.bill_id)
        ON CONFLICT ON CONSTRAINT reconciliations_bill_id_key DO UPDATE
          SET approval_id = excluded.approval_id, amount = excluded.amount, updated_at = now()
          WHERE reconciliations.status = 'unregistered' AND reconciliations.approval_id IS DISTINCT FROM excluded.approval_id
        RETURNING bill_id, (xmax = 0) AS inserted
      ),
      history AS (
        INSERT INTO reconciliation_history (bill_id, status)
        SELECT bill_id, 'unregistered' FROM unregistered WHERE inserted
      ),
      advance AS (
        INSERT INTO reconciliation_job (job, last_delivery_id)
        SELECT ${job}, max(delivery_id) FROM batch HAVING count(*) > 0
        ON CONFLICT (job) DO UPDATE SET last_delivery_id = excluded.last_delivery_id
      )
      SELECT (SELECT count(*)::int FROM batch) AS scanned, (SELECT count(*)::int FROM queued) AS queued,
        (SELECT count(*)::int FROM unregistered WHERE inserted) AS unregistered`),
  );
  return row;
}

export interface DueBill {
  id: number;
  billId: string;
  status: ReconciliationStatus;
  reasons: MismatchReason[];
  failedReads: number;
  nextReadAt: string;
  memberId: string;
  merchantId: string;
  price: number;
  issuedAt: Date;
  expireDate: string | null;
  ours: OurApproval | null;
}

interface DueRow {
  id: string | number;
  bill_id: string;
  status: ReconciliationStatus;
  reasons: string | MismatchReason[];
  failed_reads: number;
  next_read_at: string;
  member_id: string;
  merchant_id: string;
  price: string | number;
  issued_at: string | Date;
  expire_date: string | null;
  approval_id: string | number | null;
  appr_state: ApprovalState | null;
  appr_price: string | number | null;
  appr_num: string | null;
  appr_dt: string | Date | null;
  recovered: boolean | null;
  delivery_count: number | null;
}

// A PostgreSQL array of enums comes back as text ("{amount,state}") from postgres.js.
const reasonsOf = (value: string | MismatchReason[]): MismatchReason[] =>
  Array.isArray(value)
    ? value
    : (value
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean) as MismatchReason[]);

/**
 * Bills due for a read at `dueBy`, in (next_read_at, id) order after `after`, with the newest
 * approval stored for each: the job pages through them, so memory stays flat however many are due.
 */
export async function getDueBills(
  db: Database,
  dueBy: Date,
  limit: number,
  after: { nextReadAt: string; id: number } | null,
): Promise<DueBill[]> {
  const cursor: SQL = after ? sql`AND (r.next_read_at, r.id) > (${after.nextReadAt}::timestamptz, ${after.id})` : sql``;
  const rows = rowsOf<DueRow>(
    await db.execute(sql`
      SELECT r.id, r.bill_id, r.status, r.reasons, r.failed_reads, r.next_read_at::text AS next_read_at,
        b.member_id, b.merchant_id, b.price, b.issued_at, b.expire_date::text AS expire_date,
        a.id AS approval_id, a.appr_state, a.appr_price, a.appr_num, a.appr_dt,
        a.recovered_at IS NOT NULL AS recovered, a.delivery_count
      FROM reconciliations r
      JOIN bills b ON b.bill_id = r.bill_id
      LEFT JOIN LATERAL (
        SELECT id, appr_state, appr_price, appr_num, appr_dt, recovered_at, delivery_count FROM approvals
        WHERE approvals.bill_id = r.bill_id ORDER BY appr_dt DESC, id DESC LIMIT 1
      ) a ON true
      WHERE r.next_read_at IS NOT NULL AND r.next_read_at <= ${dueBy.toISOString()}::timestamptz ${cursor}
      ORDER BY r.next_read_at, r.id
      LIMIT ${limit}`),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    billId: row.bill_id,
    status: row.status,
    reasons: reasonsOf(row.reasons),
    failedReads: row.failed_reads,
    nextReadAt: row.next_read_at,
    memberId: row.member_id,
    merchantId: row.merchant_id,
    price: Number(row.price),
    issuedAt: new Date(row.issued_at),
    expireDate: row.expire_date,
    ours:
      row.approval_id === null
        ? null
        : {
            id: Number(row.approval_id),
            apprState: row.appr_state as ApprovalState,
            apprPrice: Number(row.appr_price),
            apprNum: row.appr_num,
            apprDt: new Date(row.appr_dt as string),
            recovered: Boolean(row.recovered),
            deliveryCount: Number(row.delivery_count),
          },
  }));
}

/** Queues the alert that a pass stopped after repeated failures (one per hour at most). */
export async function queueStoppedAlert(db: Database, facts: { failures: number; lastError: string; since: Date }) {
  await db.execute(sql`
    INSERT INTO alert_outbox (kind, dedupe_key, facts)
    VALUES ('reconciliation_stopped', ${`reconciliation_stopped:${facts.since.toISOString().slice(0, 13)}`},
      ${JSON.stringify(facts)}::jsonb)
    ON CONFLICT (dedupe_key) DO NOTHING`);
}

/** Bills per status, every status present (the cron's answer). */
export async function countReconciliationsByStatus(db: Database): Promise<Record<string, number>> {
  const rows = rowsOf<{ status: string; count: number }>(
    await db.execute(sql`SELECT status::text, count(*)::int AS count FROM reconciliations GROUP BY status`),
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { DAY_MS } from "@/lib/kst";

// Retention: what the callback log keeps, and for how long.
// - Unauthenticated deliveries (wrong or missing URL token: a stranger's bytes) go after 30 days,
//   and so do the per-minute counters of unauthenticated requests.
// - Accepted and duplicate deliveries lose their raw body after RETENTION_DAYS; the row, its
//   outcome and its links stay. Rejected deliveries keep their body: it is what 다시 처리 needs.
// - Alerts that were sent or given up on go after 90 days. No sweep looks back more than two
//   days for an event to alert (retry-deadline and digest sweeps), so a deleted alert's dedupe
//   key is never needed again; pending alerts are never deleted.
// - Approvals, merchants, their status history and the audit log are never touched here.
// Work is done in small batches, each its own short statement: only the batch's old rows are
// locked (SKIP LOCKED passes over any that are busy), and callbacks, which only insert new rows,
// never wait on it. A run stops at its deadline; the next one continues where the data says.

export const unauthenticatedRetentionDays = 30;
export const alertRetentionDays = 90;

export interface RetentionPolicy {
  now: Date;
  /** Accepted and duplicate deliveries keep their body this many days (RETENTION_DAYS). */
  retentionDays: number;
}

export interface RetentionRun extends RetentionPolicy {
  batchSize: number;
  /** No new batch starts after this instant (a cron invocation must end within its maxDuration). */
  deadline: Date;
}

export interface RetentionCounts {
  unauthorizedDeliveries: number;
  bodiesDropped: number;
  /** What the dropped bodies weighed as received (body_bytes). */
  bodyBytesDropped: number;
  counterMinutes: number;
  /** Sent or failed alerts deleted from alert_outbox. */
  alerts: number;
}

export interface RetentionResult extends RetentionCounts {
  batches: number;
  /** False when the deadline came first: run again to finish. */
  complete: boolean;
}

export function retentionCutoffs({ now, retentionDays }: RetentionPolicy) {
  return {
    unauthenticated: new Date(now.getTime() - unauthenticatedRetentionDays * DAY_MS),
    bodies: new Date(now.getTime() - retentionDays * DAY_MS),
    alerts: new Date(now.getTime() - alertRetentionDays * DAY_MS),
  };
}

// Never a delivery that a reprocessing points back at (an unauthorized one cannot be reprocessed,
// but the link must not break whatever happens).
const deleteUnauthorizedBatch = (cutoff: Date, batchSize: number) => sql`
  WITH doomed AS (
    SELECT d.id FROM callback_deliveries d
    WHERE d.outcome = 'unauthorized' AND d.received_at < ${cutoff.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM callback_deliveries r WHERE r.reprocess_of = d.id)
    ORDER BY d.received_at
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM callback_deliveries d USING doomed WHERE d.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS count, 0::bigint AS bytes FROM deleted`;

// The predicate matches callback_deliveries_body_retention_idx, which holds only rows still to do.
const dropBodiesBatch = (cutoff: Date, batchSize: number) => sql`
  WITH batch AS (
    SELECT id FROM callback_deliveries
    WHERE raw_body IS NOT NULL AND outcome IN ('accepted', 'duplicate')
      AND received_at < ${cutoff.toISOString()}::timestamptz
    ORDER BY received_at, id
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED
  ), pruned AS (
    UPDATE callback_deliveries d SET raw_body = NULL, body_pruned_at = now()
    FROM batch WHERE d.id = batch.id
    RETURNING d.body_bytes
  )
  SELECT count(*)::int AS count, coalesce(sum(body_bytes), 0)::bigint AS bytes FROM pruned`;

const deleteCountersBatch = (cutoff: Date, batchSize: number) => sql`
  WITH doomed AS (
    SELECT minute FROM unauthenticated_requests
    WHERE minute < ${cutoff.toISOString()}::timestamptz
    ORDER BY minute
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM unauthenticated_requests u USING doomed WHERE u.minute = doomed.minute RETURNING 1
  )
  SELECT count(*)::int AS count, 0::bigint AS bytes FROM deleted`;

// Finished alerts only: a pending one is still to be sent (or given up on) by the sender.
const finishedAlerts = (cutoff: Date) =>
  sql`status IN ('sent', 'failed') AND created_at < ${cutoff.toISOString()}::timestamptz`;

const deleteAlertsBatch = (cutoff: Date, batchSize: number) => sql`
  WITH doomed AS (
    SELECT id FROM alert_outbox
    WHERE ${finishedAlerts(cutoff)}
    ORDER BY created_at, id
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM alert_outbox a USING doomed WHERE a.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS count, 0::bigint AS bytes FROM deleted`;

interface BatchOutcome {
  count: number;
  bytes: string | number;
}

/** Applies the retention policy in batches until nothing is left or the deadline passes. */
export async function applyRetention(db: Database, run: RetentionRun): Promise<RetentionResult> {
  const cutoffs = retentionCutoffs(run);
  const result: RetentionResult = {
    unauthorizedDeliveries: 0,
    bodiesDropped: 0,
    bodyBytesDropped: 0,
    counterMinutes: 0,
    alerts: 0,
    batches: 0,
    complete: true,
  };
  const steps: { batch: () => ReturnType<typeof sql>; add: (outcome: BatchOutcome) => void }[] = [
    {
      batch: () => deleteUnauthorizedBatch(cutoffs.unauthenticated, run.batchSize),
      add: ({ count }) => {
        result.unauthorizedDeliveries += count;
      },
    },
    {
      batch: () => dropBodiesBatch(cutoffs.bodies, run.batchSize),
      add: ({ count, bytes }) => {
        result.bodiesDropped += count;
        result.bodyBytesDropped += Number(bytes);
      },
    },
    {
      batch: () => deleteCountersBatch(cutoffs.unauthenticated, run.batchSize),
      add: ({ count }) => {
        result.counterMinutes += count;
      },
    },
    {
      batch: () => deleteAlertsBatch(cutoffs.alerts, run.batchSize),
      add: ({ count }) => {
        result.alerts += count;
      },
    },
  ];
  for (const step of steps) {
    for (;;) {
      if (Date.now() >= run.deadline.getTime()) {
        result.complete = false;
        return result;
      }
      const [outcome] = rowsOf<BatchOutcome>(await db.execute(step.batch()));
      result.batches += 1;
      step.add(outcome);
      if (outcome.count < run.batchSize) break;
    }
  }
  return result;
}

/** What a run would do now, without changing anything (`npm run db:prune -- --dry-run`). */
export async function previewRetention(db: Database, policy: RetentionPolicy): Promise<RetentionCounts> {
  const cutoffs = retentionCutoffs(policy);
  const [row] = rowsOf<{
    unauthorized: number;
    bodies: number;
    bytes: string | number;
    counters: number;
    alerts: number;
  }>(
    await db.execute(sql`
      SELECT
        (SELECT count(*)::int FROM callback_deliveries d
          WHERE d.outcome = 'unauthorized' AND d.received_at < ${cutoffs.unauthenticated.toISOString()}::timestamptz
            AND NOT EXISTS (SELECT 1 FROM callback_deliveries r WHERE r.reprocess_of = d.id)) AS unauthorized,
        (SELECT count(*)::int FROM callback_deliveries
          WHERE raw_body IS NOT NULL AND outcome IN ('accepted', 'duplicate')
            AND received_at < ${cutoffs.bodies.toISOString()}::timestamptz) AS bodies,
        (SELECT coalesce(sum(body_bytes), 0)::bigint FROM callback_deliveries
          WHERE raw_body IS NOT NULL AND outcome IN ('accepted', 'duplicate')
            AND received_at < ${cutoffs.bodies.toISOString()}::timestamptz) AS bytes,
        (SELECT count(*)::int FROM unauthenticated_requests
          WHERE minute < ${cutoffs.unauthenticated.toISOString()}::timestamptz) AS counters,
        (SELECT count(*)::int FROM alert_outbox WHERE ${finishedAlerts(cutoffs.alerts)}) AS alerts`),
  );
  return {
    unauthorizedDeliveries: row.unauthorized,
    bodiesDropped: row.bodies,
    bodyBytesDropped: Number(row.bytes),
    counterMinutes: row.counters,
    alerts: row.alerts,
  };
}

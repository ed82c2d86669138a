import type { Database } from "@/db";
import {
  claimReconciliationLease,
  countReconciliationsByStatus,
  type DueBill,
  getDueBills,
  queueStoppedAlert,
  releaseReconciliationLease,
  scanNewDeliveries,
} from "@/db/queries/reconciliation-job";
import { type ReadRecord, recordBillRead, recordBillReads } from "@/db/queries/reconciliation-reads";
import type { ReconciliationStatus } from "@/db/schema";
import type { BillReadResult, PayssamClient } from "@/lib/payssam/client";
import { batchWriter } from "./batch-writer";
import { type Decision, decide } from "./decide";
import { mismatchReasonLabels } from "./statuses";

// One reconciliation pass: look through the callbacks stored since the last pass (approvals to
// verify, billIds without a bill), then read every due bill from PaySsam at the client's rate and
// store what each read decided. Stops early, and alerts, when PaySsam's API keeps failing.

export interface PassOptions {
  db: Database;
  client: PayssamClient;
  /** Minutes between passes: a bill still open is read again by the next one. */
  intervalMinutes: number;
  /** Queue 콜백 누락 / 불일치 / 중단 alerts (ALERT_WEBHOOK_URL set). */
  alerts: boolean;
  /** Reads in flight at once; the client's rate limit spaces them. */
  concurrency?: number;
  /** Consecutive failed reads (no answer after the client's retries) after which the pass stops. */
  stopAfterFailures?: number;
  /** Callback deliveries younger than this wait for the next pass (a commit still in flight). */
  settleMs?: number;
  /** Due bills fetched per query, and read results written per statement (at most). */
  batchSize?: number;
  /** A read's result waits at most this long before it is written. */
  writeDelayMs?: number;
  now?: () => Date;
}

export interface PassReport {
  status: "ok" | "stopped" | "busy";
  /** Approval deliveries looked at, bills queued for verification, new 미등록 billIds. */
  deliveries: { scanned: number; queued: number; unregistered: number };
  /** Bills read this pass, and the status each read gave. */
  read: number;
  readStatuses: Partial<Record<ReconciliationStatus, number>>;
  /** Every billId's status after the pass. */
  statuses: Record<string, number>;
  failedReads: number;
  durationMs: number;
  stoppedReason?: string;
}

const leaseMs = 5 * 60 * 1000;
// Consecutive failures back off by doubling the interval, up to this many intervals.
const maxBackoffIntervals = 8;

function nextRead(decision: Decision, failedReads: number, now: Date, intervalMs: number): Date | null {
  if (!decision.readAgain) return null;
  // Due again for the next pass: a little under one interval, so a pass that started early still takes it.
  const factor =
    decision.status === "unreadable" ? Math.min(2 ** Math.max(failedReads - 1, 0), maxBackoffIntervals) : 1;
  return new Date(now.getTime() + factor * intervalMs * 0.9);
}

function alertFor(decision: Decision, due: DueBill, read: BillReadResult) {
  if (decision.status !== "missing_callback" && decision.status !== "mismatch") return null;
  const amount = read.outcome === "read" && read.bill.apprPrice !== null ? read.bill.apprPrice : due.price;
  return {
    kind: decision.status,
    facts: {
      billId: due.billId,
      memberId: due.memberId,
      merchantId: due.merchantId,
      amount,
      reasons: decision.reasons.map((reason) => mismatchReasonLabels[reason]),
    },
  };
}

export function readRecord(
  due: DueBill,
  read: BillReadResult,
  decision: Decision,
  now: Date,
  options: PassOptions,
): ReadRecord {
  const failedReads = decision.status === "unreadable" ? due.failedReads + 1 : 0;
  const ok = read.outcome === "read";
  return {
    billId: due.billId,
    at: now,
    outcome: read.outcome,
    durationMs: read.durationMs,
    httpStatus: read.httpStatus,
    code: "code" in read ? read.code : null,
    message: "message" in read ? read.message : null,
    said: ok
      ? {
          apprState: read.bill.apprState,
          apprPrice: read.bill.apprPrice,
          apprNum: read.bill.apprNum,
          apprDt: read.bill.apprDt?.toISOString() ?? null,
        }
      : null,
    unreadable: "unreadable" in read && read.unreadable.length > 0 ? read.unreadable : null,
    error: "error" in read ? read.error : null,
    status: decision.status,
    reasons: decision.reasons,
    differences: decision.differences,
    lastError: decision.error,
    failedReads,
    nextReadAt: nextRead(decision, failedReads, now, options.intervalMinutes * 60_000),
    recover: decision.recover && ok ? read.bill.approval : null,
    ourApprovalId: due.ours?.id ?? null,
    verified: ok,
    alert: options.alerts ? alertFor(decision, due, read) : null,
  };
}

/**
 * The due bills in (next_read_at, id) order, a page at a time, the next page fetched while the
 * current one is read: memory holds two pages however many bills are due, and the readers never
 * wait for a query between pages.
 */
async function* dueBills(db: Database, dueBy: Date, pageSize: number): AsyncGenerator<DueBill> {
  let page = await getDueBills(db, dueBy, pageSize, null);
  while (page.length > 0) {
    const last = page[page.length - 1];
    const next =
      page.length < pageSize
        ? Promise.resolve([])
        : getDueBills(db, dueBy, pageSize, { nextReadAt: last.nextReadAt, id: last.id });
    // A failed prefetch is thrown where it is awaited, not as an unhandled rejection meanwhile.
    next.catch(() => {});
    yield* page;
    page = await next;
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight, until `stop()` says so. */
async function pool<Item>(
  items: AsyncIterator<Item>,
  concurrency: number,
  work: (item: Item) => Promise<void>,
  stop: () => boolean,
) {
  // An async generator queues concurrent next() calls and answers them in order. One failed
  // item stops the other workers too, so the error is not followed by a pass's worth of reads.
  let failed = false;
  const workers = Array.from({ length: concurrency }, async () => {
    while (!stop() && !failed) {
      const next = await items.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  await Promise.all(workers);
}

export async function runReconciliationPass(options: PassOptions): Promise<PassReport> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const { db } = options;
  const report: PassReport = {
    status: "ok",
    deliveries: { scanned: 0, queued: 0, unregistered: 0 },
    read: 0,
    readStatuses: {},
    statuses: {},
    failedReads: 0,
    durationMs: 0,
  };
  if (!(await claimReconciliationLease(db, leaseMs))) {
    return { ...report, status: "busy", durationMs: Math.round(performance.now() - started) };
  }
  try {
    // One clock for the pass: what the scan queues is due by it, whatever the database's clock says.
    const dueBy = now();
    for (;;) {
      const scan = await scanNewDeliveries(db, 5000, options.settleMs ?? 10_000, dueBy);
      report.deliveries.scanned += scan.scanned;
      report.deliveries.queued += scan.queued;
      report.deliveries.unregistered += scan.unregistered;
      if (scan.scanned < 5000) break;
    }
    const stopAfter = options.stopAfterFailures ?? 5;
    let consecutiveFailures = 0;
    let lastError = "";
    const stopped = () => report.status === "stopped";
    const batchSize = options.batchSize ?? 500;
    const writer = batchWriter<ReadRecord>({
      write: (records) => recordBillReads(db, records),
      keyOf: (record) => record.billId,
      maxItems: batchSize,
      maxDelayMs: options.writeDelayMs ?? 1000,
    });
    let leaseRenewedAt = performance.now();
    const due = dueBills(db, dueBy, batchSize);
    try {
      await pool(
        due,
        options.concurrency ?? 8,
        async (bill) => {
          const read = await options.client.readBill(bill);
          if (stopped()) return;
          const at = now();
          const decision = decide(bill, bill.ours, read, at);
          const record = readRecord(bill, read, decision, at, options);
          if (record.recover) await recordBillRead(db, record);
          else await writer.add(record);
          report.read++;
          report.readStatuses[decision.status] = (report.readStatuses[decision.status] ?? 0) + 1;
          if (read.outcome === "failed") {
            report.failedReads++;
            consecutiveFailures++;
            lastError = read.error;
            if (consecutiveFailures >= stopAfter) {
              report.status = "stopped";
              report.stoppedReason = `${consecutiveFailures} reads in a row failed; last: ${lastError}`;
            }
          } else consecutiveFailures = 0;
          if (performance.now() - leaseRenewedAt > leaseMs / 5) {
            leaseRenewedAt = performance.now();
            await claimReconciliationLease(db, leaseMs, true);
          }
        },
        stopped,
      );
    } finally {
      await due.return(undefined);
      await writer.close();
    }
    if (stopped() && options.alerts) {
      await queueStoppedAlert(db, { failures: consecutiveFailures, lastError, since: dueBy });
    }
    report.statuses = await countReconciliationsByStatus(db);
  } finally {
    report.durationMs = Math.round(performance.now() - started);
    await releaseReconciliationLease(db, { ...report });
  }
  return report;
}

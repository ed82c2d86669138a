import { logger } from "@/lib/logger";
import { reconcileNow } from "./configured";

// A long-running server (`next start`) reconciles on its own every RECONCILE_INTERVAL_MINUTES; on
// Vercel, Cron calls /api/cron/reconcile instead. A pass still reading when the next is due is not
// joined: the job's lease would refuse the second anyway.

let scheduled: ReturnType<typeof setInterval> | undefined;

export function startReconcileSchedule(intervalMinutes: number): void {
  if (scheduled) return;
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    reconcileNow()
      .then((outcome) => {
        if (outcome.status === "off") return;
        logger.info({ event: "reconcile", ...outcome }, "reconciliation pass");
      })
      .catch((error: Error) =>
        logger.error({ event: "reconcile", reason: error.message }, "reconciliation pass failed"),
      )
      .finally(() => {
        busy = false;
      });
  };
  scheduled = setInterval(run, intervalMinutes * 60_000);
  scheduled.unref();
  // The first pass a minute after start, not during the boot's own work.
  setTimeout(run, 60_000).unref();
}

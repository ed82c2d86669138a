import { getDb } from "@/db";
import { logger } from "@/lib/logger";
import { type SendReport, sendDueAlerts } from "./sender";
import { alertSettings } from "./settings";
import { queueDeadlineAlerts, queueUnauthenticatedDigests } from "./sweep";

// When alerts go out: right after a callback is answered (after() in the callback routes), every
// sweepIntervalMs in a long-running server (instrumentation.ts), and every 5 minutes by Vercel
// Cron (/api/cron/alerts). All of them only post what the outbox holds, so running them together
// is safe: the claim keeps each alert to one sender.

export const sweepIntervalMs = 15_000;

let sending: Promise<void> | null = null;
let sendAgain = false;

/** Posts due alerts now. Calls while a run is under way join it, and it runs once more for them. */
export function sendAlertsNow(): Promise<void> {
  const settings = alertSettings();
  if (!settings) return Promise.resolve();
  if (sending) {
    sendAgain = true;
    return sending;
  }
  sending = (async () => {
    do {
      sendAgain = false;
      // A few batches: the callback function's time limit bounds after(); the sweep takes the rest.
      logReport(await sendDueAlerts(await getDb(), settings, { maxBatches: 3 }));
    } while (sendAgain);
  })()
    .catch((error: Error) => logger.error({ event: "alerts", reason: error.message }, "alerts not sent"))
    .finally(() => {
      sending = null;
    });
  return sending;
}

export interface SweepReport extends SendReport {
  queued: number;
}

/** Queues the time-based alerts (deadlines, digests), then posts everything due. */
export async function sweepAlerts(now = new Date()): Promise<SweepReport | null> {
  const settings = alertSettings();
  if (!settings) return null;
  const db = await getDb();
  const queued = (await queueDeadlineAlerts(db, now)) + (await queueUnauthenticatedDigests(db, settings, now));
  const report = await sendDueAlerts(db, settings);
  logReport(report, queued);
  return { ...report, queued };
}

let sweeping: ReturnType<typeof setInterval> | undefined;

/** In a long-running server: sweep every sweepIntervalMs, so nothing waits for the cron. */
export function startAlertSweeps(): void {
  if (sweeping) return;
  let busy = false;
  sweeping = setInterval(() => {
    // A sweep stuck on a hanging webhook (5 s per alert) is not joined by the next one.
    if (busy) return;
    busy = true;
    sweepAlerts()
      .catch((error: Error) => logger.error({ event: "alerts", reason: error.message }, "alert sweep failed"))
      .finally(() => {
        busy = false;
      });
  }, sweepIntervalMs);
  // The sweep never keeps a process alive that has nothing else to do (scripts, tests).
  sweeping.unref();
}

function logReport(report: SendReport, queued = 0) {
  if (report.sent + report.retrying + report.failed + report.merged + queued === 0) return;
  logger.info({ event: "alerts", ...report, queued }, "alerts processed");
}

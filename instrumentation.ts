// Runs once when the server starts (not during `next build`): checks the configuration and opens
// the database, so a bad setting or a locked embedded database shows at boot, not on PaySsam's
// first callback.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, before any request: the client address helper reads the TCP peer from this stamp.
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { answerForbiddenMethods } = await import("@/lib/http/forbidden-methods");
  answerForbiddenMethods();
  const { configurationOrExit } = await import("@/lib/env-at-boot");
  const config = configurationOrExit();
  const { logger } = await import("@/lib/logger");
  if (config.NODE_ENV === "production" && config.CALLBACK_TOKEN.length === 0) {
    logger.error(
      { event: "config", missing: "CALLBACK_TOKEN" },
      "CALLBACK_TOKEN is not set: callback endpoints answer 503 until it is (PaySsam keeps retrying for 24 hours)",
    );
  }
  const { getDatabase } = await import("@/db");
  try {
    const { db, driver } = await getDatabase();
    logger.info({ event: "database", driver }, `database ready (${driver})`);
    // No account yet: print this instance's one-time code for the first administrator.
    if (config.NODE_ENV === "production") {
      const { ensureSetupCode } = await import("@/lib/auth/setup-code");
      await ensureSetupCode(db);
    }
  } catch (error) {
    logger.error({ event: "database", reason: (error as Error).message }, "database not available at start");
  }
  // A long-running server (`next start`) sweeps the alert outbox itself; on Vercel the cron does.
  if (config.ALERT_WEBHOOK_URL && !config.VERCEL) {
    const { startAlertSweeps } = await import("@/lib/alerts/run");
    startAlertSweeps();
  }
  // Reconciliation against PaySsam's /bill/read, likewise (docs/reconciliation.md).
  if (!config.VERCEL) {
    const { reconciliationOff } = await import("@/lib/reconcile/configured");
    const off = reconciliationOff();
    if (off) logger.info({ event: "reconcile", status: "off" }, off.message);
    else {
      const { startReconcileSchedule } = await import("@/lib/reconcile/schedule");
      startReconcileSchedule(config.RECONCILE_INTERVAL_MINUTES);
      logger.info(
        { event: "reconcile", intervalMinutes: config.RECONCILE_INTERVAL_MINUTES },
        `reconciliation every ${config.RECONCILE_INTERVAL_MINUTES} minutes`,
      );
    }
  }
}

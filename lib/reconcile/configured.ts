import { type Database, getDb } from "@/db";
import { alertsConfigured } from "@/lib/alerts/settings";
import { env } from "@/lib/env";
import { createPayssamClient, type PayssamClient } from "@/lib/payssam/client";
import { type PassReport, runReconciliationPass } from "./run";

// Reconciliation as configured by the environment: the one entry for the cron route, the schedule
// inside `next start`, the 지금 대사 button and `npm run reconcile`.

export type ReconcileOutcome =
  | ({ status: PassReport["status"] } & Omit<PassReport, "status">)
  | { status: "off"; message: string };

/** Why reconciliation cannot run, in English and Korean, or null when it can. */
export function reconciliationOff(): { message: string; korean: string } | null {
  const config = env();
  if (!config.PAYSSAM_API_BASE) {
    return {
      message:
        "PAYSSAM_API_BASE is not set: reconciliation does nothing (docs/reconciliation.md says how to turn it on).",
      korean:
        "PAYSSAM_API_BASE가 설정되지 않아 대사를 하지 않습니다. PAYSSAM_API_BASE와 PAYSSAM_API_KEY를 설정하면 켜집니다.",
    };
  }
  if (!config.PAYSSAM_API_KEY) {
    return {
      message: "PAYSSAM_API_KEY is not set: PaySsam cannot be read without the partner's API key.",
      korean: "PAYSSAM_API_KEY가 설정되지 않아 PaySsam을 조회할 수 없습니다.",
    };
  }
  return null;
}

// One client per process: its rate limit holds across passes and callers.
const globalForClient = globalThis as unknown as { payssamClient?: { key: string; client: PayssamClient } };

function configuredClient(): PayssamClient {
  const config = env();
  const key = `${config.PAYSSAM_API_BASE}\u0000${config.PAYSSAM_API_RATE}\u0000${config.PAYSSAM_API_KEY}`;
  if (globalForClient.payssamClient?.key !== key) {
    globalForClient.payssamClient = {
      key,
      client: createPayssamClient({
        base: config.PAYSSAM_API_BASE as string,
        apiKey: config.PAYSSAM_API_KEY as string,
        ratePerSecond: config.PAYSSAM_API_RATE,
      }),
    };
  }
  return globalForClient.payssamClient.client;
}

export interface ReconcileOverrides {
  client?: PayssamClient;
  /** How old a callback delivery must be before a pass looks at it (default 10 s). */
  settleMs?: number;
}

const globalForOverrides = globalThis as unknown as { reconcileOverrides?: ReconcileOverrides };

/** Tests and the demo run passes against a fake PaySsam through the same entry as production. */
export function useReconcileOverrides(overrides: ReconcileOverrides | undefined) {
  globalForOverrides.reconcileOverrides = overrides;
}

export async function reconcileNow(options: { db?: Database } & ReconcileOverrides = {}): Promise<ReconcileOutcome> {
  const overrides = { ...globalForOverrides.reconcileOverrides, ...options };
  const off = reconciliationOff();
  if (off) return { status: "off", message: off.message };
  return runReconciliationPass({
    db: options.db ?? (await getDb()),
    client: overrides.client ?? configuredClient(),
    settleMs: overrides.settleMs,
    intervalMinutes: env().RECONCILE_INTERVAL_MINUTES,
    alerts: alertsConfigured(),
  });
}

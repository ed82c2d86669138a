import type { Database } from "@/db";
import {
  claimDueAlerts,
  markAlertAttemptFailed,
  markAlertSent,
  placeRefusalAlert,
  removeAlert,
} from "@/db/queries/alert-outbox";
import { getRefusalDetails } from "@/db/queries/retry-deadlines";
import type { Alert } from "@/db/schema";
import { getSubjectRetryEpisodes } from "@/lib/dashboard/retry-episodes";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";
import { messageOf, type RetryAlertFacts } from "./facts";
import { type AlertMessage, alertText } from "./messages";
import type { AlertSettings } from "./settings";
import { type PostWebhook, postWebhook } from "./webhook";

// Posts due alerts from the outbox: claims a batch, turns each into its text, posts it, and
// records the outcome. A failure is tried again later (exponential backoff) up to maxAttempts,
// then shown as 실패 on /alerts, where an admin can send it again.

export const maxAttempts = 8;
const firstRetryMs = 30_000;
const longestRetryMs = 30 * 60_000;
const batchSize = 10;
// Longer than a batch of timeouts (10 × 5 s): a lease never runs out under a living sender.
const leaseMs = 120_000;

/** Wait before the next try after `attempts` tries: 30 s, 1, 2, 4, 8, 16, 30, 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(attempts - 1, 0), longestRetryMs);
}

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Refusal candidates that were PaySsam's retries of an episode already alerted. */
  merged: number;
}

export async function sendDueAlerts(
  db: Database,
  settings: AlertSettings,
  options: { post?: PostWebhook; now?: () => Date; maxBatches?: number } = {},
): Promise<SendReport> {
  const post = options.post ?? postWebhook;
  const now = options.now ?? (() => new Date());
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, merged: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const alerts = await claimDueAlerts(db, { limit: batchSize, leaseMs });
    if (alerts.length === 0) break;
    for (const alert of alerts) report[await sendAlert(db, alert, settings, post, now())]++;
  }
  return report;
}

async function sendAlert(
  db: Database,
  alert: Alert,
  settings: AlertSettings,
  post: PostWebhook,
  now: Date,
): Promise<keyof SendReport> {
  let text: string | null = null;
  let error: string;
  try {
    const message =
      alert.kind === "refusal" && alert.dedupeKey === null ? await placeRefusal(db, alert, now) : messageOf(alert);
    if (message === null) return "merged";
    text = alertText(message, { origin: settings.origin, now, secrets: settings.secrets });
    const result = await post(settings.webhookUrl, { text });
    if (result.ok) {
      await markAlertSent(db, alert.id, text);
      return "sent";
    }
    error = result.error;
  } catch (thrown) {
    error = (thrown as Error).message || String(thrown);
  }
  const retryInMs = alert.attempts >= maxAttempts ? null : retryDelayMs(alert.attempts);
  await markAlertAttemptFailed(db, alert.id, { error, text, retryInMs });
  return retryInMs === null ? "failed" : "retrying";
}

/**
 * A refusal candidate in its retry episode (the /retry-deadlines definition): the alert of the
 * episode when it is the first candidate for it, otherwise removed (null).
 */
async function placeRefusal(db: Database, alert: Alert, now: Date): Promise<AlertMessage | null> {
  const [details] = [...(await getRefusalDetails(db, [alert.deliveryId ?? 0])).values()];
  const episodes = details && alert.subject ? await getSubjectRetryEpisodes(db, details.kind, alert.subject, now) : [];
  const episode = episodes.find((candidate) => candidate.refusalIds.includes(alert.deliveryId ?? 0));
  if (!details || !episode || episode.subject === null) {
    await removeAlert(db, alert.id);
    return null;
  }
  const facts: RetryAlertFacts = {
    callbackKind: episode.kind,
    subject: episode.subject,
    firstRefusedAt: episode.firstRefusedAt,
    attempts: episode.attempts,
    reason: explainRefusal(details).summary,
  };
  if (!(await placeRefusalAlert(db, alert.id, refusalAlertKey(episode), facts))) return null;
  return { kind: "refusal", ...facts };
}

/** One refusal alert per retry episode: its subject key and first refusal. */
export function refusalAlertKey(episode: { key: string; refusalIds: number[] }): string {
  return `refusal:${episode.key}:${episode.refusalIds[0]}`;
}

export function deadlineAlertKey(episode: { key: string; refusalIds: number[] }): string {
  return `deadline:${episode.key}:${episode.refusalIds[0]}`;
}

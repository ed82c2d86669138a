import type { Database } from "@/db";
import { getRefusalAlertsWithoutDeadline, queueAlert } from "@/db/queries/alert-outbox";
import { getRefusalDetails } from "@/db/queries/retry-deadlines";
import { countUnauthenticatedRequests } from "@/db/queries/unauthenticated-requests";
import { retryWindowMs } from "@/lib/callbacks/retry-deadlines";
import { getSubjectRetryEpisodes } from "@/lib/dashboard/retry-episodes";
import { HOUR_MS } from "@/lib/kst";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";
import { type DigestAlertFacts, type RetryAlertFacts, retryAlertFacts } from "./facts";
import { deadlineAlertKey, refusalAlertKey } from "./sender";
import type { AlertSettings } from "./settings";

// The alerts no callback writes, because they are about time passing: a retry deadline 4 hours
// away, and an hour with too many wrong-token requests. Each is queued once (its dedupe key), so
// any number of sweeps, on any number of instances, queue it once.

/** How long before PaySsam's deadline an unresolved subject is alerted again. */
export const deadlineWarningMs = 4 * HOUR_MS;

/**
 * Deadline alerts for episodes that were alerted when first refused, whose deadline is at most
 * deadlineWarningMs away and not past, and that are still being retried (not resolved).
 */
export async function queueDeadlineAlerts(db: Database, now: Date): Promise<number> {
  const from = new Date(now.getTime() - retryWindowMs);
  const to = new Date(from.getTime() + deadlineWarningMs);
  let queued = 0;
  for (const refusal of await getRefusalAlertsWithoutDeadline(db, from, to)) {
    const facts = retryAlertFacts.parse(refusal.facts);
    const episodes = await getSubjectRetryEpisodes(db, facts.callbackKind, facts.subject, now);
    const episode = episodes.find((candidate) => refusalAlertKey(candidate) === refusal.dedupeKey);
    if (episode?.state !== "retrying") continue;
    const [last] = (await getRefusalDetails(db, [episode.lastRefusalId])).values();
    const deadline: RetryAlertFacts = {
      ...facts,
      attempts: episode.attempts,
      reason: last ? explainRefusal(last).summary : facts.reason,
    };
    if (
      await queueAlert(db, {
        kind: "deadline",
        dedupeKey: deadlineAlertKey(episode),
        subject: facts.subject,
        facts: deadline,
      })
    ) {
      queued++;
    }
  }
  return queued;
}

/**
 * One digest per clock hour whose wrong-token requests exceed the threshold, with the count when
 * it was queued. The previous hour is checked too, so a burst just before the hour is not missed
 * by a sweep that runs just after it.
 */
export async function queueUnauthenticatedDigests(db: Database, settings: AlertSettings, now: Date): Promise<number> {
  const thisHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  let queued = 0;
  for (const start of [thisHour - HOUR_MS, thisHour]) {
    const since = new Date(start);
    const received = await countUnauthenticatedRequests(db, since, new Date(start + HOUR_MS));
    if (received <= settings.unauthenticatedThreshold) continue;
    const facts: DigestAlertFacts = { since, received, threshold: settings.unauthenticatedThreshold };
    if (await queueAlert(db, { kind: "unauthenticated", dedupeKey: `unauthenticated:${since.toISOString()}`, facts })) {
      queued++;
    }
  }
  return queued;
}

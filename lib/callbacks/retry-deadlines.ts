import type { CallbackKind } from "@/db/schema";
import { durationText } from "@/lib/duration";
import { HOUR_MS } from "@/lib/kst";

// PaySsam retries a delivery it did not get 0000 for every hour, for 24 hours after the first
// attempt, and then gives up: a payment refused for a whole day never reaches us. This module
// turns refused and stored deliveries into retry episodes per subject (billId, or
// memberId/merchantId): when the first refusal came, how many attempts followed, the deadline,
// and whether a later delivery for the subject was stored (PaySsam's retry, or 다시 처리).

/** PaySsam stops retrying 24 hours after the first attempt. */
export const retryWindowMs = 24 * HOUR_MS;
// A refusal this long after an episode's deadline is a new delivery (another state of the same
// bill, a new link result), not one of PaySsam's retries; the hour covers late retries.
const newEpisodeAfterMs = retryWindowMs + HOUR_MS;

export interface RefusedDelivery {
  id: number;
  kind: CallbackKind;
  /** billId or memberId/merchantId; null when the body named none (not JSON, too large…). */
  subject: string | null;
  /** Groups subject-less refusals: the same bytes again are PaySsam retrying the same delivery. */
  bodyHash: string | null;
  receivedAt: Date;
}

export interface StoredDelivery {
  id: number;
  kind: CallbackKind;
  subject: string | null;
  receivedAt: Date;
  /** Set when an operator's 다시 처리 of that refused delivery produced this one. */
  reprocessOf: number | null;
}

export type RetryState = "retrying" | "lost" | "resolved";

export interface RetryEpisode {
  key: string;
  kind: CallbackKind;
  subject: string | null;
  firstRefusedAt: Date;
  lastRefusedAt: Date;
  /** Refused deliveries from PaySsam in this episode. */
  attempts: number;
  lastRefusalId: number;
  refusalIds: number[];
  /** firstRefusedAt + 24 h. */
  deadline: Date;
  state: RetryState;
  resolution: { deliveryId: number; at: Date; byReprocessing: boolean } | null;
}

export const retryStateLabels: Record<RetryState, string> = {
  retrying: "재시도 중",
  lost: "마감 지남",
  resolved: "해결됨",
};

export function subjectKey(delivery: Pick<RefusedDelivery, "kind" | "subject" | "bodyHash" | "id">): string {
  if (delivery.subject !== null) return `${delivery.kind}:${delivery.subject}`;
  return delivery.bodyHash ? `${delivery.kind}#${delivery.bodyHash}` : `${delivery.kind}#${delivery.id}`;
}

type Event =
  | { at: Date; refused: RefusedDelivery; stored?: never }
  | { at: Date; stored: StoredDelivery; refused?: never };

/**
 * Retry episodes from refused deliveries and the stored (accepted or duplicate) deliveries that
 * may resolve them. A stored delivery resolves the open episode of its subject when it came after
 * the first refusal, or, whatever its subject, the episode of the refusal it reprocessed.
 */
export function retryEpisodes(refused: RefusedDelivery[], stored: StoredDelivery[], now: Date): RetryEpisode[] {
  const keyOfRefusal = new Map<number, string>();
  const events = new Map<string, Event[]>();
  const add = (key: string, event: Event) => {
    const list = events.get(key);
    if (list) list.push(event);
    else events.set(key, [event]);
  };
  for (const delivery of refused) {
    const key = subjectKey(delivery);
    keyOfRefusal.set(delivery.id, key);
    add(key, { at: delivery.receivedAt, refused: delivery });
  }
  for (const delivery of stored) {
    const reprocessed = delivery.reprocessOf === null ? undefined : keyOfRefusal.get(delivery.reprocessOf);
    const key = reprocessed ?? (delivery.subject === null ? undefined : `${delivery.kind}:${delivery.subject}`);
    if (key && events.has(key)) add(key, { at: delivery.receivedAt, stored: delivery });
  }

  const episodes: RetryEpisode[] = [];
  for (const [key, list] of events) {
    list.sort(byTimeRefusalFirst);
    let open: RetryEpisode | null = null;
    for (const event of list) {
      if (event.refused) {
        if (open && event.at.getTime() - open.firstRefusedAt.getTime() > newEpisodeAfterMs) {
          episodes.push(open);
          open = null;
        }
        if (!open) {
          open = {
            key,
            kind: event.refused.kind,
            subject: event.refused.subject,
            firstRefusedAt: event.at,
            lastRefusedAt: event.at,
            attempts: 0,
            lastRefusalId: event.refused.id,
            refusalIds: [],
            deadline: new Date(event.at.getTime() + retryWindowMs),
            state: "retrying",
            resolution: null,
          };
        }
        open.attempts++;
        open.lastRefusedAt = event.at;
        open.lastRefusalId = event.refused.id;
        open.refusalIds.push(event.refused.id);
      } else if (open) {
        const byReprocessing = event.stored.reprocessOf !== null;
        // A reprocessing resolves only the episode it belongs to.
        if (byReprocessing && !open.refusalIds.includes(event.stored.reprocessOf as number)) continue;
        open.state = "resolved";
        open.resolution = { deliveryId: event.stored.id, at: event.at, byReprocessing };
        episodes.push(open);
        open = null;
      }
    }
    if (open) episodes.push(open);
  }
  for (const episode of episodes) {
    if (episode.state !== "resolved") episode.state = episode.deadline <= now ? "lost" : "retrying";
  }
  return episodes.sort(byUrgency);
}

// Same instant: the refusal first, so a delivery stored in the same millisecond resolves it.
function byTimeRefusalFirst(a: Event, b: Event): number {
  return a.at.getTime() - b.at.getTime() || (a.refused ? -1 : 0) - (b.refused ? -1 : 0);
}

const stateOrder: Record<RetryState, number> = { retrying: 0, lost: 1, resolved: 2 };

function settledAt(episode: RetryEpisode): number {
  return (episode.resolution?.at ?? episode.deadline).getTime();
}

/** Retrying first (nearest deadline first), then lost (most recent first), then resolved (most recent first). */
export function byUrgency(a: RetryEpisode, b: RetryEpisode): number {
  const order = stateOrder[a.state] - stateOrder[b.state];
  if (order !== 0) return order;
  if (a.state === "retrying") return a.deadline.getTime() - b.deadline.getTime() || a.lastRefusalId - b.lastRefusalId;
  return settledAt(b) - settledAt(a) || b.lastRefusalId - a.lastRefusalId;
}

export interface RetrySummary {
  retrying: number;
  lost: number;
  resolved: number;
  /** The nearest deadline among episodes still being retried. */
  earliestDeadline: Date | null;
}

export function summarizeEpisodes(episodes: RetryEpisode[]): RetrySummary {
  const summary: RetrySummary = { retrying: 0, lost: 0, resolved: 0, earliestDeadline: null };
  for (const episode of episodes) {
    summary[episode.state]++;
    if (episode.state === "retrying" && (!summary.earliestDeadline || episode.deadline < summary.earliestDeadline)) {
      summary.earliestDeadline = episode.deadline;
    }
  }
  return summary;
}

/** `3시간 12분 남음`, `45분 남음`, `2시간 지남`: time left to a deadline, in words. */
export function timeLeftText(deadline: Date, now: Date): string {
  const diff = deadline.getTime() - now.getTime();
  return `${durationText(diff)} ${diff > 0 ? "남음" : "지남"}`;
}

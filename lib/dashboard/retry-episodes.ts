import type { Database } from "@/db";
import { getRefusedDeliveries, getResolvingDeliveries } from "@/db/queries/retry-deadlines";
import type { CallbackKind } from "@/db/schema";
import { type RetryEpisode, retryEpisodes, retryWindowMs } from "@/lib/callbacks/retry-deadlines";
import { DAY_MS, HOUR_MS } from "@/lib/kst";

// 재시도 마감's episodes, for /retry-deadlines, the overview and the alerts: the refusals of a
// window and the stored deliveries that may resolve them, read by db/queries/retry-deadlines.ts and
// turned into episodes by lib/callbacks/retry-deadlines.ts.

/** More refusals than this in one window is a flood with one cause; the newest are enough to see it. */
export const refusalReadCap = 20_000;

export interface RetryEpisodeWindow {
  episodes: RetryEpisode[];
  /** Refusals were cut at refusalReadCap: the oldest episodes of the window may be missing or short. */
  capped: boolean;
  since: Date;
}

export async function getRetryEpisodes(db: Database, days: number, now = new Date()): Promise<RetryEpisodeWindow> {
  const since = new Date(now.getTime() - days * DAY_MS);
  // One retry window earlier, so an episode that began just before `since` keeps its true start.
  const readFrom = new Date(since.getTime() - retryWindowMs);
  const rows = await getRefusedDeliveries(db, readFrom, refusalReadCap + 1);
  const capped = rows.length > refusalReadCap;
  const refused = rows.slice(0, refusalReadCap);

  const stored = refused.length === 0 ? [] : await getResolvingDeliveries(db, refused, readFrom);
  const episodes = retryEpisodes(refused, stored, now).filter((episode) => episode.firstRefusedAt >= since);
  return { episodes, capped, since };
}

/**
 * One subject's episodes, built as /retry-deadlines builds them: for its alerts. Two retry windows
 * back, so the episode of a refusal near its deadline is read from its true start.
 */
export async function getSubjectRetryEpisodes(
  db: Database,
  kind: CallbackKind,
  subject: string,
  now = new Date(),
): Promise<RetryEpisode[]> {
  const readFrom = new Date(now.getTime() - 2 * retryWindowMs - HOUR_MS);
  const refused = await getRefusedDeliveries(db, readFrom, refusalReadCap, { kind, subject });
  const stored = refused.length === 0 ? [] : await getResolvingDeliveries(db, refused, readFrom);
  return retryEpisodes(refused, stored, now);
}

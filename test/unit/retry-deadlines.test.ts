import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type RefusedDelivery,
  type RetryEpisode,
  retryEpisodes,
  retryWindowMs,
  type StoredDelivery,
  summarizeEpisodes,
  timeLeftText,
} from "@/lib/callbacks/retry-deadlines";
import { parseRetryDeadlinesSearch } from "@/lib/dashboard/retry-deadlines";
import { durationText } from "@/lib/duration";
import { HOUR_MS } from "@/lib/kst";

const now = new Date("2026-11-28T03:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
let nextId = 1;
const refusal = (subject: string | null, at: Date, extra: Partial<RefusedDelivery> = {}): RefusedDelivery => ({
  id: nextId++,
  kind: "approval",
  subject,
  bodyHash: subject === null ? "hash-a" : null,
  receivedAt: at,
  ...extra,
});
const stored = (subject: string | null, at: Date, reprocessOf: number | null = null): StoredDelivery => ({
  id: nextId++,
  kind: "approval",
  subject,
  receivedAt: at,
  reprocessOf,
});

describe("retry episodes", () => {
  it("counts PaySsam's hourly attempts and sets the deadline 24 hours after the first", () => {
    const [episode] = retryEpisodes(
      [refusal("B1", hoursAgo(3)), refusal("B1", hoursAgo(2)), refusal("B1", hoursAgo(1))],
      [],
      now,
    );
    expect(episode).toMatchObject({ subject: "B1", attempts: 3, state: "retrying", firstRefusedAt: hoursAgo(3) });
    expect(episode.deadline).toEqual(new Date(hoursAgo(3).getTime() + retryWindowMs));
    expect(timeLeftText(episode.deadline, now)).toBe("21시간 남음");
  });

  it("is lost once the deadline has passed with nothing stored", () => {
    const [episode] = retryEpisodes([refusal("B2", hoursAgo(30))], [], now);
    expect(episode.state).toBe("lost");
    expect(timeLeftText(episode.deadline, now)).toBe("6시간 지남");
  });

  it("is resolved by a later stored delivery of the subject, even after the deadline", () => {
    const first = refusal("B3", hoursAgo(30));
    const [episode] = retryEpisodes([first], [stored("B3", hoursAgo(2))], now);
    expect(episode.state).toBe("resolved");
    expect(episode.resolution).toMatchObject({ at: hoursAgo(2), byReprocessing: false });
  });

  it("is not resolved by a delivery stored before the first refusal", () => {
    const [episode] = retryEpisodes([refusal("B4", hoursAgo(2))], [stored("B4", hoursAgo(5))], now);
    expect(episode.state).toBe("retrying");
  });

  it("is resolved by reprocessing one of its refusals, even without a subject", () => {
    const first = refusal(null, hoursAgo(40));
    const second = refusal(null, hoursAgo(39));
    const other = refusal(null, hoursAgo(10), { bodyHash: "hash-b" });
    const episodes = retryEpisodes([first, second, other], [stored("B5", hoursAgo(1), second.id)], now);
    expect(episodes.map((episode) => [episode.attempts, episode.state, episode.resolution?.byReprocessing])).toEqual([
      [1, "retrying", undefined],
      [2, "resolved", true],
    ]);
  });

  it("starts a new episode for a refusal long after the last one's deadline", () => {
    const episodes = retryEpisodes([refusal("B6", hoursAgo(80)), refusal("B6", hoursAgo(5))], [], now);
    expect(episodes.map((episode) => episode.state)).toEqual(["retrying", "lost"]);
  });

  it("keeps kinds apart and orders retrying (nearest deadline), lost (newest), resolved", () => {
    const episodes = retryEpisodes(
      [
        refusal("M/1", hoursAgo(2), { kind: "auth_mapping" }),
        refusal("M/1", hoursAgo(20)),
        refusal("L1", hoursAgo(50)),
        refusal("L2", hoursAgo(30)),
        refusal("R1", hoursAgo(40)),
      ],
      [stored("R1", hoursAgo(39))],
      now,
    );
    expect(episodes.map((episode) => `${episode.kind}:${episode.subject}:${episode.state}`)).toEqual([
      "approval:M/1:retrying",
      "auth_mapping:M/1:retrying",
      "approval:L2:lost",
      "approval:L1:lost",
      "approval:R1:resolved",
    ]);
    expect(summarizeEpisodes(episodes)).toEqual({
      retrying: 2,
      lost: 2,
      resolved: 1,
      earliestDeadline: new Date(hoursAgo(20).getTime() + retryWindowMs),
    });
  });
});

describe("durations", () => {
  it.each([
    [0, "1분 미만"],
    [59_000, "1분 미만"],
    [60_000, "1분"],
    [3 * HOUR_MS, "3시간"],
    [3 * HOUR_MS + 12 * 60_000, "3시간 12분"],
    [26 * HOUR_MS, "1일 2시간"],
    [48 * HOUR_MS, "2일"],
  ])("%d ms is %s", (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});

// ——— properties ———

const subjects = ["A", "B", "C", null] as const;
const arbitraryRefusal = fc.record({
  subject: fc.constantFrom(...subjects),
  hoursAgo: fc.integer({ min: 0, max: 24 * 10 }),
  hash: fc.constantFrom("h1", "h2"),
});
const arbitraryStored = fc.record({
  subject: fc.constantFrom(...subjects),
  hoursAgo: fc.integer({ min: 0, max: 24 * 10 }),
  reprocess: fc.option(fc.nat({ max: 40 })),
});

describe("properties", () => {
  test.prop([fc.array(arbitraryRefusal, { maxLength: 40 }), fc.array(arbitraryStored, { maxLength: 20 })], {
    numRuns: 500,
  })(
    "every refusal is in exactly one episode, and each episode's state follows from its facts",
    (plannedRefusals, plannedStored) => {
      const refused = plannedRefusals.map((planned, index) => ({
        id: index + 1,
        kind: "approval" as const,
        subject: planned.subject,
        bodyHash: planned.subject === null ? planned.hash : null,
        receivedAt: hoursAgo(planned.hoursAgo),
      }));
      const storedDeliveries = plannedStored.map((planned, index) => ({
        id: 1000 + index,
        kind: "approval" as const,
        subject: planned.subject,
        receivedAt: hoursAgo(planned.hoursAgo),
        reprocessOf: planned.reprocess === null ? null : planned.reprocess + 1,
      }));
      const episodes = retryEpisodes(refused, storedDeliveries, now);
      const ids = episodes.flatMap((episode) => episode.refusalIds).sort((a, b) => a - b);
      expect(ids).toEqual(refused.map((delivery) => delivery.id));
      for (const episode of episodes) {
        expect(episode.attempts).toBe(episode.refusalIds.length);
        expect(episode.deadline.getTime() - episode.firstRefusedAt.getTime()).toBe(retryWindowMs);
        expect(episode.lastRefusedAt.getTime()).toBeGreaterThanOrEqual(episode.firstRefusedAt.getTime());
        if (episode.state === "resolved") {
          expect(episode.resolution!.at.getTime()).toBeGreaterThanOrEqual(episode.lastRefusedAt.getTime());
        } else {
          expect(episode.resolution).toBeNull();
          expect(episode.state).toBe(episode.deadline <= now ? "lost" : "retrying");
        }
      }
      const summary = summarizeEpisodes(episodes);
      expect(summary.retrying + summary.lost + summary.resolved).toBe(episodes.length);
      // Ordered by urgency: no retrying episode after a lost or resolved one.
      const order = episodes.map((episode: RetryEpisode) => ({ retrying: 0, lost: 1, resolved: 2 })[episode.state]);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    },
  );

  test.prop([
    fc.dictionary(fc.constantFrom("state", "days", "p", "page", "x"), fc.oneof(fc.string(), fc.array(fc.string()))),
  ])("any /retry-deadlines URL gives a usable filter", (raw) => {
    const { filters } = parseRetryDeadlinesSearch(raw);
    expect([1, 3, 7, 14]).toContain(filters.days);
    expect(filters.p).toBeGreaterThanOrEqual(1);
    expect([undefined, "retrying", "lost", "resolved"]).toContain(filters.state);
  });
});

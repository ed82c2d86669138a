import { DAY_MS, HOUR_MS, parseKstCompact, toKstCompact } from "@/lib/kst";
import {
  type ApprovalPayload,
  generateApproval,
  generateFaultyApproval,
  kstBusinessTime,
  toV1Approval,
} from "./approval";
import { authMappingPayload, generateMerchant, merchantTimeline, type SimulatedMerchant } from "./auth-mapping";
import type { DeliverySequence, SimulatedDelivery } from "./plan";
import type { Random } from "./random";

// The demo database's history, as the callbacks PaySsam would have sent and when: merchants going
// through review over the last 60 days, approvals at the live ones once they opened, with retries
// and cancellations, a share of v1 senders, and refused deliveries that PaySsam retried hourly
// (some later stored, some still being retried, some past the 24-hour deadline). Each delivery
// carries its time (receivedAt); in-process seeding backdates to it, HTTP cannot.

export interface DemoOptions {
  merchants: number;
  approvals: number;
  apiKey: string;
  now: Date;
  days?: number;
}

export const demoDefaults = { merchants: 300, approvals: 3000, days: 60 } as const;

const MINUTE_MS = 60_000;

export function demoPlan(random: Random, options: DemoOptions): DeliverySequence[] {
  const days = options.days ?? demoDefaults.days;
  const now = options.now.getTime();
  const merchants: SimulatedMerchant[] = [];
  const timelines: DeliverySequence[] = [];
  const opened: { merchant: SimulatedMerchant; openedAt: number }[] = [];
  for (let index = 0; index < options.merchants; index++) {
    const merchant = generateMerchant(random);
    const timeline = merchantTimeline(random, merchant);
    // Merchants that end up live mostly applied early in the period, so it has billers from its
    // first weeks; the others are spread over all of it.
    const live = timeline.some((payload) => payload.merchant.reviewStatus === "O");
    const times = timelineTimes(random, timeline.length, now, days, live ? 0.5 : 0);
    merchants.push(merchant);
    const openedStep = timeline.findIndex((payload) => payload.merchant.reviewStatus === "O");
    if (openedStep >= 0) opened.push({ merchant, openedAt: times[openedStep] });
    timelines.push(
      timeline.map((payload, step) => ({
        endpoint: "auth-mapping",
        body: JSON.stringify(payload),
        expected: "accepted",
        receivedAt: new Date(times[step]),
      })),
    );
  }
  // Some billers are far busier than others: a biller's weight falls off with its rank. Each
  // approval picks a day first (recent days are busier: the business grows), then one of the
  // merchants already open by then.
  const billers = (
    opened.length > 0 ? opened : merchants.map((merchant) => ({ merchant, openedAt: now - days * DAY_MS }))
  )
    .map((biller, rank) => ({ ...biller, weight: 1 / (rank + 1) ** 0.8 }))
    .sort((a, b) => a.openedAt - b.openedAt);
  const firstOpened = billers[0].openedAt;
  // Older partners bill through v1 (snake_case); the same merchant always uses the same shape.
  const v1Billers = new Set(billers.filter(() => random.chance(0.12)).map(({ merchant }) => merchant.merchantId));

  const approvals: { at: number; sequence: DeliverySequence }[] = [];
  for (let index = 0; index < options.approvals; index++) {
    const day = firstOpened + HOUR_MS + (now - firstOpened - HOUR_MS) * Math.sqrt(random.next());
    const approvedAt = pastBusinessTime(random, day, now);
    const open = billers.filter((biller) => biller.openedAt < approvedAt);
    const { merchant } = random.weighted(
      (open.length > 0 ? open : billers.slice(0, 1)).map((biller) => [biller, biller.weight] as const),
    );
    const v1 = v1Billers.has(merchant.merchantId);
    const payload = generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt: new Date(approvedAt),
      company: merchant,
      healthcareShare: v1 ? 0 : 0.3,
    });
    const body = JSON.stringify(v1 ? toV1Approval(payload) : payload);
    const receivedAt = Math.min(approvedAt + random.int(1, 20) * 1000, now);
    const sequence: SimulatedDelivery[] = [
      { endpoint: "approval", body, expected: "accepted", receivedAt: new Date(receivedAt) },
    ];
    // An answer PaySsam did not get (timeout, 5xx) brings the same delivery back an hour later.
    if (random.chance(0.06)) {
      for (let retry = 1, retries = random.int(1, 3); retry <= retries; retry++) {
        const at = receivedAt + retry * HOUR_MS;
        if (at < now)
          sequence.push({ endpoint: "approval", body, expected: "duplicate", note: "retry", receivedAt: new Date(at) });
      }
    }
    if (!v1 && payload.apprPayType !== "OFFLINE_CASH" && random.chance(0.02)) {
      const cancellation = cancellationOf(random, payload, options.now);
      sequence.push({
        endpoint: "approval",
        body: cancellation.body,
        expected: "accepted",
        receivedAt: cancellation.at,
      });
    }
    approvals.push({ at: approvedAt, sequence });
  }
  approvals.sort((a, b) => a.at - b.at);

  return [...timelines, ...approvals.map(({ sequence }) => sequence), ...refusals(random, options, merchants)];
}

/**
 * When each callback of a merchant's timeline arrived: the application somewhere in the last
 * `days`, then a review step every few days (a document request waits longer), in business hours,
 * squeezed into the time left when a long path starts late.
 */
function timelineTimes(random: Random, steps: number, now: number, days: number, earliest: number): number[] {
  const start = now - (earliest + (1 - earliest) * random.next()) * days * DAY_MS;
  const gaps = Array.from({ length: steps - 1 }, () => random.int(1, 9) * DAY_MS + random.int(0, 23) * HOUR_MS);
  const span = gaps.reduce((total, gap) => total + gap, 0);
  const room = now - 10 * MINUTE_MS - start;
  const scale = span > room ? room / span : 1;
  const times = [businessTime(random, start, now)];
  for (const gap of gaps) {
    const previous = times[times.length - 1];
    const at = businessTime(random, previous + gap * scale, now);
    times.push(Math.max(at, previous + MINUTE_MS));
  }
  return times;
}

/** The same KST day at a likely business hour; one still to come today is moved into the part gone by. */
function pastBusinessTime(random: Random, at: number, now: number): number {
  const candidate = kstBusinessTime(random, new Date(at)).getTime();
  if (candidate < now - MINUTE_MS) return candidate;
  const midnight = Math.floor((now + 9 * HOUR_MS) / DAY_MS) * DAY_MS - 9 * HOUR_MS;
  return midnight + random.next() * Math.max(0, now - MINUTE_MS - midnight);
}

/** The same day at a likely business hour; one still to come today is moved into the last few hours. */
function businessTime(random: Random, at: number, now: number): number {
  const candidate = kstBusinessTime(random, new Date(at)).getTime();
  return candidate < now - 5 * MINUTE_MS ? candidate : now - random.int(5 * 60, 4 * 3600) * 1000;
}

/** The same bill cancelled later (state C, a new approval number pointing at the original). */
function cancellationOf(random: Random, approval: ApprovalPayload, now: Date) {
  const original = String(approval.apprDt);
  const approvedAt = parseKstCompact(original)!.getTime();
  const cancelledAt = new Date(Math.min(approvedAt + random.int(1, 72) * HOUR_MS, now.getTime() - MINUTE_MS));
  const body = JSON.stringify({
    ...approval,
    apprState: "C",
    apprDt: toKstCompact(cancelledAt),
    apprOriginDt: original,
    apprNum: random.digits(8),
    apprOriginNum: approval.apprNum,
  });
  return { body, at: new Date(Math.min(cancelledAt.getTime() + random.int(1, 20) * 1000, now.getTime())) };
}

// A fault that leaves the billId as it was, so a corrected delivery can be matched to it.
const fixableFaults = new Set([
  "apprDt with separators",
  "apprPrice with thousands separators",
  "unknown apprState",
  "apprMonthly in words",
]);

type EpisodeEnd = "resolved" | "retrying" | "lost";

/**
 * Deliveries a receiver must refuse, as PaySsam sends them: the same body again every hour until
 * it is stored or 24 hours have passed. Resolved episodes end with the corrected delivery stored
 * (the partner fixed its side and PaySsam's next retry went through).
 */
function refusals(random: Random, options: DemoOptions, merchants: SimulatedMerchant[]): DeliverySequence[] {
  const now = options.now.getTime();
  const count = Math.max(6, Math.round(options.approvals * 0.015));
  const sequences: DeliverySequence[] = [];
  for (let index = 0; index < count; index++) {
    const end = random.weighted<EpisodeEnd>([
      ["resolved", 6],
      ["lost", 2],
      ["retrying", 2],
    ]);
    const firstAt = episodeStart(random, end, now);
    const valid = generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt: new Date(firstAt - random.int(1, 20) * 1000),
      company: random.pick(merchants),
    });
    let faulty = generateFaultyApproval(random, valid);
    while (end === "resolved" && !fixableFaults.has(faulty.fault)) faulty = generateFaultyApproval(random, valid);
    const attempts = end === "resolved" ? random.int(1, 4) : undefined;
    const sequence = retried(JSON.stringify(faulty.payload), "approval", firstAt, now, attempts, faulty.fault);
    if (end === "resolved") {
      const at = firstAt + sequence.length * HOUR_MS;
      sequence.push({
        endpoint: "approval",
        body: JSON.stringify(valid),
        expected: "accepted",
        receivedAt: new Date(at),
      });
    }
    sequences.push(sequence);
  }
  const truncated = JSON.stringify(
    generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt: new Date(now - 5 * HOUR_MS),
      company: random.pick(merchants),
    }),
  );
  sequences.push(
    retried(
      truncated.slice(0, truncated.length >> 1),
      "approval",
      now - 5 * HOUR_MS - random.int(0, 59) * MINUTE_MS,
      now,
      undefined,
      "body cut off mid-JSON",
    ),
  );
  const mapping = authMappingPayload(random.pick(merchants), "P", null);
  const statusInWords = { ...mapping, merchant: { ...mapping.merchant, reviewStatus: "심사중" } };
  sequences.push(
    retried(
      JSON.stringify(statusInWords),
      "auth-mapping",
      now - random.int(2, 5) * DAY_MS,
      now,
      undefined,
      "status in words",
    ),
  );
  sequences.push([
    {
      endpoint: "approval",
      body: JSON.stringify(generateApproval(random, { apiKey: options.apiKey, approvedAt: options.now })),
      expected: "unauthorized",
      wrongToken: true,
      note: "wrong token",
      receivedAt: new Date(now - random.int(1, 48) * HOUR_MS),
    },
  ]);
  return sequences;
}

function episodeStart(random: Random, end: EpisodeEnd, now: number): number {
  if (end === "retrying") return now - random.int(20, 22 * 60) * MINUTE_MS;
  // Lost or resolved: somewhere in the last two weeks, at least a day ago.
  return now - random.int(26 * 60, 14 * 24 * 60) * MINUTE_MS;
}

/** The first attempt and PaySsam's hourly retries up to `attempts`, 24 hours, or now. */
function retried(
  body: string,
  endpoint: SimulatedDelivery["endpoint"],
  firstAt: number,
  now: number,
  attempts = 25,
  note?: string,
): SimulatedDelivery[] {
  const deliveries: SimulatedDelivery[] = [];
  for (let attempt = 0; attempt < Math.min(attempts, 25); attempt++) {
    const at = firstAt + attempt * HOUR_MS;
    if (at > now) break;
    deliveries.push({ endpoint, body, expected: "rejected", note, receivedAt: new Date(at) });
  }
  return deliveries;
}

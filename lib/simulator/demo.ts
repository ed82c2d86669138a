import { DAY_MS, parseKstCompact, toKstCompact } from "@/lib/kst";
import { generateApproval, generateFaultyApproval, kstBusinessTime, toV1Approval } from "./approval";
import { authMappingPayload, generateMerchant, merchantTimeline, type SimulatedMerchant } from "./auth-mapping";
import type { DeliverySequence, SimulatedDelivery } from "./plan";
import type { Random } from "./random";

// The demo database's history, as the callbacks PaySsam would have sent: merchants going through
// review, then 90 days of approvals at the live ones, with retries, cancellations, a share of
// v1 senders and the deliveries a receiver must refuse.

export interface DemoOptions {
  merchants: number;
  approvals: number;
  apiKey: string;
  now: Date;
  days?: number;
}

export const demoDefaults = { merchants: 300, approvals: 3000, days: 90 } as const;

export function demoPlan(random: Random, options: DemoOptions): DeliverySequence[] {
  const days = options.days ?? demoDefaults.days;
  const merchants: SimulatedMerchant[] = [];
  const timelines: DeliverySequence[] = [];
  const live: SimulatedMerchant[] = [];
  for (let index = 0; index < options.merchants; index++) {
    const merchant = generateMerchant(random);
    const timeline = merchantTimeline(random, merchant);
    merchants.push(merchant);
    if (timeline.some((payload) => payload.merchant.reviewStatus === "O")) live.push(merchant);
    timelines.push(
      timeline.map((payload) => ({ endpoint: "auth-mapping", body: JSON.stringify(payload), expected: "accepted" })),
    );
  }
  // Some billers are far busier than others: a biller's weight falls off with its rank.
  const billers = (live.length > 0 ? live : merchants).map(
    (merchant, rank) => [merchant, 1 / (rank + 1) ** 0.8] as const,
  );
  // Older partners bill through v1 (snake_case); the same merchant always uses the same shape.
  const v1Billers = new Set(billers.filter(() => random.chance(0.12)).map(([merchant]) => merchant.merchantId));

  const approvals: { at: number; sequence: DeliverySequence }[] = [];
  for (let index = 0; index < options.approvals; index++) {
    const merchant = random.weighted(billers);
    // More recent days are busier: the partner's business grows over the period.
    const daysAgo = Math.floor(days * (1 - Math.sqrt(random.next())));
    let approvedAt = kstBusinessTime(random, new Date(options.now.getTime() - daysAgo * DAY_MS));
    if (approvedAt > options.now) approvedAt = new Date(approvedAt.getTime() - DAY_MS);
    const v1 = v1Billers.has(merchant.merchantId);
    const payload = generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt,
      company: merchant,
      healthcareShare: v1 ? 0 : 0.3,
    });
    const body = JSON.stringify(v1 ? toV1Approval(payload) : payload);
    const sequence: SimulatedDelivery[] = [{ endpoint: "approval", body, expected: "accepted" }];
    // An answer PaySsam did not get (timeout, 5xx) brings the same delivery back an hour later.
    if (random.chance(0.06)) {
      for (let retry = random.int(1, 3); retry > 0; retry--) {
        sequence.push({ endpoint: "approval", body, expected: "duplicate", note: "retry" });
      }
    }
    if (!v1 && payload.apprPayType !== "OFFLINE_CASH" && random.chance(0.02)) {
      sequence.push({ endpoint: "approval", body: cancellationOf(random, payload, options.now), expected: "accepted" });
    }
    approvals.push({ at: approvedAt.getTime(), sequence });
  }
  approvals.sort((a, b) => a.at - b.at);

  return [...timelines, ...approvals.map(({ sequence }) => sequence), ...refusals(random, options, merchants)];
}

/** The same bill cancelled later (state C, a new approval number pointing at the original). */
function cancellationOf(random: Random, approval: Record<string, unknown>, now: Date): string {
  const original = String(approval.apprDt);
  const approvedAt = parseKstCompact(original)!.getTime();
  const cancelledAt = new Date(Math.min(approvedAt + random.int(1, 72) * 3_600_000, now.getTime()));
  const cancelNumber = random.digits(8);
  return JSON.stringify({
    ...approval,
    apprState: "C",
    apprDt: toKstCompact(cancelledAt),
    apprOriginDt: original,
    apprNum: cancelNumber,
    apprOriginNum: approval.apprNum,
  });
}

/** Deliveries a receiver must refuse and log: malformed bodies, invalid fields, a wrong token. */
function refusals(random: Random, options: DemoOptions, merchants: SimulatedMerchant[]): DeliverySequence[] {
  const count = Math.max(6, Math.round(options.approvals * 0.015));
  const sequences: DeliverySequence[] = [];
  for (let index = 0; index < count; index++) {
    const valid = generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt: kstBusinessTime(random, new Date(options.now.getTime() - random.int(0, 6) * DAY_MS)),
      company: random.pick(merchants),
    });
    const { fault, payload } = generateFaultyApproval(random, valid);
    sequences.push([{ endpoint: "approval", body: JSON.stringify(payload), expected: "rejected", note: fault }]);
  }
  const truncated = JSON.stringify(
    generateApproval(random, { apiKey: options.apiKey, approvedAt: options.now, company: random.pick(merchants) }),
  );
  sequences.push([
    {
      endpoint: "approval",
      body: truncated.slice(0, truncated.length >> 1),
      expected: "rejected",
      note: "body cut off mid-JSON",
    },
  ]);
  const merchant = random.pick(merchants);
  const mapping = authMappingPayload(merchant, "P", null);
  const statusInWords = { ...mapping, merchant: { ...mapping.merchant, reviewStatus: "심사중" } };
  sequences.push([
    { endpoint: "auth-mapping", body: JSON.stringify(statusInWords), expected: "rejected", note: "status in words" },
  ]);
  sequences.push([
    {
      endpoint: "approval",
      body: JSON.stringify(generateApproval(random, { apiKey: options.apiKey, approvedAt: options.now })),
      expected: "unauthorized",
      wrongToken: true,
      note: "wrong token",
    },
  ]);
  return sequences;
}

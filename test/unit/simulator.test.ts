import { describe, expect, it } from "vitest";
import { DAY_MS, parseKstCompact } from "@/lib/kst";
import { approvalCallbackSchema, toV2ApprovalKeys } from "@/lib/payssam/approval";
import { authMappingCallbackSchema } from "@/lib/payssam/auth-mapping";
import { reviewStatuses } from "@/lib/payssam/codes";
import {
  type ApprovalPayload,
  type AuthMappingPayload,
  approvalRun,
  authMappingPayload,
  authMappingRun,
  cardIssuers,
  countExpected,
  createRandom,
  demoPlan,
  generateApproval,
  generateBusinessNumber,
  generateCompany,
  generateFaultyApproval,
  generateMerchant,
  isValidBusinessNumber,
  merchantTimeline,
  payTypes,
  reviewMessageFor,
  runSequences,
  type SimulatedDelivery,
  summarize,
  toV1Approval,
} from "@/lib/simulator";

const now = new Date("2026-11-25T06:00:00Z");
const apiKey = "sandbox-0123456789abcdef0123456";

function approvals(seed: string, count: number): ApprovalPayload[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => generateApproval(random, { apiKey, approvedAt: now }));
}

const clinicApprovals = (seed: string, count: number) => {
  const random = createRandom(seed);
  const clinic = generateCompany(random, "clinic");
  return Array.from({ length: count }, () =>
    generateApproval(random, { apiKey, approvedAt: now, company: clinic, healthcareShare: 1 }),
  );
};

describe("business numbers", () => {
  it("accepts PaySsam's sample numbers and refuses a changed digit", () => {
    expect(isValidBusinessNumber("2208112341")).toBe(true);
    expect(isValidBusinessNumber("1078600120")).toBe(true);
    expect(isValidBusinessNumber("220-81-12341")).toBe(true);
    expect(isValidBusinessNumber("2208112342")).toBe(false);
    expect(isValidBusinessNumber("220811234")).toBe(false);
  });

  it("generates only valid numbers, with the kind of business in the middle digits", () => {
    const random = createRandom("business-numbers");
    for (let index = 0; index < 2000; index++) {
      const kind = random.pick(["individual", "corporation", "nonprofit", "exempt"] as const);
      const number = generateBusinessNumber(random, kind);
      expect(isValidBusinessNumber(number), number).toBe(true);
      const middle = Number(number.slice(3, 5));
      if (kind === "corporation") expect([81, 86, 87, 88]).toContain(middle);
      if (kind === "nonprofit") expect(middle).toBe(82);
      if (kind === "exempt") expect(middle).toBeGreaterThanOrEqual(90);
      if (kind === "individual") expect(middle).toBeLessThanOrEqual(79);
    }
  });
});

describe("approval payloads", () => {
  const generated = approvals("approvals", 1500);

  it("pass our own v2 schema, and the v1 shape passes after renaming its keys", () => {
    for (const payload of generated) {
      const parsed = approvalCallbackSchema.safeParse(toV2ApprovalKeys(payload));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data?.extra).toBeNull();
      const v1 = toV1Approval(payload);
      expect(Object.keys(v1).every((key) => key === "apikey" || key.startsWith("appr_") || key === "bill_id")).toBe(
        true,
      );
      const parsedV1 = approvalCallbackSchema.safeParse(toV2ApprovalKeys(v1));
      expect(parsedV1.success).toBe(true);
      expect(parsedV1.data?.billId).toBe(payload.billId);
    }
  });

  it("carries every field as a string or null, times in KST, card numbers masked", () => {
    for (const payload of generated) {
      for (const [key, value] of Object.entries(payload)) {
        if (key !== "udItem") expect(value === null || typeof value === "string", key).toBe(true);
      }
      expect(parseKstCompact(String(payload.apprDt))).toEqual(now);
      expect(payload.apprDt).toBe("20261125150000");
      if (payload.apprIssuerNum !== null) expect(payload.apprIssuerNum).toMatch(/^\d{6}\*{6}\d{4}$/);
    }
  });

  it("uses PaySsam's billId forms: business number plus 10 characters", () => {
    for (const payload of generated) {
      const billId = String(payload.billId);
      if (billId.startsWith("hc-")) continue;
      expect(billId).toMatch(/^\d{10}[A-Z0-9]{10}$/);
      expect(isValidBusinessNumber(billId.slice(0, 10))).toBe(true);
    }
  });

  it("mixes pay types and issuers, the big card companies most", () => {
    const byPayType = new Map<unknown, number>();
    const byIssuer = new Map<unknown, number>();
    for (const payload of generated) {
      byPayType.set(payload.apprPayType, (byPayType.get(payload.apprPayType) ?? 0) + 1);
      if (payload.apprIssuer) byIssuer.set(payload.apprIssuer, (byIssuer.get(payload.apprIssuer) ?? 0) + 1);
    }
    expect([...byPayType.keys()].sort()).toEqual([...payTypes].sort());
    expect(byPayType.get("CARD_VAN")).toBeGreaterThan(byPayType.get("OFFLINE_CASH")!);
    expect(byIssuer.size).toBe(cardIssuers.length);
    expect(byIssuer.get("신한카드")).toBeGreaterThan(byIssuer.get("우리카드")! * 3);
    for (const issuer of cardIssuers) {
      const sample = generated.find((payload) => payload.apprIssuer === issuer.name);
      expect(sample?.apprIssuerCd).toBe(issuer.code);
    }
  });

  it("spreads amounts like bills: many small ones, a long tail", () => {
    const amounts = generated.map((payload) => Number(payload.apprPrice)).sort((a, b) => a - b);
    const median = amounts[Math.floor(amounts.length / 2)];
    expect(amounts[0]).toBeGreaterThanOrEqual(1000);
    expect(amounts.at(-1)).toBeGreaterThan(median * 5);
    expect(amounts.filter((amount) => amount < median * 2).length).toBeGreaterThan(amounts.length * 0.6);
  });

  it("gives installments only to credit cards from 50,000 won; cash receipts carry the cash fields", () => {
    for (const payload of generated) {
      const months = Number(payload.apprMonthly);
      if (months > 0) {
        expect(payload.apprCardType).toBe("신용");
        expect(Number(payload.apprPrice)).toBeGreaterThanOrEqual(50_000);
      }
      if (payload.apprPayType === "OFFLINE_CASH") {
        expect(payload.apprIssuer).toBeNull();
        expect(payload.apprCashNum).toMatch(/^\d{9}$/);
        expect(["0", "1"]).toContain(payload.apprCashTrader);
      }
    }
    expect(generated.some((payload) => Number(payload.apprMonthly) > 0)).toBe(true);
  });

  it("adds the healthcare fields and a small real JPEG signature to hc- bills", () => {
    for (const payload of clinicApprovals("clinic", 50)) {
      expect(payload.billId).toMatch(/^hc-\d{10}-\d{5}$/);
      expect(String(payload.billId).length).toBeLessThanOrEqual(20);
      expect(payload.apprCardMerchantNum).toMatch(/^\d{11}$/);
      expect(payload.catId).toMatch(/^\d{10}$/);
      expect(payload.dscTxNum).toMatch(/^TX\d{15}$/);
      expect(payload.udItem).toMatchObject({ patientNo: expect.any(String), department: expect.any(String) });
      const jpeg = Buffer.from(String(payload.apprSign), "base64");
      expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(jpeg.byteLength).toBeLessThan(3000);
      const parsed = approvalCallbackSchema.parse(payload);
      expect(parsed.apprSign).toBe(payload.apprSign);
      expect(parsed.udItem).toEqual(payload.udItem);
    }
  });

  it("makes faulty approvals that our schema refuses", () => {
    const random = createRandom("faults");
    const faults = new Set<string>();
    for (const valid of approvals("faulty", 200)) {
      const { fault, payload } = generateFaultyApproval(random, valid);
      faults.add(fault);
      expect(approvalCallbackSchema.safeParse(payload).success, fault).toBe(false);
    }
    expect(faults.size).toBe(6);
  });
});

describe("auth-mapping payloads", () => {
  it("pass our own schema in every review status, with Korean messages for R and S only", () => {
    const random = createRandom("statuses");
    for (const status of reviewStatuses) {
      for (let index = 0; index < 20; index++) {
        const payload = authMappingPayload(generateMerchant(random), status, reviewMessageFor(random, status));
        const parsed = authMappingCallbackSchema.parse(payload);
        expect(parsed.reviewStatus).toBe(status);
        expect(parsed.extra).toBeNull();
        expect(isValidBusinessNumber(String(parsed.businessNumber))).toBe(true);
        if (status === "R" || status === "S") expect(parsed.reviewMessage).toMatch(/[가-힣]/);
        else expect(parsed.reviewMessage).toBeNull();
      }
    }
  });

  it("builds timelines that start with an application and end in the requested status", () => {
    const random = createRandom("timelines");
    const seenPaths = new Set<string>();
    for (const finalStatus of reviewStatuses) {
      for (let index = 0; index < 40; index++) {
        const timeline = merchantTimeline(random, generateMerchant(random), finalStatus);
        const statuses = timeline.map((payload) => payload.merchant.reviewStatus);
        seenPaths.add(statuses.join(""));
        expect(["W", "N"]).toContain(statuses[0]);
        expect(statuses.at(-1)).toBe(finalStatus);
        expect(new Set(timeline.map((payload) => `${payload.memberId}/${payload.merchantId}`)).size).toBe(1);
        // Every callback changes something, or the receiver would log it as a duplicate.
        for (let step = 1; step < timeline.length; step++) {
          expect(JSON.stringify(timeline[step].merchant)).not.toBe(JSON.stringify(timeline[step - 1].merchant));
        }
      }
    }
    expect(seenPaths).toContain("WPSPO");
    expect(seenPaths).toContain("WPR");
    expect(seenPaths).toContain("WPRWPO");
  });
});

describe("determinism", () => {
  it("gives the same payloads for the same seed and different ones for another seed", () => {
    expect(approvals("same", 50)).toEqual(approvals("same", 50));
    expect(approvals("same", 50)).not.toEqual(approvals("other", 50));
    const plan = (seed: string) => demoPlan(createRandom(seed), { merchants: 20, approvals: 100, apiKey, now }).flat();
    expect(plan("demo")).toEqual(plan("demo"));
    expect(plan("demo")).not.toEqual(plan("demo-2"));
  });
});

describe("simulation plans", () => {
  it("sends exactly --count approval deliveries, about --duplicate-rate of them retries", () => {
    const sequences = approvalRun(createRandom("run"), { count: 2000, duplicateRate: 0.1, apiKey, now });
    const counts = countExpected(sequences);
    expect(counts.deliveries).toBe(2000);
    expect(counts.accepted).toBe(sequences.length);
    expect(counts.duplicate / counts.deliveries).toBeGreaterThan(0.07);
    expect(counts.duplicate / counts.deliveries).toBeLessThan(0.13);
    for (const sequence of sequences) expect(new Set(sequence.map((delivery) => delivery.body)).size).toBe(1);
  });

  it("sends v1 approvals and a chosen state", () => {
    const [[delivery]] = approvalRun(createRandom("v1"), {
      count: 1,
      duplicateRate: 0,
      apiKey,
      now,
      v1: true,
      state: "C",
    });
    const payload = JSON.parse(delivery.body);
    expect(payload.bill_id).toBeDefined();
    expect(payload.appr_state).toBe("C");
  });

  it("sends auth-mapping timelines, or one status for every merchant", () => {
    const timelines = authMappingRun(createRandom("mapping"), { count: 25 });
    expect(countExpected(timelines).deliveries).toBe(25);
    const rejected = authMappingRun(createRandom("mapping"), { count: 10, status: "R" });
    expect(rejected).toHaveLength(10);
    for (const [delivery] of rejected) {
      expect((JSON.parse(delivery.body) as AuthMappingPayload).merchant.reviewStatus).toBe("R");
    }
  });

  it("plans a demo over the last 60 days with every review status and refused deliveries", () => {
    const sequences = demoPlan(createRandom("demo"), { merchants: 200, approvals: 1000, apiKey, now });
    const finalStatuses = new Set(
      sequences
        .filter((sequence) => sequence[0].endpoint === "auth-mapping" && sequence[0].expected === "accepted")
        .map((sequence) => (JSON.parse(sequence.at(-1)!.body) as AuthMappingPayload).merchant.reviewStatus),
    );
    expect([...finalStatuses].sort()).toEqual([...reviewStatuses].sort());
    const approvalTimes = sequences
      .flat()
      .filter((delivery) => delivery.endpoint === "approval" && delivery.expected === "accepted")
      .map((delivery) => JSON.parse(delivery.body))
      .map((payload) => parseKstCompact(payload.apprDt ?? payload.appr_dt)!.getTime());
    expect(Math.max(...approvalTimes)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...approvalTimes)).toBeGreaterThan(now.getTime() - 61 * DAY_MS);
    const counts = countExpected(sequences);
    expect(counts.rejected).toBeGreaterThan(5);
    expect(counts.unauthorized).toBe(1);
    expect(counts.duplicate).toBeGreaterThan(0);
  });

  it("dates every demo delivery: merchant timelines spread over 60 days, in order, none in the future", () => {
    const sequences = demoPlan(createRandom("demo"), { merchants: 200, approvals: 1000, apiKey, now });
    const deliveries = sequences.flat();
    for (const delivery of deliveries) {
      expect(delivery.receivedAt).toBeInstanceOf(Date);
      expect(delivery.receivedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const timelines = sequences.filter(
      (sequence) => sequence[0].endpoint === "auth-mapping" && sequence[0].expected === "accepted",
    );
    for (const timeline of timelines) {
      const times = timeline.map((delivery) => delivery.receivedAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
    }
    const starts = timelines.map((timeline) => timeline[0].receivedAt!.getTime());
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(45 * DAY_MS);
    expect(Math.min(...starts)).toBeGreaterThan(now.getTime() - 60 * DAY_MS - DAY_MS);
    // Not all in one second, as the demo once was: nearly every timeline step has its own second.
    const seconds = new Set(timelines.flat().map((delivery) => Math.floor(delivery.receivedAt!.getTime() / 1000)));
    expect(seconds.size).toBeGreaterThan(timelines.flat().length * 0.95);
  });

  it("retries a refused demo delivery hourly, up to 24 hours after the first attempt", () => {
    const sequences = demoPlan(createRandom("demo"), { merchants: 200, approvals: 1000, apiKey, now });
    const refused = sequences.filter((sequence) => sequence[0].expected === "rejected");
    const attempts = refused.map((sequence) => sequence.filter((delivery) => delivery.expected === "rejected"));
    for (const episode of attempts) {
      const times = episode.map((delivery) => delivery.receivedAt!.getTime());
      for (let index = 1; index < times.length; index++) expect(times[index] - times[index - 1]).toBe(3_600_000);
      expect(times.length).toBeLessThanOrEqual(25);
    }
    // Some were given up on (25 attempts), some are still being retried, some were stored later.
    expect(attempts.some((episode) => episode.length === 25)).toBe(true);
    expect(refused.some((sequence) => now.getTime() - sequence[0].receivedAt!.getTime() < DAY_MS)).toBe(true);
    expect(refused.some((sequence) => sequence.at(-1)!.expected === "accepted")).toBe(true);
  });
});

describe("running sequences", () => {
  it("keeps each sequence in order and sums up the answers", async () => {
    const sequences = authMappingRun(createRandom("order"), { count: 60 });
    const sent: SimulatedDelivery[] = [];
    const delays = createRandom("delays");
    const result = await runSequences(sequences, {
      concurrency: 4,
      send: async (delivery) => {
        await new Promise((resolve) => setTimeout(resolve, delays.int(0, 3)));
        sent.push(delivery);
        return delivery.body.includes('"reviewStatus":"R"')
          ? { status: 400, code: "1002", latencyMs: 5 }
          : { status: 200, code: "0000", latencyMs: 1 };
      },
    });
    for (const sequence of sequences) {
      const positions = sequence.map((delivery) => sent.indexOf(delivery));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    const summary = summarize(result);
    expect(summary.sent).toBe(60);
    const refused = sent.filter((delivery) => delivery.body.includes('"reviewStatus":"R"')).length;
    expect(summary.answered0000).toBe(60 - refused);
    if (refused > 0) expect(summary.otherAnswers).toEqual({ "HTTP 400 code 1002": refused });
    expect(summary.unexpected).toBe(refused);
    expect(summary.latencyMs.p50).toBe(1);
  });

  it("stops when the transport throws", async () => {
    const sequences = approvalRun(createRandom("stop"), { count: 50, duplicateRate: 0, apiKey, now });
    await expect(
      runSequences(sequences, {
        concurrency: 8,
        send: async () => {
          throw new Error("connection refused");
        },
      }),
    ).rejects.toThrow("connection refused");
  });
});

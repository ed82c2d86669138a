import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { billSchema } from "@/lib/bills/bill";
import { fakeBillInstructionSchema } from "@/lib/fake-payssam/control";
import { FakePayssam } from "@/lib/fake-payssam/fake";
import { approvalRun, createRandom, generateMerchant } from "@/lib/simulator";
import { billsPlan } from "@/lib/simulator/bills";

// The bills beside a simulated run (lib/simulator/bills.ts) and the fake PaySsam's control API they
// are sent to: what the simulator plants must be what a reconciliation pass can find.

const now = new Date("2026-12-07T05:00:00Z");
const apiKey = "sandbox-0123456789abcdef0123456";

function run(seed: string, options: { withholdRate: number; mismatchRate: number; unpaid: number; v1?: boolean }) {
  const random = createRandom(seed);
  const billers = Array.from({ length: 4 }, () => generateMerchant(random));
  const approvals = approvalRun(random, { count: 300, duplicateRate: 0.1, apiKey, now, billers, v1: options.v1 });
  return { approvals, billers, plan: billsPlan(random, approvals, { billers, now, ...options }) };
}

describe("billsPlan", () => {
  it("holds one bill per approval in both records, leaves the withheld callbacks out, and keeps the shares", () => {
    const { approvals, billers, plan } = run("bills", { withholdRate: 0.2, mismatchRate: 0.1, unpaid: 7 });
    const { paid, withheld, mismatched, unpaid } = plan.counts;
    expect(paid).toBe(approvals.length);
    expect(unpaid).toBe(7);
    expect(withheld / paid).toBeGreaterThan(0.12);
    expect(withheld / paid).toBeLessThan(0.28);
    expect(mismatched / paid).toBeGreaterThan(0.04);
    expect(mismatched / paid).toBeLessThan(0.16);
    expect(plan.sequences).toHaveLength(paid - withheld);
    expect(plan.partnerBills).toHaveLength(paid + unpaid);
    expect(plan.payssamBills).toHaveLength(paid + unpaid);
    expect(new Set(plan.partnerBills.map((bill) => bill.billId)).size).toBe(paid + unpaid);

    // Each bill is owned by the biller its billId was made for, and the partner's amount is the
    // callback's; PaySsam's differs by 1,000 won exactly for the mismatched ones.
    const owners = new Map(billers.map((biller) => [biller.merchantId, biller]));
    const sent = new Set(plan.sequences.map((sequence) => JSON.parse(sequence[0].body).billId));
    let differing = 0;
    plan.partnerBills.forEach((bill, index) => {
      const owner = owners.get(bill.merchantId);
      expect(owner?.memberId).toBe(bill.memberId);
      expect(bill.billId).toContain(owner?.businessNumber);
      const payssam = plan.payssamBills[index];
      expect(payssam.billId).toBe(bill.billId);
      if (payssam.apprState === "W") return;
      if (payssam.apprPrice !== bill.price) {
        expect(payssam.apprPrice).toBe(bill.price + 1000);
        expect(sent.has(bill.billId)).toBe(true);
        differing++;
      }
      expect(new Date(bill.issuedAt).getTime()).toBeLessThan(new Date(payssam.apprDt as string).getTime());
      expect(payssam.approval).not.toHaveProperty("apiKey");
      expect(payssam.approval?.apprIssuerNum ?? payssam.approval?.apprCashNum).toBeTruthy();
    });
    expect(differing).toBe(mismatched);
    expect(plan.billerSequences).toHaveLength(4);
  });

  it("gives bills the app's own parsers accept, for v1 runs too", () => {
    for (const v1 of [false, true]) {
      const { plan } = run(`parsers-${v1}`, { withholdRate: 0.1, mismatchRate: 0.1, unpaid: 3, v1 });
      for (const bill of plan.partnerBills) expect(billSchema.safeParse(bill).success, bill.billId).toBe(true);
      for (const bill of plan.payssamBills) {
        expect(fakeBillInstructionSchema.safeParse(bill).success, bill.billId).toBe(true);
      }
    }
  });

  it("sends everything when nothing is withheld", () => {
    const { approvals, plan } = run("all-sent", { withholdRate: 0, mismatchRate: 0, unpaid: 0 });
    expect(plan.sequences).toEqual(approvals);
    expect(plan.counts).toEqual({ paid: approvals.length, withheld: 0, mismatched: 0, unpaid: 0 });
  });
});

describe("the fake PaySsam's control API", () => {
  it("takes bills one at a time or as a list and reads them back as PaySsam would", () => {
    const fake = new FakePayssam();
    expect(
      fake.answer("POST", "/control/bills", JSON.stringify({ billId: "B1", apprPrice: 1200, apprIssuer: "신한카드" })),
    ).toEqual({ status: 200, body: JSON.stringify({ ok: true, bills: 1 }) });
    const list = {
      bills: [
        { billId: "B2", apprState: "W" },
        { billId: "B3", apprState: "C", apprPrice: 500 },
      ],
    };
    expect(JSON.parse(fake.answer("POST", "/control/bills", JSON.stringify(list)).body)).toEqual({
      ok: true,
      bills: 2,
    });
    const read = JSON.parse(
      fake.answer(
        "POST",
        "/bill/read",
        JSON.stringify({ apiKey: "k", member: "m", merchant: "s", bill: { billId: "B1" } }),
      ).body,
    );
    expect(read.data).toMatchObject({ billId: "B1", apprState: "F", apprPrice: "1200", apprIssuer: "신한카드" });
    expect(fake.getBill("B2")?.apprState).toBe("W");
    // Under a base with a path, as the simulator addresses it when PAYSSAM_API_BASE has one.
    expect(fake.answer("POST", "/partner/control/bills", JSON.stringify({ billId: "B4" })).status).toBe(200);
    expect(fake.getBill("B4")?.apprState).toBe("F");
  });

  it("refuses a bad body with the field named, and stores none of it", () => {
    const fake = new FakePayssam();
    const answer = fake.answer(
      "POST",
      "/control/bills",
      JSON.stringify({ bills: [{ billId: "OK1" }, { billId: "B2", apprPrice: "12,000" }] }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).issues).toEqual([expect.stringMatching(/^bills\.1\.apprPrice: /)]);
    expect(fake.getBill("OK1")).toBeUndefined();
    const mode = fake.answer("POST", "/control/mode", JSON.stringify({ mode: "slow" }));
    expect(mode.status).toBe(400);
    expect(JSON.parse(mode.body).issues[0]).toMatch(/^mode: /);
  });

  test.prop([
    fc.constantFrom("/control/bills", "/control/mode", "/control/reset", "/control/nope"),
    fc.oneof(fc.json(), fc.string()),
  ])("answers any body with 200 or a 4xx JSON error, never a throw", (path, body) => {
    const answer = new FakePayssam().answer("POST", path, body);
    expect([200, 400, 404]).toContain(answer.status);
    expect(() => JSON.parse(answer.body)).not.toThrow();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBillReadAnswer } from "@/lib/payssam/client";

// The /bill/read parser for any text PaySsam (or a proxy in front of it) might answer: it never
// throws, and says exactly one thing: read (with a state), not found, refused (with PaySsam's
// code), or garbage naming what it could not read.

const runs = Number(process.env.FC_RUNS ?? 2000);

const field = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.constantFrom("F", "W", "C", "D", "20261124153012", "12000", "0", "", "x"),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);

const bill = fc.record(
  {
    billId: fc.oneof(fc.constant("BILL1"), field),
    bill_id: fc.oneof(fc.constant("BILL1"), field),
    apprState: field,
    appr_state: field,
    apprPrice: field,
    apprNum: field,
    apprDt: field,
  },
  { requiredKeys: [] },
);

const answer = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((json) => JSON.stringify(json)),
  fc
    .record(
      {
        code: fc.oneof(fc.constantFrom("0000", "9980", "ERROR", "PARTNER_001", 0), field),
        msg: field,
        message: field,
        data: fc.oneof(bill, fc.record({ data: bill }), fc.array(bill, { maxLength: 2 }), field),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

describe("parseBillReadAnswer", () => {
  it("never throws and gives one readable verdict for any text", () => {
    fc.assert(
      fc.property(answer, (text) => {
        const parsed = parseBillReadAnswer(text, "BILL1");
        expect(["read", "not_found", "refused", "garbage"]).toContain(parsed.outcome);
        if (parsed.outcome === "read") {
          expect(parsed.code).toBe("0000");
          expect(["F", "W", "C", "D"]).toContain(parsed.bill.apprState);
          if (parsed.bill.apprState === "F") expect(parsed.bill.approval?.billId).toBe("BILL1");
        }
        if (parsed.outcome === "garbage") expect(parsed.error.length).toBeGreaterThan(0);
        if (parsed.outcome === "not_found" || parsed.outcome === "refused") expect(parsed.code).not.toBe("0000");
      }),
      { numRuns: runs },
    );
  });

  it("reads each known variant of a paid bill the same", () => {
    const paid = { billId: "BILL1", apprState: "F", apprPrice: "12000", apprNum: "N1", apprDt: "20261124153012" };
    const snake = { bill_id: "BILL1", appr_state: "F", appr_price: "12000", appr_num: "N1", appr_dt: "20261124153012" };
    const variants = [
      { code: "0000", msg: "성공", data: paid },
      { code: "0000", message: "성공", data: { data: paid } },
      { code: "0000", data: snake },
      { code: "0000", ...snake },
    ];
    for (const variant of variants) {
      const parsed = parseBillReadAnswer(JSON.stringify(variant), "BILL1");
      expect(parsed).toMatchObject({
        outcome: "read",
        bill: { apprState: "F", apprPrice: 12000, apprNum: "N1", apprDt: new Date("2026-11-24T06:30:12Z") },
      });
    }
    expect(parseBillReadAnswer('{"code":"9980","msg":"없음"}', "BILL1")).toMatchObject({ outcome: "not_found" });
    expect(parseBillReadAnswer('{"code":"0000","data":{"billId":"OTHER","apprState":"W"}}', "BILL1")).toMatchObject({
      outcome: "garbage",
      unreadable: [{ path: "data.billId" }],
    });
    expect(
      parseBillReadAnswer('{"code":"0000","data":{"billId":"BILL1","apprState":"F","apprPrice":"x"}}', "BILL1"),
    ).toMatchObject({
      outcome: "garbage",
      unreadable: expect.arrayContaining([expect.objectContaining({ path: "data.apprPrice" })]),
    });
  });
});

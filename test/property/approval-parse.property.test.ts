import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { approvalCallbackSchema, approvalFieldList, parseApprovalCallback } from "@/lib/payssam/approval";

// parseApprovalCallback answers accepted approvals without zod (the readers run directly) and hands
// everything else to approvalCallbackSchema. For any payload, valid, nearly valid or hostile, it
// must answer exactly what the schema answers: the same data, or the same issues.

const kstTime = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => new Date(date.getTime() + 9 * 3_600_000).toISOString().replace(/\D/g, "").slice(0, 14));
const blank = fc.constantFrom(undefined, null, "");
const oddValue = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

const validValue: Record<string, fc.Arbitrary<unknown>> = {
  billId: fc.string({ minLength: 1, maxLength: 20 }).filter((id) => id.trim() !== ""),
  apprDt: kstTime,
  apprOriginDt: fc.oneof(kstTime, blank),
  apprPrice: fc.oneof(fc.integer({ min: 0, max: 999_999_999_999 }), fc.stringMatching(/^\d{1,12}$/)),
  apprMonthly: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.stringMatching(/^\d{1,2}$/), blank),
  apprState: fc.constantFrom("F", "W", "C", "D"),
  udItem: fc.oneof(fc.jsonValue({ maxDepth: 2 }), blank),
};
const fieldValue = (key: string) => validValue[key] ?? fc.oneof(fc.string({ maxLength: 30 }), blank);

// Mostly valid fields, sometimes one odd value or a missing member, and members the schema does not
// know (a "__proto__" among them, as JSON.parse makes it: an own member).
const payload = fc
  .tuple(
    fc.record(Object.fromEntries(approvalFieldList.map((field) => [field.key, fieldValue(field.key)]))),
    fc.option(fc.tuple(fc.constantFrom(...approvalFieldList.map((field) => field.key)), oddValue), { freq: 2 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "1", "extra")), oddValue, {
      maxKeys: 3,
    }),
  )
  .map(([fields, odd, extra]) => {
    // Through JSON, as a callback arrives: no undefined members, and "__proto__" an own member.
    return JSON.parse(JSON.stringify({ ...extra, ...fields, ...(odd ? { [odd[0]]: odd[1] } : {}) })) as unknown;
  });

describe("parseApprovalCallback", () => {
  it("answers what approvalCallbackSchema answers, for any payload", () => {
    const answers = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: payload }, fc.jsonValue({ maxDepth: 2 })), (value) => {
        const parsed = parseApprovalCallback(value);
        expect(parsed).toStrictEqual(approvalCallbackSchema.safeParse(value));
        answers[parsed.success ? "accepted" : "refused"] += 1;
      }),
      { numRuns: 3000 },
    );
    // Both paths were taken, each many times.
    expect(answers.accepted).toBeGreaterThan(500);
    expect(answers.refused).toBeGreaterThan(500);
  });

  it("takes a member named __proto__ as the schema does", () => {
    const value = JSON.parse(
      '{"billId":"B1","apprDt":"20261207101010","apprPrice":"1000","apprState":"F","__proto__":{"x":1}}',
    );
    const parsed = parseApprovalCallback(value);
    expect(parsed).toStrictEqual(approvalCallbackSchema.safeParse(value));
    expect(parsed.success).toBe(true);
  });
});

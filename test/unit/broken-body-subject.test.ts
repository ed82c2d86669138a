import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { billIdInBrokenBody } from "@/lib/callbacks/broken-body-subject";

describe("the billId of a body that is not a JSON object", () => {
  it("is read when the body was cut after it", () => {
    expect(billIdInBrokenBody('{"billId": "B-1", "apprPrice": "12')).toBe("B-1");
    expect(billIdInBrokenBody('{"bill_id":"v1-7",')).toBe("v1-7");
    expect(billIdInBrokenBody('{"billId": "A\\"B", ')).toBe('A"B');
  });

  it("is not read from a value cut inside its quotes, an empty value or a body without one", () => {
    expect(billIdInBrokenBody('{"billId": "B-1')).toBeNull();
    expect(billIdInBrokenBody('{"billId": "", "x')).toBeNull();
    expect(billIdInBrokenBody("billId=1&apprPrice=100")).toBeNull();
    expect(billIdInBrokenBody('{"billId": 12, "x')).toBeNull();
  });

  test.prop([fc.string({ minLength: 1, maxLength: 200 }).filter((id) => id.trim() !== ""), fc.nat(40)])(
    "gives back any billId a cut JSON body held whole",
    (billId, cut) => {
      const body = JSON.stringify({ billId, apprPrice: "1200", memo: "x".repeat(50) });
      const end = body.indexOf('"apprPrice"') + cut;
      expect(billIdInBrokenBody(body.slice(0, end))).toBe(billId);
    },
  );

  test.prop([fc.string({ maxLength: 400 })])("never throws on any text", (text) => {
    const subject = billIdInBrokenBody(text);
    expect(subject === null || (subject.length > 0 && subject.length <= 200)).toBe(true);
  });
});

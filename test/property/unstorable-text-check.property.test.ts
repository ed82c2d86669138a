import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnstorableMember, mayHoldUnstorable } from "@/lib/callbacks/json-checks";

// The receiver skips findUnstorableMember's walk of every member when the body's text says there
// is nothing to find (mayHoldUnstorable). For any JSON text, escaped or with raw surrogates, that
// must never skip a member the walk would have refused.

const awkward = fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00", "\\", '"', "é", "한");
const awkwardText = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), awkward), { maxLength: 6 })
  .map((parts) => parts.join(""));
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    awkwardText,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(awkwardText, tie("value"), { maxKeys: 4 }),
  ),
})).value;

// JSON.stringify writes NUL and lone surrogates as escapes; a sender may send the surrogates raw.
const rawSurrogates = (text: string) =>
  text.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe("mayHoldUnstorable", () => {
  it("is true whenever the parsed body holds a NUL or an unpaired surrogate", () => {
    fc.assert(
      fc.property(fc.dictionary(awkwardText, value, { maxKeys: 6 }), (body) => {
        for (const text of [JSON.stringify(body), rawSurrogates(JSON.stringify(body))]) {
          if (!mayHoldUnstorable(text)) expect(findUnstorableMember(JSON.parse(text))).toBeNull();
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("lets an ordinary PaySsam body skip the walk", () => {
    expect(mayHoldUnstorable('{"billId":"B1","apprIssuer":"삼성카드","apprPrice":"1000"}')).toBe(false);
    expect(mayHoldUnstorable('{"billId":"B1\\u0000"}')).toBe(true);
  });
});

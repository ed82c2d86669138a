import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesAnySecret, matchingSecretIndex, secretsEqual } from "@/lib/callbacks/secrets";

// The accepted secrets' digests are computed once and kept: the answers must be those of a plain
// comparison, whatever was asked before.

describe("secrets", () => {
  it("names the first accepted entry that equals the given value, or -1", () => {
    expect(matchingSecretIndex("b-token", ["a-token", "b-token", "b-token"])).toBe(1);
    expect(matchingSecretIndex("c-token", ["a-token", "b-token"])).toBe(-1);
    expect(matchingSecretIndex(null, ["a-token", ""])).toBe(-1);
    expect(matchingSecretIndex("", ["a-token"])).toBe(-1);
    expect(matchesAnySecret("a-token", ["a-token"])).toBe(true);
    expect(secretsEqual("short", "a much longer secret")).toBe(false);
  });

  it("answers as a plain comparison for any values, asked in any order", () => {
    const secret = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(fc.option(secret, { nil: null }), fc.array(secret, { maxLength: 4 }), (given, accepted) => {
        const expected = given === null ? -1 : accepted.indexOf(given);
        expect(matchingSecretIndex(given, accepted)).toBe(expected);
        for (const entry of accepted) expect(secretsEqual(given ?? "", entry)).toBe((given ?? "") === entry);
      }),
      { numRuns: 500 },
    );
  });
});

import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { loginPathFor, safeNextPath } from "@/lib/auth/next-path";
import { browserTarget, offSiteVariants, sameSiteVariants } from "../support/redirect-variants";

// The return-path normaliser behind ?next=, the first-administrator form and callbackURL.

const site = "https://ops.example.kr";

function staysOnSite(result: string | null): boolean {
  if (result === null) return true;
  return result.startsWith("/") && !result.startsWith("//") && browserTarget(result, site).origin === site;
}

describe("safeNextPath", () => {
  it(`has at least 25 off-site variants to try (${offSiteVariants.length})`, () => {
    expect(offSiteVariants.length).toBeGreaterThanOrEqual(25);
  });

  it.each(offSiteVariants.map((variant) => [JSON.stringify(variant), variant]))(
    "never leaves the site for %s",
    (_name, variant) => {
      const result = safeNextPath(variant);
      expect(staysOnSite(result), String(result)).toBe(true);
      // None of these is a place anyone meant to go: all are refused, not repaired.
      expect(result).toBeNull();
    },
  );

  it.each(sameSiteVariants)("keeps the same-site path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each(["", "/login?next=/", "/api/auth/sign-out", "/api", "/x".repeat(2000), undefined, null, 42, ["/approvals"]])(
    "refuses %j",
    (value) => {
      expect(safeNextPath(value)).toBeNull();
    },
  );

  it("builds the login link", () => {
    expect(loginPathFor("/approvals?state=F")).toBe("/login?next=%2Fapprovals%3Fstate%3DF");
    expect(loginPathFor("/.//evil.example")).toBe("/login");
    expect(loginPathFor("/")).toBe("/login");
    expect(loginPathFor(null)).toBe("/login");
  });

  const pathCharacters = fc.constantFrom(..."/\\.%2eEfF5cC0:@?#\t\r\n ab/evil".split(""), "\uFF0F", "\u0000");

  test.prop([fc.string({ unit: pathCharacters, maxLength: 24 })], { numRuns: 3000 })(
    "whatever it is given, the answer stays on the site and reads the same way again",
    (value) => {
      const result = safeNextPath(value);
      expect(staysOnSite(result)).toBe(true);
      if (result !== null) expect(safeNextPath(result)).toBe(result);
    },
  );

  test.prop([fc.string({ maxLength: 64 })])("arbitrary text never leaves the site", (value) => {
    expect(staysOnSite(safeNextPath(value))).toBe(true);
  });

  const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
  test.prop([fc.array(segment, { minLength: 1, maxLength: 4 })])(
    "a plain dashboard path is kept as it is",
    (segments) => {
      fc.pre(segments[0] !== "api" && segments[0] !== "login");
      const path = `/${segments.join("/")}`;
      expect(safeNextPath(path)).toBe(path);
    },
  );
});

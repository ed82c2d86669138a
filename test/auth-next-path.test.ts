import { describe, expect, it } from "vitest";
import { loginPathFor, safeNextPath } from "@/lib/auth/next-path";

describe("safeNextPath", () => {
  it.each([
    ["/", "/"],
    ["/approvals?state=F&page=2", "/approvals?state=F&page=2"],
    ["/merchants/12#timeline", "/merchants/12#timeline"],
    ["/callbacks?q=%2F%2Fevil", "/callbacks?q=%2F%2Fevil"],
    // Encoded, a newline stays part of a path on this site.
    ["/%0a/evil", "/%0a/evil"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\tevil",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/login?next=/",
    "/api/auth/sign-out",
    "/x".repeat(2000),
    undefined,
    ["/approvals"],
  ])("refuses %j", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  it("builds the login link", () => {
    expect(loginPathFor("/approvals?state=F")).toBe("/login?next=%2Fapprovals%3Fstate%3DF");
    expect(loginPathFor("//evil.example")).toBe("/login");
    expect(loginPathFor("/")).toBe("/login");
    expect(loginPathFor(null)).toBe("/login");
  });
});

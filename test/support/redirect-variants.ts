// Return paths an attacker would try, for every place that takes one (the login page's ?next=,
// the first-administrator form, the sign-in endpoint's callbackURL). Shared by the vitest suites
// and the Playwright findings suite, so each place is tried with the same list.

export const offSiteVariants: readonly string[] = [
  // The finding itself: "//" after normalisation.
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/a/..//evil.example/path",
  "/././/evil.example",
  "/%2e%2e/%2e%2e//evil.example",
  "/a/../../..//evil.example",
  "/..%2F..%2F/evil.example",
  // Protocol-relative and absolute.
  "//evil.example",
  "///evil.example",
  "//evil.example@good.example",
  "https://evil.example/",
  "HTTPS://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  // Backslashes, which browsers read as slashes.
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/%5C%5Cevil.example",
  "/%5cevil.example",
  // Encoded slashes.
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  // Tabs, CR, LF and NUL, which browsers drop inside URLs.
  "/\t/evil.example",
  "/\r\n/evil.example",
  "/\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%09/evil.example",
  "/\u0000/evil.example",
  "/%00//evil.example",
  // Unicode look-alikes of "/" and "\".
  "/\uFF0Fevil.example",
  "\uFF0F\uFF0Fevil.example",
  "/\u2215evil.example",
  "/\uFF3C\uFF3Cevil.example",
  // Double encoding.
  "/%252e%252e//evil.example",
  "//%65vil.example",
];

export const sameSiteVariants: readonly [string, string][] = [
  ["/", "/"],
  ["/approvals?state=F&page=2", "/approvals?state=F&page=2"],
  ["/merchants/12#timeline", "/merchants/12#timeline"],
  ["/callbacks?subject=%2F%2Fevil", "/callbacks?subject=%2F%2Fevil"],
  ["/approvals/../merchants", "/merchants"],
  ["/merchants?q=비밀상회", "/merchants?q=%EB%B9%84%EB%B0%80%EC%83%81%ED%9A%8C"],
];

/**
 * Where a browser would go with `location` as a Location header on `origin`: it drops tabs and
 * newlines and reads backslashes as slashes before resolving. Used to check that whatever a
 * return path turned into cannot leave the site.
 */
export function browserTarget(location: string, origin: string): URL {
  return new URL(location.replace(/[\t\r\n]/g, "").replace(/\\/g, "/"), origin);
}

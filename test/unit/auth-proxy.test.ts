import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

// The cookie-presence gate in front of the dashboard (proxy.ts), without a server.

const origin = "http://dashboard.test";
const cookie = "payssam.session_token=anything.signed";

function request(path: string, headers: Record<string, string> = {}) {
  return new NextRequest(new URL(path, origin), { headers });
}

describe("proxy", () => {
  it("sends a signed-out page request to /login with the way back", () => {
    const response = proxy(request("/approvals?state=F&page=2"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${origin}/login?next=%2Fapprovals%3Fstate%3DF%26page%3D2`);
    expect(proxy(request("/")).headers.get("location")).toBe(`${origin}/login`);
  });

  it("answers a signed-out API request with 401 JSON", async () => {
    for (const path of ["/api/export/approvals", "/api/anything"]) {
      const response = proxy(request(path));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: "1201", message: "Sign in required." });
    }
  });

  it("lets the login page and Better Auth's endpoints through signed out", () => {
    for (const path of ["/login", "/login?next=%2Fapprovals", "/api/auth/sign-in/email", "/api/auth/get-session"]) {
      expect(proxy(request(path)).status, path).toBe(200);
    }
  });

  it("passes a request with a session cookie (either name) on, with a fresh nonce policy for pages", () => {
    const first = proxy(request("/merchants", { cookie }));
    const second = proxy(request("/merchants", { cookie: `__Secure-${cookie}` }));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const policy = first.headers.get("content-security-policy");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toBe(second.headers.get("content-security-policy"));
    // Next.js reads the nonce from the request's copy of the header.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-payssam-path")).toBe("/merchants");
  });

  it("is not run for PaySsam's callbacks, the scheduled jobs, the health check or static files", () => {
    // The matcher read as a plain regular expression, as Next.js compiles it; the e2e suite checks
    // the real thing (callbacks and /api/health answer without a session).
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const path of [
      "/api/callbacks",
      "/api/callbacks/approval",
      "/api/callbacks/auth-mapping",
      "/api/health",
      "/api/cron/prune",
      "/api/cron/reconcile",
      "/api/bills",
      "/_next/static/chunks/app.js",
      "/favicon.ico",
      "/icon.svg",
    ]) {
      expect(matcher.test(path), path).toBe(false);
    }
    for (const path of [
      "/",
      "/approvals",
      "/api/export/approvals",
      "/api/export/approvals/xlsx",
      "/api/export/merchants/xlsx",
      "/icon.svgz",
      "/api/callbacks/approval/x",
      "/api/healthz",
      "/api/cronjobs",
      "/api/bills/x",
      "/login",
    ]) {
      expect(matcher.test(path), path).toBe(true);
    }
  });
});

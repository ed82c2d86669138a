import { fc, test } from "@fast-check/vitest";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { refuseServerAction, serverActionsBodyLimitBytes } from "@/lib/security/server-actions";
import nextConfig, { serverActionsBodySizeLimit } from "@/next.config.mjs";
import { proxy } from "@/proxy";

// Server actions refused at the edge with 4xx (Next.js 16 itself answers 500), and the headers
// next.config.mjs sets.

const origin = "http://dashboard.test";
const cookie = "payssam.session_token=anything.signed";

function action(headers: Record<string, string>, path = "/users") {
  return new NextRequest(new URL(path, origin), {
    method: "POST",
    headers: { host: "dashboard.test", "next-action": "7f00", cookie, ...headers },
  });
}

describe("server action calls", () => {
  it("answers a cross-origin call 403, an oversized one 413 and one of unknown length 411, before Next.js", async () => {
    const crossSite = proxy(action({ origin: "https://evil.example" }));
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toBe("Cross-origin request refused.");
    expect(proxy(action({ origin: "null" })).status).toBe(403);
    expect(proxy(action({ origin: "http://dashboard.test.evil.example" })).status).toBe(403);
    const tooLarge = proxy(action({ origin, "content-length": String(serverActionsBodyLimitBytes + 1) }));
    expect(tooLarge.status).toBe(413);
    // Chunked, so nobody knows how large until it has been read.
    expect(proxy(action({ origin, "transfer-encoding": "chunked" })).status).toBe(411);
    // A form posted before the page's script ran is a server action too.
    const form = new NextRequest(new URL("/login", origin), {
      method: "POST",
      headers: {
        host: "dashboard.test",
        origin: "https://evil.example",
        "content-type": "multipart/form-data; boundary=x",
      },
    });
    expect(proxy(form).status).toBe(403);
  });

  it("lets a same-origin call of any allowed size through, and leaves API routes alone", () => {
    expect(proxy(action({ origin, "content-length": String(serverActionsBodyLimitBytes) })).status).toBe(200);
    expect(proxy(action({ origin: "http://dashboard.test", "x-forwarded-host": "dashboard.test" })).status).toBe(200);
    // Better Auth checks Origin on its own endpoints (403 there too).
    const api = new NextRequest(new URL("/api/auth/sign-in/email", origin), {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
    });
    expect(proxy(api).status).toBe(200);
  });

  it("uses next.config.mjs's limit, in bytes", () => {
    expect(serverActionsBodySizeLimit).toBe("1mb");
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(serverActionsBodySizeLimit);
    expect(serverActionsBodyLimitBytes).toBe(1024 * 1024);
    expect(nextConfig.experimental?.serverActions?.allowedOrigins).toEqual([]);
  });

  const hosts = fc.constantFrom("dashboard.test", "evil.example", "dashboard.test:80", "127.0.0.1:3000");
  test.prop([fc.option(hosts), hosts, fc.option(hosts), fc.option(fc.nat({ max: 3 * 1024 * 1024 }))])(
    "refuses exactly the calls whose Origin is another host or whose body is over the limit",
    (originHost, host, forwardedHost, length) => {
      const headers = new Headers({ host });
      if (originHost) headers.set("origin", `http://${originHost}`);
      if (forwardedHost) headers.set("x-forwarded-host", forwardedHost);
      if (length !== null) headers.set("content-length", String(length));
      const refusal = refuseServerAction(headers);
      // As Next.js compares them: the Origin's host as a URL reads it (":80" of http dropped).
      const crossOrigin = originHost !== null && new URL(`http://${originHost}`).host !== (forwardedHost ?? host);
      const tooLarge = length !== null && length > serverActionsBodyLimitBytes;
      expect(refusal?.status ?? null).toBe(crossOrigin ? 403 : tooLarge ? 413 : null);
    },
  );
});

describe("Strict-Transport-Security", () => {
  it("is sent only when the request came over HTTPS", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const everywhere = rules.filter((rule) => !rule.has);
    expect(everywhere.flatMap((rule) => rule.headers).map((header) => header.key)).not.toContain(
      "Strict-Transport-Security",
    );
    const hsts = rules.find((rule) => rule.headers.some((header) => header.key === "Strict-Transport-Security"));
    expect(hsts?.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https(?:,.*)?" }]);
    const value = new RegExp(`^${hsts?.has?.[0]?.value}$`);
    expect(["https", "https,http"].every((proto) => value.test(proto))).toBe(true);
    expect(["http", "http,https", ""].some((proto) => value.test(proto))).toBe(false);
  });
});

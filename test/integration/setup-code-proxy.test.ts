import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { firstAdminNeedsSetupCode } from "@/lib/auth/setup-code";
import { peerAddressHeader } from "@/lib/http/client-address";

// Issue 18, finding 2: behind nginx's default `proxy_pass http://localhost:PORT` every remote
// visitor arrives with Host: localhost, from a loopback peer, without X-Forwarded-For, and was let
// create the first administrator without the setup code. Here a real proxy does exactly that in
// front of a server that asks firstAdminNeedsSetupCode() with the headers the app sees (the peer
// address stamped from the socket, as instrumentation.ts does).

let app: http.Server;
let proxy: http.Server;
let proxyPort: number;

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  app = http.createServer((incoming, outgoing) => {
    const headers = new Headers(incoming.headers as Record<string, string>);
    headers.set(peerAddressHeader, incoming.socket.remoteAddress ?? "");
    outgoing.setHeader("content-type", "application/json");
    outgoing.end(JSON.stringify({ needsCode: firstAdminNeedsSetupCode(headers) }));
  });
  const appPort = await listen(app);
  // nginx's defaults: Host rewritten to the upstream's, no X-Forwarded-* added, the client's own headers passed on.
  proxy = http.createServer((incoming, outgoing) => {
    const { host: _host, ...rest } = incoming.headers;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: appPort,
        path: incoming.url,
        method: incoming.method,
        headers: { ...rest, host: `localhost:${appPort}` },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  proxyPort = await listen(proxy);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const server of [proxy, app]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function needsCodeThroughProxy(): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${proxyPort}/login`, {
    method: "POST",
    headers: { "next-action": "x" },
  });
  return ((await response.json()) as { needsCode: boolean }).needsCode;
}

/** A production server off Vercel, on `databaseUrl` ("" for the embedded database). */
function productionServer(databaseUrl: string) {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("VERCEL", "");
  vi.stubEnv("DATABASE_URL", databaseUrl);
}

describe("the setup code behind a proxy on the same machine", () => {
  it("is asked for with DATABASE_URL, however local the request looks", async () => {
    productionServer("postgres://app@db.internal:5432/payssam");
    expect(await needsCodeThroughProxy()).toBe(true);
  });

  it("is asked for on the embedded database when SETUP_CODE_ON_LOCALHOST=require", async () => {
    productionServer("");
    vi.stubEnv("SETUP_CODE_ON_LOCALHOST", "require");
    expect(await needsCodeThroughProxy()).toBe(true);
  });

  it("is skipped only where it is meant to be: the Quick start, or an explicit setting", async () => {
    productionServer("");
    // The embedded database cannot tell this proxy from a browser on the machine: that is the Quick start's trade.
    expect(await needsCodeThroughProxy()).toBe(false);
    vi.stubEnv("DATABASE_URL", "postgres://app@db.internal:5432/payssam");
    vi.stubEnv("SETUP_CODE_ON_LOCALHOST", "skip");
    expect(await needsCodeThroughProxy()).toBe(false);
  });
});

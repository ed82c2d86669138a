import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { endpoints, routeFor } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { type SocketServer, serveOnSocket } from "../support/socket-server";

// Issue 18, finding 1: 512 KiB of `apiKey=K00000000&…` held the server for 31 s, and a health
// check sent meanwhile waited as long. Over a real socket, through the route handlers as Next.js
// calls them: 1 MiB of 60,000 short apiKey values is answered within 1 s of work, and /api/health
// answers meanwhile. The callback's budget is CPU time (this process is both server and
// client): on a shared machine under load the wall clock stretches several times, the work does not.
// The wall clock is bounded too, far below the old minutes.

const database = setUpTestDatabase();
const token = "tok_masking_freeze_0123456789";
let server: SocketServer;

beforeAll(async () => {
  vi.stubEnv("CALLBACK_TOKEN", token);
  server = await serveOnSocket((request) => {
    const handler = new URL(request.url).pathname === "/api/health" ? health : routeFor(endpoints.approval).POST;
    return (handler as (request: Request) => Promise<Response>)(request);
  });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

async function timed(path: string, init?: RequestInit): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, init);
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, text };
}

describe("a body of 60,000 apiKey values", () => {
  it("is answered within 1 s, and /api/health answers meanwhile", async () => {
    const parts: string[] = [];
    for (let index = 0; parts.length < 61_000; index++) parts.push(`apiKey=K${String(index).padStart(8, "0")}`);
    const body = parts.join("&").slice(0, 1024 * 1024);
    // The database is opened before the clock starts: the first query of a test file pays for it.
    expect((await timed("/api/health")).status).toBe(200);
    const cpuBefore = process.cpuUsage();
    const callback = timed(`${endpoints.approval}?token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const meanwhile = await timed("/api/health");
    const answered = await callback;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.info(
      `callback ${answered.ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU), health meanwhile ${meanwhile.ms.toFixed(0)} ms`,
    );
    expect(answered.status, answered.text).toBe(400);
    expect(cpuMs).toBeLessThan(1000);
    expect(answered.ms).toBeLessThan(10_000);
    expect(meanwhile.status).toBe(200);
    // 1 s on a quiet machine; the margin is for a test run sharing two cores (the old masking: 30 s).
    expect(meanwhile.ms).toBeLessThan(3000);
    const [stored] = await database.query<{ raw: string }>(sql`SELECT raw_body AS raw FROM callback_deliveries`);
    expect(stored.raw).toMatch(/^apiKey=\*{4}&apiKey=\*{4}&/);
    expect(stored.raw).not.toMatch(/K\d{8}/);
  }, 30_000);
});

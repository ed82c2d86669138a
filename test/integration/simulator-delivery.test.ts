import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalRun, countExpected, createRandom, demoPlan, runSequences, summarize } from "@/lib/simulator";
import { AppNotRunningError, createHttpSender, displayUrl } from "@/lib/simulator/http";
import { databaseSink } from "@/scripts/seed/sinks";
import { setUpTestDatabase } from "../support/database";

// The simulator's two transports: HTTP to a running app, and in-process into receiveCallback()
// as the demo seed uses it, each checked against what the receiver should answer and store.

const database = setUpTestDatabase();
const apiKey = "sandbox-0123456789abcdef0123456";
const now = new Date();

describe("seeding in-process through receiveCallback", () => {
  // receiveCallback reads CALLBACK_TOKEN itself; with it set, the plan's wrong-token delivery is refused.
  beforeAll(() => {
    process.env.CALLBACK_TOKEN = "demo-token";
  });
  afterAll(() => {
    delete process.env.CALLBACK_TOKEN;
  });

  it("stores a small demo exactly as planned", async () => {
    const sequences = demoPlan(createRandom("seed-test"), { merchants: 40, approvals: 200, apiKey, now });
    const sink = databaseSink(database.handle, "demo-token", "test database");
    expect(await sink.existingRows()).toEqual({ approvals: 0, merchants: 0 });
    const summary = summarize(await runSequences(sequences, { concurrency: sink.concurrency, send: sink.send }));
    expect(summary.unexpected).toBe(0);

    const expected = countExpected(sequences);
    const outcomes = await database.query<{ outcome: string; total: number }>(
      sql`SELECT outcome, count(*)::int AS total FROM callback_deliveries GROUP BY outcome`,
    );
    expect(Object.fromEntries(outcomes.map((row) => [row.outcome, row.total]))).toEqual({
      accepted: expected.accepted,
      duplicate: expected.duplicate,
      rejected: expected.rejected,
      unauthorized: expected.unauthorized,
    });
    const stored = await sink.existingRows();
    expect(stored?.merchants).toBe(40);
    const approvals =
      expected.accepted -
      sequences.flat().filter((d) => d.endpoint === "auth-mapping" && d.expected === "accepted").length;
    expect(stored?.approvals).toBe(approvals);
    const statuses = await database.query<{ review_status: string }>(sql`SELECT DISTINCT review_status FROM merchants`);
    expect(statuses.length).toBeGreaterThanOrEqual(5);
  });
});

describe("sending over HTTP", () => {
  let server: http.Server;
  let port: number;
  const connections = new Set<number>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      connections.add(request.socket.remotePort ?? 0);
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const ok = new URL(request.url ?? "/", "http://x").searchParams.get("token") === "right";
        response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
        response.end(JSON.stringify(ok && JSON.parse(body).billId ? { code: "0000" } : { code: "1101" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts every delivery over a few keep-alive connections and counts the answers", async () => {
    const sequences = approvalRun(createRandom("http"), { count: 100, duplicateRate: 0.1, apiKey, now });
    const sender = createHttpSender({
      urlFor: (endpoint) => new URL(`http://127.0.0.1:${port}/api/callbacks/${endpoint}?token=right`),
      concurrency: 4,
    });
    const summary = summarize(await runSequences(sequences, { concurrency: 4, send: sender.send }));
    sender.close();
    expect(summary.sent).toBe(100);
    expect(summary.answered0000).toBe(100);
    expect(connections.size).toBeLessThanOrEqual(4);
  });

  it("reports the other answers by status and code", async () => {
    const sender = createHttpSender({
      urlFor: () => new URL(`http://127.0.0.1:${port}/api/callbacks/approval?token=wrong`),
      concurrency: 2,
    });
    const sequences = approvalRun(createRandom("wrong"), { count: 5, duplicateRate: 0, apiKey, now });
    const summary = summarize(await runSequences(sequences, { concurrency: 2, send: sender.send }));
    sender.close();
    expect(summary.otherAnswers).toEqual({ "HTTP 401 code 1101": 5 });
  });

  it("says the app is not running when the connection is refused, without showing the token", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = new URL(`http://127.0.0.1:${closedPort}/api/callbacks/approval?token=secret-token`);
    const sender = createHttpSender({ urlFor: () => url, concurrency: 1 });
    const sequences = approvalRun(createRandom("refused"), { count: 3, duplicateRate: 0, apiKey, now });
    const run = runSequences(sequences, { concurrency: 1, send: sender.send });
    await expect(run).rejects.toBeInstanceOf(AppNotRunningError);
    await expect(run).rejects.toThrow(`The app isn't running at ${displayUrl(url)}`);
    expect(displayUrl(url)).not.toContain("secret-token");
    sender.close();
  });
});

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, useDatabase } from "@/db";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { bodyFromText } from "@/lib/callbacks/read-body";
import { receiveCallback } from "@/lib/callbacks/receive";
import { unauthenticatedLogCap } from "@/lib/callbacks/unauthenticated";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

async function stored() {
  const [row] = await database.query<{ approvals: string | number; merchants: string | number }>(
    sql`SELECT (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM merchants) AS merchants`,
  );
  return { approvals: Number(row.approvals), merchants: Number(row.merchants) };
}

async function outcomes() {
  const rows = await database.query<{ outcome: string }>(
    sql`SELECT outcome::text FROM callback_deliveries ORDER BY id`,
  );
  return rows.map((row) => row.outcome);
}

describe("callback token", () => {
  const token = "tok_4f9a2c1e8b7d6a5f";

  it("accepts both callbacks with the right token", async () => {
    vi.stubEnv("CALLBACK_TOKEN", token);
    expect(await send(endpoints.approval, sample("approval.card"), { token })).toEqual({ status: 200, body: success });
    expect(await send(endpoints.authMapping, sample("auth-mapping.live"), { token })).toEqual({
      status: 200,
      body: success,
    });
  });

  it.each([
    ["a wrong token", "tok_wrong"],
    ["a token of another length", "x"],
    ["no token", undefined],
  ])("refuses %s with 401, stores nothing and logs it as unauthorized", async (_, given) => {
    vi.stubEnv("CALLBACK_TOKEN", token);
    for (const [endpoint, payload] of [
      [endpoints.approval, sample("approval.card")],
      [endpoints.authMapping, sample("auth-mapping.live")],
      [endpoints.any, sample("approval.healthcare")],
    ] as const) {
      const answer = await send(endpoint, payload, { token: given });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe("1101");
      expect(answer.body.errors?.[0].path).toBe("token");
    }
    expect(await stored()).toEqual({ approvals: 0, merchants: 0 });
    expect(await outcomes()).toEqual(["unauthorized", "unauthorized", "unauthorized"]);
    const [logged] = await database.query<{ raw_body: string; kind: string }>(
      sql`SELECT raw_body, kind::text FROM callback_deliveries ORDER BY id LIMIT 1`,
    );
    expect(logged.kind).toBe("approval");
    expect(logged.raw_body).not.toContain("sandbox-0123456789abcdef0123456");
  });

  it("accepts every token of a rotation list, the old one included, and nothing else", async () => {
    const previous = "tok_old_0a1b2c3d4e5f6a7b";
    vi.stubEnv("CALLBACK_TOKEN", ` ${token} , ${previous} `);
    const card = (billId: string) => ({ ...sample("approval.card"), billId });
    expect(await send(endpoints.approval, card("NEW-1"), { token })).toEqual({ status: 200, body: success });
    expect(await send(endpoints.approval, card("OLD-1"), { token: previous })).toEqual({ status: 200, body: success });
    for (const wrong of [`${token},${previous}`, token.slice(0, -1), `${previous} `, ""]) {
      expect((await send(endpoints.approval, card("BAD-1"), { token: wrong })).status, wrong).toBe(401);
    }
    expect(await stored()).toEqual({ approvals: 2, merchants: 0 });
    // The log line says which entry was used, so an old token's last users can be found.
    const answer = await receiveCallback(
      {
        endpoint: callbackEndpoint("approval"),
        token: previous,
        remoteAddr: null,
        body: bodyFromText(JSON.stringify(card("OLD-2"))),
      },
      async () => database.handle.db,
    );
    expect(answer).toMatchObject({ status: 200, tokenEntry: 2 });
  });

  it("reads and keeps at most 4 KiB of a request without the right token, masked", async () => {
    const apiKey = "live-9f8e7d6c5b4a39281706f5e4";
    vi.stubEnv("CALLBACK_TOKEN", token);
    vi.stubEnv("PAYSSAM_API_KEYS", apiKey);
    const body = JSON.stringify({ note: `${apiKey} `.repeat(40), apiKey, padding: "x".repeat(1024 * 1024) });
    const answer = await send(endpoints.approval, body, { raw: true, token: "nope" });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("1101");
    const [logged] = await database.query<{ raw_body: string; outcome: string; body_bytes: number }>(
      sql`SELECT raw_body, outcome::text, body_bytes FROM callback_deliveries`,
    );
    expect(logged.outcome).toBe("unauthorized");
    expect(logged.raw_body.length).toBeLessThan(4096 + 100);
    expect(logged.raw_body).toContain("****f5e4");
    expect(logged.raw_body).not.toContain(apiKey);
    // Exactly the head is read (issue 18, finding 8), where a whole 64 KiB chunk used to be.
    expect(logged.raw_body).toMatch(/…\[truncated: 4096 bytes read\]$/);
    expect(logged.body_bytes).toBe(4096);
  });

  it(`logs ${unauthenticatedLogCap} requests without the right token a minute, and only counts the rest`, async () => {
    vi.stubEnv("CALLBACK_TOKEN", token);
    const total = unauthenticatedLogCap + 15;
    for (let index = 0; index < total; index++) {
      const answer = await send(
        endpoints.any,
        { billId: `FLOOD-${index}` },
        { token: index % 2 ? "wrong" : undefined },
      );
      expect(answer.status).toBe(401);
    }
    expect(await outcomes()).toHaveLength(unauthenticatedLogCap);
    const counters = await database.query<{ received: number; logged: number }>(
      sql`SELECT sum(received)::int AS received, sum(logged)::int AS logged FROM unauthenticated_requests`,
    );
    // Two minutes may have been touched if the clock turned during the test: the cap is per minute.
    expect(counters[0].received).toBe(total);
    expect(counters[0].logged).toBeGreaterThanOrEqual(unauthenticatedLogCap);
    expect(counters[0].logged).toBe((await outcomes()).length);
  });

  it("answers 401 to a request without the right token even when the database is down", async () => {
    vi.stubEnv("CALLBACK_TOKEN", token);
    const broken = await openDatabase({ url: "postgres://postgres@127.0.0.1:1/none", poolMax: 1 });
    useDatabase(broken);
    try {
      const answer = await send(endpoints.approval, sample("approval.card"), { token: "wrong" });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe("1101");
    } finally {
      useDatabase(database.handle);
      await broken.close();
    }
  });

  it("fails closed in production when CALLBACK_TOKEN is unset: 503, nothing stored", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CALLBACK_TOKEN", "");
    for (const endpoint of Object.values(endpoints)) {
      const answer = await send(endpoint, sample("approval.card"));
      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe("5001");
      expect(answer.body.message).toContain("CALLBACK_TOKEN");
    }
    expect(await stored()).toEqual({ approvals: 0, merchants: 0 });
  });
});

describe("PaySsam API key", () => {
  const liveKey = "live-9f8e7d6c5b4a39281706f5e4";
  const rotatedKey = "live-0a1b2c3d4e5f60718293a4b5";

  it("accepts approvals carrying any of the configured keys, v1 and v2", async () => {
    vi.stubEnv("PAYSSAM_API_KEYS", `${liveKey}, ${rotatedKey}`);
    expect((await send(endpoints.approval, { ...sample("approval.card"), apiKey: liveKey })).status).toBe(200);
    expect((await send(endpoints.approval, { ...sample("approval.healthcare"), apiKey: rotatedKey })).status).toBe(200);
    expect((await send(endpoints.approval, { ...sample("approval.v1-snake-case"), apikey: liveKey })).status).toBe(200);
    expect(await stored()).toEqual({ approvals: 3, merchants: 0 });
  });

  it.each([
    ["a wrong apiKey", { ...sample("approval.card"), apiKey: "live-stolen-or-sandbox-key-000" }, "apiKey"],
    ["no apiKey", { ...sample("approval.card"), apiKey: null }, "apiKey"],
    ["a wrong v1 apikey", { ...sample("approval.v1-snake-case"), apikey: "nope" }, "apikey"],
  ])("refuses %s with 401 and stores no approval", async (_, payload, field) => {
    vi.stubEnv("PAYSSAM_API_KEYS", liveKey);
    const answer = await send(endpoints.approval, payload);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("1102");
    expect(answer.body.errors?.[0].path).toBe(field);
    expect(await stored()).toEqual({ approvals: 0, merchants: 0 });
    expect(await outcomes()).toEqual(["unauthorized"]);
  });

  it("checks the key before validation, so a rejected approval is known to be authentic", async () => {
    vi.stubEnv("PAYSSAM_API_KEYS", liveKey);
    const answer = await send(endpoints.approval, { ...sample("approval.card"), apiKey: "wrong", apprPrice: "1,000" });
    expect(answer.status).toBe(401);
  });
});

describe("database down", () => {
  it.each([
    [
      "PostgreSQL that refuses connections",
      () => openDatabase({ url: "postgres://postgres@127.0.0.1:1/none", poolMax: 1 }),
    ],
    [
      "an embedded database that has been closed",
      async () => {
        const handle = await openDatabase({ pgliteDir: "memory://" });
        await handle.close();
        return handle;
      },
    ],
  ])("answers 503 and never 0000 when it is %s", async (_, openBroken) => {
    const broken = await openBroken();
    useDatabase(broken);
    try {
      for (const payload of [sample("approval.card"), sample("auth-mapping.live"), { billId: "bad" }]) {
        const answer = await send(endpoints.any, payload);
        expect(answer.status).toBe(503);
        expect(answer.body.code).toBe("5003");
        expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|closed|stack/i);
      }
    } finally {
      useDatabase(database.handle);
      if (broken.driver === "postgres") await broken.close();
    }
    expect(await outcomes()).toEqual([]);
  });
});

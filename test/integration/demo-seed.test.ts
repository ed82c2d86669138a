import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { summarizeEpisodes } from "@/lib/callbacks/retry-deadlines";
import { getRetryEpisodes } from "@/lib/dashboard/retry-episodes";
import { DAY_MS } from "@/lib/kst";
import { type DemoSeedResult, seedDemo } from "@/lib/simulator/demo-seed";
import { setUpTestDatabase } from "../support/database";

// 데모 데이터 넣기: the demo history through the receiver, backdated, once.

const database = setUpTestDatabase();

const options = {
  seed: "demo-test",
  now: new Date(),
  apiKey: "sandbox-0123456789abcdef0123456",
  callbackToken: null,
  checksToken: false,
  size: { merchants: 30, approvals: 150 },
  actor: { id: "admin-1", email: "admin@example.kr" },
  clientAddr: "203.0.113.5",
};

describe("demo data", () => {
  it("seeds an empty database once, backdated over the last 60 days, audit-logged", async () => {
    const seeded = await seedDemo(database.handle.db, options);
    expect(seeded).toMatchObject({ status: "seeded", merchants: 30 });
    expect(await seedDemo(database.handle.db, options)).toEqual({ status: "not-empty" });

    const audit = await database.query<{ action: string; actor_email: string; details: Record<string, unknown> }>(
      sql`SELECT action, actor_email, details FROM audit_log`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "demo_data_seeded", actor_email: "admin@example.kr" });

    const [history] = await database.query<{ entries: number; seconds: number; span_days: number; future: number }>(sql`
      SELECT count(*)::int AS entries,
        count(DISTINCT date_trunc('second', received_at))::int AS seconds,
        (extract(epoch FROM max(received_at) - min(received_at)) / 86400)::int AS span_days,
        count(*) FILTER (WHERE received_at > now())::int AS future
      FROM merchant_status_history`);
    expect(history.future).toBe(0);
    expect(history.span_days).toBeGreaterThan(30);
    expect(history.seconds).toBeGreaterThan(history.entries * 0.9);
    // The merchants' own times follow their timelines.
    const [merchants] = await database.query<{ wrong: number }>(sql`
      SELECT count(*)::int AS wrong FROM merchants m
      WHERE updated_at <> (SELECT max(received_at) FROM merchant_status_history h WHERE h.merchant_id = m.id)
         OR first_seen_at <> (SELECT min(received_at) FROM merchant_status_history h WHERE h.merchant_id = m.id)`);
    expect(merchants.wrong).toBe(0);
    const [deliveries] = await database.query<{ oldest: Date | string }>(
      sql`SELECT min(received_at) AS oldest FROM callback_deliveries`,
    );
    expect(Date.now() - new Date(deliveries.oldest).getTime()).toBeGreaterThan(30 * DAY_MS);

    const summary = summarizeEpisodes((await getRetryEpisodes(database.handle.db, 14)).episodes);
    expect(summary.retrying).toBeGreaterThan(0);
    expect(summary.lost).toBeGreaterThan(0);
  });

  it("seeds once when two admins click at the same moment", async () => {
    const results: DemoSeedResult[] = await Promise.all([
      seedDemo(database.handle.db, options),
      seedDemo(database.handle.db, options),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["not-empty", "seeded"]);
    expect(await database.query(sql`SELECT id FROM audit_log`)).toHaveLength(1);
    const [merchants] = await database.query<{ total: number }>(sql`SELECT count(*)::int AS total FROM merchants`);
    expect(merchants.total).toBe(30);
  });

  it("refuses a database that already holds data", async () => {
    await database.query(sql`INSERT INTO merchants (member_id, merchant_id, review_status) VALUES ('m', 'x', 'W')`);
    expect(await seedDemo(database.handle.db, options)).toEqual({ status: "not-empty" });
    expect(await database.query(sql`SELECT id FROM callback_deliveries`)).toEqual([]);
  });
});

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as pruneRoute } from "@/app/api/cron/prune/route";
import { applyRetention, previewRetention } from "@/db/queries/retention";
import { ReprocessError, reprocessDelivery } from "@/lib/callbacks/reprocess";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

// The retention job (db/queries/retention.ts) through the cron route Vercel calls, on both databases.

const database = setUpTestDatabase();
const cronSecret = "cron-secret-for-tests-0123456789";

afterEach(() => {
  vi.unstubAllEnvs();
});

function cronRequest(authorization?: string) {
  return new Request("http://localhost/api/cron/prune", {
    headers: authorization === undefined ? {} : { authorization },
  });
}

async function prune() {
  vi.stubEnv("CRON_SECRET", cronSecret);
  const response = await pruneRoute(cronRequest(`Bearer ${cronSecret}`));
  expect(response.status).toBe(200);
  return response.json();
}

type Outcome = "accepted" | "duplicate" | "rejected" | "unauthorized";

/** A logged delivery received `daysAgo` days ago, as the receiver would have stored it. */
async function insertDelivery(outcome: Outcome, daysAgo: number, body = `{"billId":"b-${outcome}-${daysAgo}"}`) {
  const [row] = await database.query<{ id: string }>(sql`
    INSERT INTO callback_deliveries (kind, endpoint, received_at, raw_body, body_bytes, outcome, http_status)
    VALUES ('approval', '/api/callbacks/approval', now() - make_interval(days => ${daysAgo}), ${body},
      ${Buffer.byteLength(body)}, ${outcome}, ${outcome === "unauthorized" ? 401 : outcome === "rejected" ? 400 : 200})
    RETURNING id`);
  return Number(row.id);
}

async function delivery(id: number) {
  const [row] = await database.query<{ raw_body: string | null; body_pruned: boolean; outcome: string }>(
    sql`SELECT raw_body, body_pruned_at IS NOT NULL AS body_pruned, outcome FROM callback_deliveries WHERE id = ${id}`,
  );
  return row;
}

async function counts() {
  const [row] = await database.query<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM approvals) AS approvals,
      (SELECT count(*)::int FROM merchants) AS merchants,
      (SELECT count(*)::int FROM merchant_status_history) AS history,
      (SELECT count(*)::int FROM audit_log) AS audit,
      (SELECT count(*)::int FROM callback_deliveries) AS deliveries`);
  return row;
}

describe("retention (GET /api/cron/prune)", () => {
  it("deletes old unauthenticated deliveries and counters, drops old bodies, keeps everything else", async () => {
    // Real callbacks first (an approval, its retry, a merchant), all made two years old.
    expect((await send(endpoints.approval, sample("approval.card"))).body).toEqual(success);
    expect((await send(endpoints.approval, sample("approval.card"))).body).toEqual(success);
    expect((await send(endpoints.authMapping, sample("auth-mapping.live"))).body).toEqual(success);
    await database.query(sql`UPDATE callback_deliveries SET received_at = now() - interval '730 days'`);
    await database.query(sql`UPDATE merchant_status_history SET received_at = now() - interval '730 days'`);
    await database.query(sql`
      INSERT INTO audit_log (at, actor_email, action, target) VALUES (now() - interval '800 days', 'ops@example.kr', 'sign_in', null)`);
    await database.query(sql`
      INSERT INTO unauthenticated_requests (minute, received, logged) VALUES
        (date_trunc('minute', now() - interval '31 days'), 500, 5),
        (date_trunc('minute', now() - interval '29 days'), 7, 5)`);
    const oldStranger = await insertDelivery("unauthorized", 31);
    const recentStranger = await insertDelivery("unauthorized", 29);
    const oldAccepted = await insertDelivery("accepted", 181);
    const oldDuplicate = await insertDelivery("duplicate", 181);
    const recentAccepted = await insertDelivery("accepted", 179);
    const oldRejected = await insertDelivery("rejected", 400);
    const before = await counts();

    const preview = await previewRetention(database.handle.db, { now: new Date(), retentionDays: 180 });
    const result = await prune();

    expect(result).toMatchObject({
      status: "ok",
      unauthorizedDeliveries: 1,
      // The three real deliveries and the two inserted ones.
      bodiesDropped: 5,
      counterMinutes: 1,
      complete: true,
    });
    expect(preview).toEqual({
      unauthorizedDeliveries: result.unauthorizedDeliveries,
      bodiesDropped: result.bodiesDropped,
      bodyBytesDropped: result.bodyBytesDropped,
      counterMinutes: result.counterMinutes,
      alerts: result.alerts,
    });
    expect(await delivery(oldStranger)).toBeUndefined();
    expect(await delivery(recentStranger)).toMatchObject({ outcome: "unauthorized", body_pruned: false });
    expect(await delivery(oldAccepted)).toEqual({ raw_body: null, body_pruned: true, outcome: "accepted" });
    expect(await delivery(oldDuplicate)).toEqual({ raw_body: null, body_pruned: true, outcome: "duplicate" });
    expect((await delivery(recentAccepted)).raw_body).not.toBeNull();
    expect((await delivery(oldRejected)).raw_body).not.toBeNull();
    expect(await counts()).toEqual({ ...before, deliveries: before.deliveries - 1 });
    const minutes = await database.query<{ received: number }>(sql`SELECT received FROM unauthenticated_requests`);
    expect(minutes).toEqual([{ received: 7 }]);

    // A second run finds nothing left to do.
    expect(await prune()).toMatchObject({ unauthorizedDeliveries: 0, bodiesDropped: 0, counterMinutes: 0 });
  });

  it("deletes sent and failed alerts after 90 days, never a pending one", async () => {
    const alert = async (status: "pending" | "sent" | "failed", daysAgo: number) => {
      const [row] = await database.query<{ id: string }>(sql`
        INSERT INTO alert_outbox (kind, status, dedupe_key, created_at)
        VALUES ('unauthenticated', ${status}, ${`test:${status}:${daysAgo}`}, now() - make_interval(days => ${daysAgo}))
        RETURNING id`);
      return Number(row.id);
    };
    const kept = [await alert("pending", 200), await alert("sent", 89), await alert("failed", 89)];
    await alert("sent", 91);
    await alert("failed", 120);

    const preview = await previewRetention(database.handle.db, { now: new Date(), retentionDays: 180 });
    expect(preview.alerts).toBe(2);
    expect(await prune()).toMatchObject({ alerts: 2, complete: true });
    const left = await database.query<{ id: string }>(sql`SELECT id FROM alert_outbox ORDER BY id`);
    expect(left.map((row) => Number(row.id))).toEqual(kept);
    expect(await prune()).toMatchObject({ alerts: 0 });
  });

  it("honours RETENTION_DAYS", async () => {
    const at100 = await insertDelivery("accepted", 100);
    const at80 = await insertDelivery("accepted", 80);
    vi.stubEnv("RETENTION_DAYS", "90");
    expect(await prune()).toMatchObject({ bodiesDropped: 1 });
    expect((await delivery(at100)).raw_body).toBeNull();
    expect((await delivery(at80)).raw_body).not.toBeNull();
  });

  it("works in bounded batches and stops at its deadline; the next run resumes", async () => {
    for (let index = 0; index < 7; index++) await insertDelivery("accepted", 200 + index);
    const run = { now: new Date(), retentionDays: 180, batchSize: 3 };
    const stopped = await applyRetention(database.handle.db, { ...run, deadline: new Date(Date.now() - 1) });
    expect(stopped).toMatchObject({ batches: 0, bodiesDropped: 0, complete: false });
    const finished = await applyRetention(database.handle.db, { ...run, deadline: new Date(Date.now() + 60_000) });
    // 1 (no strangers) + 3 + 3 + 1 (bodies) + 1 (no counters) + 1 (no alerts)
    expect(finished).toMatchObject({ bodiesDropped: 7, batches: 6, complete: true });
  });

  it("keeps a delivery that a reprocessing points back at, and the link", async () => {
    const original = await insertDelivery("unauthorized", 60);
    const [reprocessed] = await database.query<{ id: string }>(sql`
      INSERT INTO callback_deliveries (kind, endpoint, received_at, raw_body, body_bytes, outcome, http_status, reprocess_of)
      VALUES ('approval', '/api/callbacks/approval', now() - interval '200 days', '{}', 2, 'accepted', 200, ${original})
      RETURNING id`);
    expect(await prune()).toMatchObject({ unauthorizedDeliveries: 0, bodiesDropped: 1 });
    expect(await delivery(original)).toMatchObject({ outcome: "unauthorized" });
    expect(await delivery(Number(reprocessed.id))).toMatchObject({ raw_body: null, body_pruned: true });
  });

  it("refuses to reprocess a delivery whose body is gone, in Korean", async () => {
    const rejected = await insertDelivery("rejected", 400);
    await database.query(
      sql`UPDATE callback_deliveries SET raw_body = NULL, body_pruned_at = now() WHERE id = ${rejected}`,
    );
    const before = await counts();
    await expect(reprocessDelivery(database.handle.db, rejected)).rejects.toThrow(ReprocessError);
    await expect(reprocessDelivery(database.handle.db, rejected)).rejects.toThrow(
      `#${rejected}의 본문은 보관 기간(RETENTION_DAYS)이 지나 삭제되어 다시 처리할 수 없습니다.`,
    );
    expect(await counts()).toEqual(before);
  });
});

describe("cron authorization", () => {
  it("refuses to run at all while CRON_SECRET is unset", async () => {
    const stranger = await insertDelivery("unauthorized", 60);
    vi.stubEnv("CRON_SECRET", "");
    for (const authorization of [undefined, "Bearer ", "Bearer undefined"]) {
      const response = await pruneRoute(cronRequest(authorization));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "not_configured" });
    }
    expect(await delivery(stranger)).toBeDefined();
  });

  it("answers 401 without the right bearer token and does nothing", async () => {
    const stranger = await insertDelivery("unauthorized", 60);
    vi.stubEnv("CRON_SECRET", cronSecret);
    for (const authorization of [undefined, cronSecret, `Bearer ${cronSecret}x`, `bearer ${cronSecret}`, "Bearer "]) {
      const response = await pruneRoute(cronRequest(authorization));
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
    expect(await delivery(stranger)).toBeDefined();
  });
});

import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimDueAlerts, requeueFailedAlert } from "@/db/queries/alert-outbox";
import { sendAlertsNow } from "@/lib/alerts/run";
import { maxAttempts, sendDueAlerts } from "@/lib/alerts/sender";
import { alertSettings } from "@/lib/alerts/settings";
import { queueDeadlineAlerts, queueUnauthenticatedDigests } from "@/lib/alerts/sweep";
import { postWebhook } from "@/lib/alerts/webhook";
import { reprocessDelivery } from "@/lib/callbacks/reprocess";
import { inProcessSender } from "@/lib/simulator/in-process";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { startWebhookListener, type WebhookListener } from "../support/webhook-listener";

const database = setUpTestDatabase();
const HOUR_MS = 3_600_000;
let webhook: WebhookListener;

const rejected = () =>
  sample("auth-mapping.rejected") as { merchant: Record<string, unknown> } & Record<string, unknown>;
const withStatus = (reviewStatus: string, reviewMessage: string | null = "서류를 다시 보내 주세요.") => {
  const mapping = rejected();
  return { ...mapping, merchant: { ...mapping.merchant, reviewStatus, reviewMessage } };
};
const refusedApproval = (billId: string) => ({ ...sample("approval.card"), billId, apprMonthly: "일시불" });

interface OutboxRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  subject: string | null;
  dedupe_key: string | null;
  last_error: string | null;
  text: string | null;
  retry_in_s: number;
}
const outbox = () =>
  database.query<OutboxRow>(sql`
    SELECT id::int, kind::text, status::text, attempts, subject, dedupe_key, last_error, text,
      round(extract(epoch from next_attempt_at - now()))::int AS retry_in_s
    FROM alert_outbox ORDER BY id`);

/** Through the receiver's code, backdated as the demo seeder does. */
const receiveBackdated = (endpoint: "approval" | "auth-mapping", payload: unknown, at: Date) =>
  inProcessSender(
    async () => database.handle.db,
    null,
  )({ endpoint, body: JSON.stringify(payload), expected: "accepted", receivedAt: at });

beforeAll(async () => {
  webhook = await startWebhookListener();
});
afterAll(() => webhook.close());
beforeEach(() => {
  process.env.ALERT_WEBHOOK_URL = webhook.url;
  process.env.APP_URL = "https://ops.example.kr";
  webhook.received.length = 0;
  webhook.answer = "ok";
});
afterEach(async () => {
  // Whatever a callback started in the background ends before the next test empties the tables.
  await sendAlertsNow();
  delete process.env.ALERT_WEBHOOK_URL;
  delete process.env.APP_URL;
  delete process.env.ALERT_UNAUTHENTICATED_THRESHOLD;
});

describe("R/S alerts", () => {
  it("queues one in the callback's statement when a merchant enters R or S, and posts it", async () => {
    await send(endpoints.authMapping, withStatus("R", "업종 정보가 사업자등록증과 일치하지 않습니다."));
    await send(endpoints.authMapping, withStatus("R", "업종 정보가 사업자등록증과 일치하지 않습니다.")); // a retry
    await send(endpoints.authMapping, withStatus("S", "통장 사본을 보내 주세요."));
    await send(endpoints.authMapping, withStatus("O", null));
    await sendAlertsNow();

    const rows = await outbox();
    expect(rows.map((row) => [row.kind, row.status, row.subject])).toEqual([
      ["review_status", "sent", "clinic-member-0042/clinic-bundang"],
      ["review_status", "sent", "clinic-member-0042/clinic-bundang"],
    ]);
    const texts = webhook.received.map((received) => received.body.text).sort();
    expect(texts).toHaveLength(2);
    const [merchant] = await database.query<{ id: number }>(sql`SELECT id::int FROM merchants`);
    expect(texts.find((text) => text.includes("반려 (R)"))).toContain("바른마음의원");
    expect(texts.find((text) => text.includes("반려 (R)"))).toContain("업종 정보가 사업자등록증과 일치하지 않습니다.");
    expect(texts.find((text) => text.includes("서류보완 (S)"))).toContain(
      `https://ops.example.kr/merchants/${merchant.id}`,
    );
  });

  it("alerts again for a new message in the same status, not for an unchanged repeat", async () => {
    await send(endpoints.authMapping, withStatus("S", "통장 사본"));
    await send(endpoints.authMapping, withStatus("S", "통장 사본"));
    await send(endpoints.authMapping, withStatus("S", "대표자 신분증"));
    expect((await outbox()).map((row) => row.kind)).toEqual(["review_status", "review_status"]);
  });

  it("queues nothing when ALERT_WEBHOOK_URL is unset", async () => {
    delete process.env.ALERT_WEBHOOK_URL;
    await send(endpoints.authMapping, withStatus("R"));
    await send(endpoints.approval, refusedApproval("AL-OFF"));
    expect(await outbox()).toEqual([]);
  });

  it("queues nothing for the demo seeder's backdated deliveries", async () => {
    await receiveBackdated("auth-mapping", withStatus("R"), new Date(Date.now() - 3 * HOUR_MS));
    await receiveBackdated("approval", refusedApproval("AL-DEMO"), new Date(Date.now() - 2 * HOUR_MS));
    expect(await database.query(sql`SELECT id FROM callback_deliveries`)).toHaveLength(2);
    expect(await outbox()).toEqual([]);
  });

  it("alerts when 다시 처리 makes a merchant enter R", async () => {
    const inWords = withStatus("반려");
    expect((await send(endpoints.authMapping, inWords)).status).toBe(400);
    const [refused] = await database.query<{ id: number }>(sql`SELECT id::int FROM callback_deliveries`);
    await sendAlertsNow();
    await database.handle.db.execute(sql`TRUNCATE alert_outbox`);
    // The stored body is still refused: make it one the receiver accepts, as a rule change would.
    await database.handle.db.execute(
      sql`UPDATE callback_deliveries SET raw_body = replace(raw_body, '"반려"', '"R"') WHERE id = ${refused.id}`,
    );
    await reprocessDelivery(database.handle.db, refused.id);
    expect((await outbox()).map((row) => row.kind)).toEqual(["review_status"]);
  });
});

describe("refusal alerts", () => {
  it("alerts a subject's first refusal once per retry episode, in Korean with PaySsam's deadline", async () => {
    await send(endpoints.approval, refusedApproval("AL-0001"));
    await sendAlertsNow();
    await send(endpoints.approval, refusedApproval("AL-0001")); // PaySsam's retry an hour later
    await send(endpoints.approval, refusedApproval("AL-0001"));
    await sendAlertsNow();

    const rows = await outbox();
    expect(rows.map((row) => [row.kind, row.status, row.subject])).toEqual([["refusal", "sent", "AL-0001"]]);
    expect(rows[0].dedupe_key).toMatch(/^refusal:approval:AL-0001:\d+$/);
    expect(webhook.received).toHaveLength(1);
    const { text } = webhook.received[0].body;
    expect(text).toContain("콜백 거부: 결제 승인 AL-0001");
    expect(text).toContain("할부 개월(apprMonthly)");
    expect(text).toMatch(/PaySsam 재시도 마감: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} KST \(23시간 5\d분 남음\)/);
    expect(text).toContain("https://ops.example.kr/retry-deadlines");
  });

  it("never carries the callback token or an API key", async () => {
    const token = "tok-SECRET-7f3a9c1e5b2d4f6a8c0e";
    const apiKey = "live-KEY-0123456789abcdef012345";
    // Refused for its key: the key it carries is kept out too, even in the subject.
    const carriedKey = "sandbox-KEY-fedcba9876543210fedcba";
    process.env.CALLBACK_TOKEN = token;
    process.env.PAYSSAM_API_KEYS = apiKey;
    try {
      const approval = { ...sample("approval.card"), billId: `AL-${carriedKey}`, apiKey: carriedKey };
      expect((await send(endpoints.approval, approval, { token })).status).toBe(401);
      await send(endpoints.authMapping, withStatus("R", `토큰 ${token} 키 ${apiKey}`), { token });
      await sendAlertsNow();
    } finally {
      delete process.env.CALLBACK_TOKEN;
      delete process.env.PAYSSAM_API_KEYS;
    }
    expect(webhook.received).toHaveLength(2);
    for (const received of webhook.received) {
      expect(received.raw).not.toContain(token);
      expect(received.raw).not.toContain(apiKey);
      expect(received.raw).not.toContain(carriedKey);
    }
  });

  it("warns 4 hours before the deadline while the subject is unresolved, once", async () => {
    await send(endpoints.approval, refusedApproval("AL-LATE"));
    await send(endpoints.approval, refusedApproval("AL-FIXED"));
    await sendAlertsNow();
    await send(endpoints.approval, { ...sample("approval.card"), billId: "AL-FIXED" });

    expect(await queueDeadlineAlerts(database.handle.db, new Date(Date.now() + 19 * HOUR_MS))).toBe(0);
    const inTwentyOneHours = new Date(Date.now() + 21 * HOUR_MS);
    expect(await queueDeadlineAlerts(database.handle.db, inTwentyOneHours)).toBe(1);
    expect(await queueDeadlineAlerts(database.handle.db, inTwentyOneHours)).toBe(0);
    const settings = alertSettings();
    if (!settings) throw new Error("alerts are configured in this test");
    await sendDueAlerts(database.handle.db, settings, { now: () => inTwentyOneHours });
    const deadline = (await outbox()).find((row) => row.kind === "deadline");
    expect(deadline).toMatchObject({ status: "sent", subject: "AL-LATE" });
    expect(deadline?.text).toMatch(/재시도 마감 2시간 5\d분 남음, 아직 해결되지 않음: 결제 승인 AL-LATE/);
  });
});

describe("wrong-token digest", () => {
  it("queues one digest per hour above ALERT_UNAUTHENTICATED_THRESHOLD", async () => {
    process.env.ALERT_UNAUTHENTICATED_THRESHOLD = "5";
    const settings = alertSettings();
    if (!settings) throw new Error("alerts are configured in this test");
    const now = new Date();
    await database.handle.db.execute(
      sql`INSERT INTO unauthenticated_requests (minute, received, logged) VALUES (date_trunc('minute', now()), 5, 5)`,
    );
    expect(await queueUnauthenticatedDigests(database.handle.db, settings, now)).toBe(0);
    await database.handle.db.execute(sql`UPDATE unauthenticated_requests SET received = 6`);
    expect(await queueUnauthenticatedDigests(database.handle.db, settings, now)).toBe(1);
    expect(await queueUnauthenticatedDigests(database.handle.db, settings, now)).toBe(0);
    await sendDueAlerts(database.handle.db, settings);
    expect(webhook.received.map((received) => received.body.text)).toEqual([
      expect.stringMatching(/^\[페이민트\] 토큰이 없거나 틀린 콜백 요청 6건 .*기준 5건\)/),
    ]);
  });
});

describe("the sender", () => {
  it("backs off exponentially after a failure, then gives up as 실패; 다시 보내기 queues it again", async () => {
    webhook.answer = 500;
    await send(endpoints.authMapping, withStatus("R"));
    await sendAlertsNow();
    let [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "HTTP 500: invalid_payload" });
    expect(row.retry_in_s).toBeGreaterThanOrEqual(29);
    expect(row.retry_in_s).toBeLessThanOrEqual(30);
    expect(await claimDueAlerts(database.handle.db, { limit: 10, leaseMs: 60_000 })).toEqual([]); // not due yet

    await database.handle.db.execute(sql`UPDATE alert_outbox SET attempts = 3, next_attempt_at = now()`);
    await sendAlertsNow();
    [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 4 });
    expect(row.retry_in_s).toBeGreaterThanOrEqual(239); // 30 s × 2³

    await database.handle.db.execute(
      sql`UPDATE alert_outbox SET attempts = ${maxAttempts - 1}, next_attempt_at = now()`,
    );
    await sendAlertsNow();
    [row] = await outbox();
    expect(row).toMatchObject({ status: "failed", attempts: maxAttempts });

    webhook.answer = "ok";
    expect(await requeueFailedAlert(database.handle.db, row.id)).toBe(true);
    expect(await requeueFailedAlert(database.handle.db, row.id)).toBe(false); // no longer failed
    await sendAlertsNow();
    expect((await outbox())[0]).toMatchObject({ status: "sent", attempts: 1, last_error: null });
  });

  it("never hands one alert to two claims, and takes back a lease that ran out", async () => {
    delete process.env.ALERT_WEBHOOK_URL; // nothing runs in the background
    for (let index = 0; index < 30; index++) {
      await database.handle.db.execute(
        sql`INSERT INTO alert_outbox (kind, dedupe_key, facts) VALUES ('unauthenticated', ${`test:${index}`}, '{}')`,
      );
    }
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => claimDueAlerts(database.handle.db, { limit: 10, leaseMs: 60_000 })),
    );
    const ids = claims.flat().map((alert) => alert.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await claimDueAlerts(database.handle.db, { limit: 10, leaseMs: 60_000 })).toEqual([]);

    await database.handle.db.execute(
      sql`UPDATE alert_outbox SET lease_until = now() - interval '1 second' WHERE id <= 3`,
    );
    const retaken = await claimDueAlerts(database.handle.db, { limit: 10, leaseMs: 60_000 });
    expect(retaken.map((alert) => [alert.id, alert.attempts])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
  });

  it("gives up on a webhook that does not answer within 5 seconds", async () => {
    webhook.answer = "hang";
    const started = performance.now();
    const result = await postWebhook(webhook.url, { text: "시험" });
    const elapsed = performance.now() - started;
    expect(result).toEqual({ ok: false, error: "5초 안에 응답 없음" });
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(7_000);
  });
});

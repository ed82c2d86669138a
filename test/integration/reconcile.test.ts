import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { addDays, formatKstDate } from "@/lib/kst";
import { toV2ApprovalKeys } from "@/lib/payssam/approval";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { approvalInstant, postBills, reconcileAgainstFake, runCron, sendApproval } from "../support/reconcile";

// Reconciliation end to end: bills in through POST /api/bills, callbacks through the callback
// route, passes through POST /api/cron/reconcile, PaySsam played by the in-process fake.

const database = setUpTestDatabase();
const payssam = reconcileAgainstFake();

const bill = (billId: string, price: number, extra: Record<string, unknown> = {}) => ({
  billId,
  memberId: "member-1",
  merchantId: "shop-1",
  price,
  ...extra,
});

async function statuses() {
  const rows = await database.query<{
    bill_id: string;
    status: string;
    reasons: string[] | string;
    last_error: string | null;
  }>(sql`select bill_id, status::text, reasons::text[] as reasons, last_error from reconciliations order by bill_id`);
  return Object.fromEntries(rows.map((row) => [row.bill_id, row]));
}

describe("POST /api/cron/reconcile against the fake PaySsam", () => {
  it("gives every bill its status: 일치, 불일치, 콜백 누락, 미결제, 만료, 취소, 파기, 미등록, 대사불능", async () => {
    const today = new Date();
    const longAgo = addDays(today, -20);
    const answer = await postBills({
      bills: [
        bill("MATCHED", 10000),
        bill("AMOUNT", 20000),
        bill("MISSING", 30000),
        bill("UNPAID", 40000),
        bill("EXPIRED", 50000, { issuedAt: longAgo.toISOString(), expireDate: formatKstDate(addDays(longAgo, 3)) }),
        bill("CANCELLED", 60000),
        bill("DESTROYED", 70000),
        bill("GARBAGE", 80000),
        bill("TIMEOUT", 90000),
        bill("ERROR", 100000),
      ],
    });
    expect(answer).toEqual({ status: 200, body: { accepted: 10, unchanged: 0, refused: [] } });

    payssam.fake.setBill({
      billId: "MATCHED",
      apprState: "F",
      apprPrice: 10000,
      apprNum: "A1",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({
      billId: "AMOUNT",
      apprState: "F",
      apprPrice: 25000,
      apprNum: "A2",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({
      billId: "MISSING",
      apprState: "F",
      apprPrice: 30000,
      apprNum: "A3",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({ billId: "UNPAID", apprState: "W" });
    payssam.fake.setBill({ billId: "EXPIRED", apprState: "W" });
    payssam.fake.setBill({
      billId: "CANCELLED",
      apprState: "C",
      apprPrice: 60000,
      apprNum: "A6",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({ billId: "DESTROYED", apprState: "D" });
    payssam.fake.setMode("garbage", "GARBAGE");
    payssam.fake.setMode("timeout", "TIMEOUT");
    payssam.fake.setMode("error", "ERROR");
    expect(await sendApproval("MATCHED", 10000, "A1")).toEqual({ status: 200, body: success });
    expect(await sendApproval("AMOUNT", 20000, "A2")).toEqual({ status: 200, body: success });
    expect(await sendApproval("NOBILL", 5000, "A9")).toEqual({ status: 200, body: success });

    const pass = await runCron();
    expect(pass.status).toBe(200);
    expect(pass.body).toMatchObject({
      status: "ok",
      deliveries: { scanned: 3, unregistered: 1 },
      read: 10,
      statuses: {
        matched: 1,
        mismatch: 1,
        missing_callback: 1,
        unpaid: 1,
        expired: 1,
        cancelled: 1,
        destroyed: 1,
        unregistered: 1,
        unreadable: 3,
      },
    });
    const found = await statuses();
    expect(found.AMOUNT).toMatchObject({ status: "mismatch", reasons: ["amount"] });
    expect(found.GARBAGE.last_error).toContain("읽을 수 없습니다");
    expect(found.TIMEOUT.last_error).toContain("연결하지 못했습니다");
    expect(found.ERROR.last_error).toContain("코드 5000");

    const [recovered] = await database.query<{ appr_price: string; delivery_count: number; recovered: boolean }>(
      sql`select appr_price::text, delivery_count, recovered_at is not null as recovered from approvals where bill_id = 'MISSING'`,
    );
    expect(recovered).toEqual({ appr_price: "30000", delivery_count: 0, recovered: true });
    const [daily] = await database.query<{ sum: string }>(
      sql`select sum(amount)::text as sum from approval_daily_totals where appr_state = 'F'`,
    );
    expect(daily.sum).toBe(String(10000 + 20000 + 5000 + 30000));

    // The failed reads are read again: PaySsam answers now.
    payssam.fake.setMode("normal", "GARBAGE");
    payssam.fake.setBill({ billId: "GARBAGE", apprState: "W" });
    await database.query(sql`update reconciliations set next_read_at = now() where bill_id = 'GARBAGE'`);
    await runCron();
    expect((await statuses()).GARBAGE).toMatchObject({ status: "unpaid", last_error: null });
  });

  it("counts a callback that arrives after its approval was recovered as a delivery of that row", async () => {
    await postBills({ bills: [bill("LATE", 30000)] });
    payssam.fake.setBill({ billId: "LATE", apprState: "F", apprPrice: 30000, apprNum: "L1", apprDt: approvalInstant });
    await runCron();
    expect((await statuses()).LATE.status).toBe("missing_callback");

    expect(await sendApproval("LATE", 30000, "L1")).toEqual({ status: 200, body: success });
    const rows = await database.query<{ id: number; delivery_count: number }>(
      sql`select id, delivery_count from approvals where bill_id = 'LATE'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].delivery_count).toBe(1);
    const [delivery] = await database.query<{ outcome: string; approval_id: number }>(
      sql`select outcome::text, approval_id from callback_deliveries where subject = 'LATE'`,
    );
    expect(Number(delivery.approval_id)).toBe(Number(rows[0].id));
    const [daily] = await database.query<{ approvals: number }>(
      sql`select sum(approvals)::int as approvals from approval_daily_totals`,
    );
    expect(daily.approvals).toBe(1);

    // The next pass verifies the late callback against PaySsam: now they agree.
    await runCron();
    expect((await statuses()).LATE.status).toBe("matched");
    const history = await database.query<{ status: string }>(
      sql`select status::text from reconciliation_history where bill_id = 'LATE' order by id`,
    );
    expect(history.map((row) => row.status)).toEqual(["missing_callback", "matched"]);
  });

  it.each(["approval.card", "approval.cash-receipt", "approval.healthcare", "approval.v1-snake-case"])(
    "recovers %s from PaySsam's read as the very row its callback would have made",
    async (name) => {
      const { apiKey: _key, apikey: _v1Key, ...payload } = sample(name);
      const fields = toV2ApprovalKeys(payload);
      const price = Number(fields.apprPrice);
      await postBills({ bills: [bill("RECOVERED", price)] });
      payssam.fake.setBill({ billId: "RECOVERED", apprState: "F", approval: { ...fields, billId: "RECOVERED" } });
      await runCron();
      expect((await statuses()).RECOVERED.status).toBe("missing_callback");
      // The same approval by callback, under another billId (the recovered row holds this one's key).
      expect(
        await send(endpoints.approval, { ...sample(name), [fields === payload ? "billId" : "bill_id"]: "BY-CALLBACK" }),
      ).toMatchObject({ status: 200, body: success });

      const rows = await database.query<Record<string, unknown>>(
        sql`select * from approvals where bill_id in ('RECOVERED', 'BY-CALLBACK') order by bill_id`,
      );
      // What only a delivery has (its count, times, the masked apiKey, the shape it came in) and
      // the recovery's own mark differ; every field of the approval is the same.
      const approvalOnly = (row: Record<string, unknown>) => {
        const {
          id: _id,
          bill_id: _billId,
          delivery_count: _count,
          first_received_at: _first,
          last_received_at: _last,
          recovered_at: _recovered,
          api_key_masked: _apiKey,
          payload_version: _version,
          ...approval
        } = row;
        return approval;
      };
      const [byCallback, recovered] = rows;
      expect(Object.keys(approvalOnly(recovered)).length).toBeGreaterThan(20);
      expect(approvalOnly(recovered)).toEqual(approvalOnly(byCallback));
      expect(recovered.recovered_at).not.toBeNull();
    },
  );

  it("queues 콜백 누락 and 불일치 alerts once each", async () => {
    vi.stubEnv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/hook");
    await postBills({ bills: [bill("ALERT-MISS", 1000), bill("ALERT-AMT", 2000)] });
    payssam.fake.setBill({
      billId: "ALERT-MISS",
      apprState: "F",
      apprPrice: 1000,
      apprNum: "M1",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({
      billId: "ALERT-AMT",
      apprState: "F",
      apprPrice: 2500,
      apprNum: "M2",
      apprDt: approvalInstant,
    });
    await sendApproval("ALERT-AMT", 2000, "M2");
    await runCron();
    await database.query(sql`update reconciliations set next_read_at = now()`);
    await runCron();
    const alerts = await database.query<{ kind: string; subject: string }>(
      sql`select kind::text, subject from alert_outbox where kind in ('missing_callback', 'mismatch') order by kind`,
    );
    expect(alerts).toEqual([
      { kind: "mismatch", subject: "ALERT-AMT" },
      { kind: "missing_callback", subject: "ALERT-MISS" },
    ]);
  });

  it("stops a pass and alerts when PaySsam times out again and again, keeping the rest due", async () => {
    vi.stubEnv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/hook");
    await postBills({ bills: Array.from({ length: 12 }, (_, index) => bill(`SLOW${index}`, 1000)) });
    payssam.fake.setMode("timeout");
    const pass = await runCron();
    expect(pass.body.status).toBe("stopped");
    expect(pass.body.failedReads).toBeGreaterThanOrEqual(5);
    expect(pass.body.read).toBeLessThan(12);
    const [stopped] = await database.query<{ count: number }>(
      sql`select count(*)::int as count from alert_outbox where kind = 'reconciliation_stopped'`,
    );
    expect(stopped.count).toBe(1);
    const [stillDue] = await database.query<{ count: number }>(
      sql`select count(*)::int as count from reconciliations where next_read_at is not null`,
    );
    expect(stillDue.count).toBe(12);
  });

  it("does nothing without PAYSSAM_API_BASE and says so; refuses a wrong CRON_SECRET", async () => {
    vi.stubEnv("PAYSSAM_API_BASE", "");
    expect(await runCron()).toEqual({
      status: 200,
      body: { status: "off", message: expect.stringContaining("PAYSSAM_API_BASE is not set") },
    });
    expect((await runCron("wrong-secret-0123456789")).status).toBe(401);
    expect(payssam.fake.stats().reads).toBe(0);
  });
});

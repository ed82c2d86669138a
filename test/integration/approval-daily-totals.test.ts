import { readFileSync } from "node:fs";
import path from "node:path";
import { fc } from "@fast-check/vitest";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { reprocessDelivery } from "@/lib/callbacks/reprocess";
import { toKstCompact } from "@/lib/kst";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { assertRollupAfterRandomBatches, batchesOf } from "../support/rollups";

// approval_daily_totals must always equal a full aggregate of the approvals table, whatever
// arrives: new approvals, PaySsam's retries, cancellations, concurrent deliveries of the same
// approval, approvals near KST midnight, and operators reprocessing logged deliveries.

const database = setUpTestDatabase();

const fullAggregate = sql`
  SELECT ((appr_dt AT TIME ZONE 'UTC') + interval '9 hours')::date::text AS day, appr_state::text AS state,
    coalesce(appr_pay_type, '') AS pay_type, count(*)::text AS approvals, sum(appr_price)::text AS amount
  FROM approvals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const rollup = sql`
  SELECT day::text AS day, appr_state::text AS state, appr_pay_type AS pay_type, sum(approvals)::text AS approvals,
    sum(amount)::text AS amount
  FROM approval_daily_totals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

async function expectRollupExact() {
  const [expected, actual] = [await database.query(fullAggregate), await database.query(rollup)];
  expect(actual).toEqual(expected);
}

// A few bills, numbers and days, so that random callbacks collide: the same approval again
// (a retry), the same bill in another state (a cancellation), several at once.
const dayStart = Date.UTC(2026, 10, 23, 15, 0, 0); // 2026-11-24 00:00 KST
const callbackArbitrary = fc.record({
  bill: fc.integer({ min: 0, max: 7 }),
  state: fc.constantFrom("F", "F", "F", "W", "C", "D"),
  num: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  // Three KST days, with extra weight on the seconds around midnight.
  at: fc.oneof(
    fc.integer({ min: 0, max: 3 * 86_400 - 1 }),
    fc.constantFrom(86_399, 86_400, 2 * 86_400 - 1, 2 * 86_400),
  ),
  price: fc.integer({ min: 0, max: 9_999_999_999 }),
  payType: fc.option(fc.constantFrom("CARD_VAN", "KEYIN", "OFFLINE_CASH"), { nil: undefined }),
  copies: fc.integer({ min: 1, max: 3 }),
});

type Callback = typeof callbackArbitrary extends fc.Arbitrary<infer T> ? T : never;

function payloadOf(callback: Callback) {
  const payload: Record<string, unknown> = {
    ...sample("approval.card"),
    billId: `DT${callback.bill}`,
    apprState: callback.state,
    apprDt: toKstCompact(new Date(dayStart + callback.at * 1000)),
    apprPrice: String(callback.price),
  };
  if (callback.num === undefined) delete payload.apprNum;
  else payload.apprNum = `3001${callback.num}`;
  if (callback.payType === undefined) delete payload.apprPayType;
  else payload.apprPayType = callback.payType;
  return payload;
}

describe("approval_daily_totals", () => {
  it("equals a full aggregate after random callbacks: retries, cancellations, concurrent sends", async () => {
    const reset = () =>
      database.query(sql`TRUNCATE callback_deliveries, approvals, approval_daily_totals RESTART IDENTITY CASCADE`);
    const batches = batchesOf(callbackArbitrary, 12, 20);
    await assertRollupAfterRandomBatches(endpoints.approval, batches, payloadOf, reset, expectRollupExact);
  }, 180_000);

  it("counts a reprocessed delivery once, however often it is reprocessed", async () => {
    // A delivery that was refused then (say, before a validation fix) and is valid now.
    const body = JSON.stringify({ ...sample("approval.card"), billId: "DT-REPROCESS" });
    const [refused] = await database.query<{ id: string }>(sql`
      INSERT INTO callback_deliveries (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code)
      VALUES ('approval', '/api/callbacks/approval', ${body}, ${body.length}, 'rejected', 400, '1002') RETURNING id::text`);
    const outcomes = await Promise.all([1, 2, 3].map(() => reprocessDelivery(database.handle.db, Number(refused.id))));
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    await send(endpoints.approval, JSON.parse(body));
    await expectRollupExact();
    const [row] = await database.query<{ approvals: string; amount: string }>(
      sql`SELECT sum(approvals)::text AS approvals, sum(amount)::text AS amount FROM approval_daily_totals`,
    );
    expect(row).toEqual({ approvals: "1", amount: "125000" });
  });

  it("leaves the totals unchanged when the statement fails", async () => {
    await send(endpoints.approval, sample("approval.card"));
    // A delivery whose log row cannot be written (a reprocess_of pointing nowhere) rolls back the
    // whole statement: the approval and its totals with it.
    const { recordApproval } = await import("@/db/queries/record-approval");
    const { approvalCallbackSchema } = await import("@/lib/payssam/approval");
    const approval = approvalCallbackSchema.parse({ ...sample("approval.card"), billId: "DT-FAILS" });
    await expect(
      recordApproval(
        database.handle.db,
        {
          kind: "approval",
          endpoint: callbackEndpoint("approval").path,
          rawBody: "{}",
          bodyBytes: 2,
          remoteAddr: null,
          apiKeyVerified: false,
          subject: "DT-FAILS",
          reprocessOf: 999_999,
        },
        approval,
        { apiKeyMasked: null, payloadVersion: "v2" },
      ),
    ).rejects.toThrow();
    await expectRollupExact();
    const [row] = await database.query<{ approvals: string }>(
      sql`SELECT sum(approvals)::text AS approvals FROM approval_daily_totals`,
    );
    expect(row.approvals).toBe("1");
  });

  it("is backfilled exactly by its migration from the approvals already stored", async () => {
    for (const [index, state] of ["F", "F", "C", "W", "D"].entries()) {
      await send(endpoints.approval, { ...sample("approval.card"), billId: `DT-OLD-${index}`, apprState: state });
    }
    await send(endpoints.approval, { ...sample("approval.cash-receipt"), billId: "DT-OLD-CASH" });
    await database.query(sql`DELETE FROM approval_daily_totals`);
    const migration = readFileSync(path.join(process.cwd(), "db", "migrations", "0006_rollups.sql"), "utf8");
    const backfill = migration
      .split("--> statement-breakpoint")
      .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
      .filter((statement) => /^(LOCK TABLE "approvals"|INSERT INTO "approval_daily_totals")/.test(statement));
    expect(backfill).toHaveLength(2);
    await database.handle.db.transaction(async (tx) => {
      for (const statement of backfill) await tx.execute(sql.raw(statement));
    });
    await expectRollupExact();
    const [row] = await database.query<{ approvals: string }>(
      sql`SELECT sum(approvals)::text AS approvals FROM approval_daily_totals`,
    );
    expect(row.approvals).toBe("6");
  });
});

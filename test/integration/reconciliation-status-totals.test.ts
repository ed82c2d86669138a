import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getReconciliationSummary } from "@/db/queries/reconciliation";
import { success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { approvalInstant, postBills, reconcileAgainstFake, runCron, sendApproval } from "../support/reconcile";

// The 대사 summary over everything reads reconciliation_status_totals, kept by statement triggers
// (migration 0014): after registrations, callbacks, passes, deletes and a truncate it must say what
// counting the rows says.

const database = setUpTestDatabase();
const payssam = reconcileAgainstFake();

async function counted() {
  const rows = await database.query<{ status: string; count: number; amount: string }>(
    sql`select status::text, count(*)::int as count, sum(amount)::text as amount from reconciliations group by 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, { count: row.count, amount: Number(row.amount) }]));
}

async function summarised() {
  const summary = await getReconciliationSummary(database.handle.db, {});
  return Object.fromEntries(
    summary.byStatus
      .filter((row) => row.count !== 0 || row.amount !== 0)
      .map((row) => [row.status, { count: row.count, amount: row.amount }]),
  );
}

const bill = (billId: string, price: number) => ({ billId, memberId: "member-1", merchantId: "shop-1", price });

describe("the 대사 summary of everything", () => {
  it("agrees with the rows after registrations, callbacks, passes, a delete and a truncate", async () => {
    await postBills({
      bills: [bill("T-MATCH", 10000), bill("T-AMOUNT", 20000), bill("T-MISS", 30000), bill("T-W", 5)],
    });
    expect(await summarised()).toEqual(await counted());

    payssam.fake.setBill({
      billId: "T-MATCH",
      apprState: "F",
      apprPrice: 10000,
      apprNum: "N1",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({
      billId: "T-AMOUNT",
      apprState: "F",
      apprPrice: 25000,
      apprNum: "N2",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({
      billId: "T-MISS",
      apprState: "F",
      apprPrice: 30000,
      apprNum: "N3",
      apprDt: approvalInstant,
    });
    payssam.fake.setBill({ billId: "T-W", apprState: "W" });
    expect(await sendApproval("T-MATCH", 10000, "N1")).toEqual({ status: 200, body: success });
    expect(await sendApproval("T-AMOUNT", 20000, "N2")).toEqual({ status: 200, body: success });
    expect(await sendApproval("T-NOBILL", 7000, "N9")).toEqual({ status: 200, body: success });
    expect((await runCron()).status).toBe(200);
    const afterPass = await counted();
    expect(Object.keys(afterPass).sort()).toEqual([
      "matched",
      "mismatch",
      "missing_callback",
      "unpaid",
      "unregistered",
    ]);
    expect(await summarised()).toEqual(afterPass);

    // A second pass reads the unpaid bill again and changes nothing: the totals stay.
    expect((await runCron()).status).toBe(200);
    expect(await summarised()).toEqual(afterPass);

    await database.query(sql`delete from reconciliations where bill_id = 'T-W'`);
    expect(await summarised()).toEqual(await counted());
    await database.query(sql`truncate reconciliations`);
    expect(await summarised()).toEqual({});
  });
});

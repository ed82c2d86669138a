import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  getBillsPage,
  getMerchantApprovalsPage,
  getMerchantTotals,
  merchantApprovalsCondition,
  registerBills,
} from "@/db/queries/bills";
import { getBillTimeline, getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import { approvals } from "@/db/schema";
import { type BillInput, billSchema } from "@/lib/bills/bill";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

const bill = (overrides: Record<string, unknown> = {}): BillInput =>
  billSchema.parse({
    billId: "B0001",
    memberId: "member-1",
    merchantId: "shop-1",
    price: 12000,
    issuedAt: "20261201090000",
    expireDate: "2026-12-08",
    ...overrides,
  });

describe("registerBills", () => {
  it("accepts a new bill once, finds the same content unchanged, and refuses differing content by field", async () => {
    const db = await getDb();
    expect(await registerBills(db, [bill()], "api")).toEqual({ accepted: 1, unchanged: 0, refused: [] });
    expect(await registerBills(db, [bill()], "api")).toEqual({ accepted: 0, unchanged: 1, refused: [] });
    const again = await registerBills(db, [bill({ price: 13000, merchantId: "shop-2" })], "upload");
    expect(again.refused).toEqual([
      {
        billId: "B0001",
        index: 0,
        errors: [
          { path: "merchantId", message: expect.stringContaining("merchantId differs") },
          { path: "price", message: expect.stringContaining("price differs") },
        ],
      },
    ]);
    const [stored] = await database.query<{ price: string; status: string }>(
      sql`select b.price::text, r.status::text from bills b join reconciliations r using (bill_id)`,
    );
    expect(stored).toEqual({ price: "12000", status: "unpaid" });
  });

  it("compares a repeated billId within one request with its first occurrence", async () => {
    const db = await getDb();
    const result = await registerBills(db, [bill(), bill(), bill({ price: 1 })], "api");
    expect(result.accepted).toBe(1);
    expect(result.unchanged).toBe(1);
    expect(result.refused.map((refusal) => refusal.billId)).toEqual(["B0001"]);
  });

  it("leaves optional fields out of the comparison when a repeat omits them", async () => {
    const db = await getDb();
    await registerBills(db, [bill({ orderRef: "ORD-1" })], "api");
    const result = await registerBills(db, [bill({ issuedAt: undefined, expireDate: undefined })], "api");
    expect(result).toEqual({ accepted: 0, unchanged: 1, refused: [] });
  });
});

describe("bill lists and a merchant's approvals", () => {
  it("lists bills, sums reconciliation per status, and ties approvals to the merchant through its bill", async () => {
    const db = await getDb();
    const card = sample("approval.card");
    await registerBills(
      db,
      [bill({ billId: card.billId, price: 125000, issuedAt: "20261124150000" }), bill({ billId: "B0002" })],
      "api",
    );
    expect(await send(endpoints.approval, card)).toEqual({ status: 200, body: success });

    const page = await getBillsPage(db, { memberId: "member-1", merchantId: "shop-1", size: 10 });
    expect(page.rows.map((row) => row.billId)).toEqual(["B0002", card.billId]);

    const summary = await getReconciliationSummary(db, { from: "2026-11-01", to: "2026-12-31" });
    expect(summary.byStatus.find((row) => row.status === "unpaid")).toEqual({
      status: "unpaid",
      count: 2,
      amount: 137000,
    });
    expect(summary.atRisk).toEqual({ count: 0, amount: 0 });

    const list = await getReconciliationsPage(db, { status: "unpaid", from: "2026-12-01", size: 10 });
    expect(list.rows.map((row) => row.billId)).toEqual(["B0002"]);

    const approvalsPage = await getMerchantApprovalsPage(db, { memberId: "member-1", merchantId: "shop-1", size: 10 });
    expect(approvalsPage.rows.map((row) => row.billId)).toEqual([card.billId]);
    const totals = await getMerchantTotals(db, { memberId: "member-1", merchantId: "shop-1" });
    expect(totals).toEqual({ bills: 2, billed: 137000, byState: [{ apprState: "F", count: 1, sum: 125000 }] });
    const other = await db
      .select({ id: approvals.id })
      .from(approvals)
      .where(merchantApprovalsCondition({ memberId: "member-1", merchantId: "shop-9" }));
    expect(other).toEqual([]);

    const timeline = await getBillTimeline(db, String(card.billId));
    expect(timeline?.events.map((event) => event.kind)).toEqual(["issued", "callback"]);
    expect(await getBillTimeline(db, "nobody")).toBeNull();
  });
});

import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { registerBills } from "@/db/queries/bills-register";
import type { ApprovalState } from "@/db/schema";
import type { BillInput } from "@/lib/bills/bill";
import { env } from "@/lib/env";
import { FakePayssam } from "@/lib/fake-payssam/fake";
import { addDays, DAY_MS, formatKstDate, HOUR_MS } from "@/lib/kst";
import { createPayssamClient } from "@/lib/payssam/client";
import { type PassReport, runReconciliationPass } from "./run";

// The demo's bills (데모 데이터 넣기, `db:seed -- --demo`): a bill for every demo approval but one
// (미등록), PaySsam's record of each in an in-process fake, and a few more bills that show the other
// statuses: paid without a callback (recovered by the pass), one amount PaySsam records differently,
// unpaid, expired, and one PaySsam answers with an error. Then one real reconciliation pass.

export interface DemoReconciliation {
  bills: number;
  pass: PassReport;
}

const extras = { missing: 6, unpaid: 5, expired: 4 };

export async function seedDemoReconciliation(db: Database, options: { now: Date }): Promise<DemoReconciliation> {
  const { now } = options;
  const approvals = rowsOf<{
    bill_id: string;
    appr_state: ApprovalState;
    appr_price: string | number;
    appr_num: string | null;
    appr_dt: string | Date;
  }>(
    await db.execute(sql`
      SELECT DISTINCT ON (bill_id) bill_id, appr_state, appr_price, appr_num, appr_dt
      FROM approvals ORDER BY bill_id, appr_dt DESC, id DESC`),
  );
  const merchants = rowsOf<{ member_id: string; merchant_id: string }>(
    await db.execute(sql`SELECT member_id, merchant_id FROM merchants WHERE NOT is_deleted ORDER BY id LIMIT 40`),
  );
  const owners = merchants.length > 0 ? merchants : [{ member_id: "demo-member", merchant_id: "demo-shop" }];
  const owner = (index: number) => owners[index % owners.length];
  const fake = new FakePayssam();
  const bills: BillInput[] = [];
  const bill = (billId: string, index: number, price: number, issuedAt: Date, payableDays = 7): BillInput => ({
    billId,
    memberId: owner(index).member_id,
    merchantId: owner(index).merchant_id,
    price,
    issuedAt,
    expireDate: formatKstDate(addDays(issuedAt, payableDays)),
    orderRef: `ORD-${billId}`,
    productName: "데모 수강료",
  });

  approvals.forEach((approval, index) => {
    const price = Number(approval.appr_price);
    const paidAt = new Date(approval.appr_dt);
    // The first billId stays unregistered (미등록); the second is recorded by PaySsam for 1,000 won more.
    if (index === 0) return;
    bills.push(bill(approval.bill_id, index, price, new Date(paidAt.getTime() - 2 * HOUR_MS)));
    fake.setBill({
      billId: approval.bill_id,
      apprState: approval.appr_state,
      apprPrice: index === 1 ? price + 1000 : price,
      apprNum: approval.appr_num ?? undefined,
      apprDt: paidAt,
    });
  });
  for (let index = 0; index < extras.missing; index++) {
    const issuedAt = new Date(now.getTime() - (index + 1) * 9 * HOUR_MS);
    const billId = `DEMOMISS${index + 1}`;
    bills.push(bill(billId, index, 33000 + index * 1000, issuedAt));
    fake.setBill({
      billId,
      apprState: "F",
      apprPrice: 33000 + index * 1000,
      apprNum: `9${String(index).padStart(7, "0")}`,
      apprDt: new Date(issuedAt.getTime() + 30 * 60_000),
    });
  }
  for (let index = 0; index < extras.unpaid; index++) {
    const billId = `DEMOWAIT${index + 1}`;
    bills.push(bill(billId, index + 3, 45000, new Date(now.getTime() - (index + 1) * 5 * HOUR_MS)));
    fake.setBill({ billId, apprState: "W" });
  }
  for (let index = 0; index < extras.expired; index++) {
    const billId = `DEMOEXP${index + 1}`;
    bills.push(bill(billId, index + 5, 52000, new Date(now.getTime() - (14 + index) * DAY_MS), 3));
    fake.setBill({ billId, apprState: "W" });
  }
  bills.push(bill("DEMOERR1", 7, 61000, new Date(now.getTime() - 3 * HOUR_MS)));
  fake.setMode("error", "DEMOERR1");

  for (let start = 0; start < bills.length; start += 1000) {
    await registerBills(db, bills.slice(start, start + 1000), "demo");
  }
  // Due at the demo's own "now" (a test's fixed clock may lie behind the database's).
  await db.execute(
    sql`UPDATE reconciliations SET next_read_at = ${now.toISOString()}::timestamptz WHERE next_read_at IS NOT NULL`,
  );
  const client = createPayssamClient({
    base: "http://demo-payssam.local",
    apiKey: "demo",
    ratePerSecond: 1000,
    attempts: 1,
    fetch: fake.fetch,
  });
  const pass = await runReconciliationPass({
    db,
    client,
    intervalMinutes: env().RECONCILE_INTERVAL_MINUTES,
    alerts: false,
    settleMs: 0,
    concurrency: 4,
    now: () => now,
  });
  return { bills: bills.length, pass };
}

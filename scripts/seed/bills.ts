import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db";

// The bulk seed's bills (scale tests): one bill per seeded approval's billId, up to `bills`, owned by
// the live merchants in turn and already reconciled (일치), plus `openBills` bills PaySsam has not
// been read for yet (due now), to measure a reconciliation pass. Generated inside the database in
// one statement each: a million rows never pass through Node.

export interface BulkBillsSummary {
  bills: number;
  openBills: number;
  seconds: number;
}

export async function seedBulkBills(
  handle: DatabaseHandle,
  options: { bills: number; openBills: number },
): Promise<BulkBillsSummary> {
  const started = performance.now();
  const { db } = handle;
  const [registered] = rowsOf<{ count: number }>(
    await db.execute(sql`
      WITH owners AS (
        SELECT member_id, merchant_id, (row_number() OVER (ORDER BY id) - 1) AS n FROM merchants WHERE NOT is_deleted
      ),
      owner_count AS (SELECT greatest(count(*), 1) AS c FROM owners),
      paid AS (
        SELECT bill_id, appr_price, appr_dt, (row_number() OVER (ORDER BY bill_id) - 1) AS n FROM (
          SELECT DISTINCT ON (bill_id) bill_id, appr_price, appr_dt FROM approvals ORDER BY bill_id, id
        ) first_approval
        LIMIT ${options.bills}
      ),
      inserted AS (
        INSERT INTO bills (bill_id, member_id, merchant_id, price, issued_at, expire_date, source, created_at, updated_at)
        SELECT paid.bill_id, owners.member_id, owners.merchant_id, paid.appr_price, paid.appr_dt - interval '2 hours',
          ((paid.appr_dt at time zone 'UTC') + interval '9 hours')::date + 7, 'demo', paid.appr_dt, paid.appr_dt
        FROM paid JOIN owners ON owners.n = paid.n % (SELECT c FROM owner_count)
        ON CONFLICT ON CONSTRAINT bills_bill_id_key DO NOTHING
        RETURNING bill_id, member_id, merchant_id, price, issued_at
      ),
      reconciled AS (
        INSERT INTO reconciliations (bill_id, status, member_id, merchant_id, amount, issued_at, verified_at, last_read_at)
        SELECT bill_id, 'matched', member_id, merchant_id, price, issued_at, issued_at + interval '3 hours',
          issued_at + interval '3 hours'
        FROM inserted
        ON CONFLICT ON CONSTRAINT reconciliations_bill_id_key DO NOTHING
      )
      SELECT count(*)::int AS count FROM inserted`),
  );
  const [open] = rowsOf<{ count: number }>(
    await db.execute(sql`
      WITH owners AS (
        SELECT member_id, merchant_id, (row_number() OVER (ORDER BY id) - 1) AS n FROM merchants WHERE NOT is_deleted
      ),
      owner_count AS (SELECT greatest(count(*), 1) AS c FROM owners),
      inserted AS (
        INSERT INTO bills (bill_id, member_id, merchant_id, price, issued_at, expire_date, source)
        SELECT 'OPEN' || lpad(i::text, 12, '0'), coalesce(owners.member_id, 'bulk-member'),
          coalesce(owners.merchant_id, 'bulk-shop'), 10000 + (i % 90) * 1000, now() - interval '1 hour',
          ((now() at time zone 'UTC') + interval '9 hours')::date + 7, 'demo'
        FROM generate_series(1, ${options.openBills}) AS i
        LEFT JOIN owners ON owners.n = i % (SELECT c FROM owner_count)
        ON CONFLICT ON CONSTRAINT bills_bill_id_key DO NOTHING
        RETURNING bill_id, member_id, merchant_id, price, issued_at
      ),
      due AS (
        INSERT INTO reconciliations (bill_id, status, member_id, merchant_id, amount, issued_at, next_read_at)
        SELECT bill_id, 'unpaid', member_id, merchant_id, price, issued_at, now() FROM inserted
        ON CONFLICT ON CONSTRAINT reconciliations_bill_id_key DO NOTHING
      )
      SELECT count(*)::int AS count FROM inserted`),
  );
  // The seeded callbacks count as verified: a pass reads the open bills, not ten million old approvals.
  await db.execute(sql`
    INSERT INTO reconciliation_job (job, last_delivery_id)
    SELECT 'reconcile', coalesce(max(id), 0) FROM callback_deliveries
    ON CONFLICT (job) DO UPDATE SET last_delivery_id = excluded.last_delivery_id`);
  await db.execute(sql`ANALYZE bills`);
  await db.execute(sql`ANALYZE reconciliations`);
  return {
    bills: Number(registered.count),
    openBills: Number(open.count),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

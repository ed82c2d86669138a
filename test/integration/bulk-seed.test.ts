import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedBulk } from "@/scripts/seed/bulk";
import { tableOrder } from "@/scripts/seed/copy";
import { deferIndexes, restoreDeferredIndexes } from "@/scripts/seed/deferred-indexes";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

// The bulk seed (scripts/seed/): what it leaves behind must be what the migrations and the
// receiver would have made: the same indexes and constraints, exact daily totals, sequences past
// its ids.

const database = setUpTestDatabase();

const schemaShape = sql`
  SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  ORDER BY 1`;

const totalsMatchApprovals = sql`
  SELECT count(*)::int AS differences FROM (
    (SELECT day, appr_state, appr_pay_type, sum(approvals), sum(amount) FROM approval_daily_totals GROUP BY 1, 2, 3
     EXCEPT
     SELECT ((appr_dt at time zone 'UTC') + interval '9 hours')::date, appr_state, coalesce(appr_pay_type, ''),
       count(*), sum(appr_price) FROM approvals GROUP BY 1, 2, 3)
    UNION ALL
    (SELECT ((appr_dt at time zone 'UTC') + interval '9 hours')::date, appr_state, coalesce(appr_pay_type, ''),
       count(*), sum(appr_price) FROM approvals GROUP BY 1, 2, 3
     EXCEPT
     SELECT day, appr_state, appr_pay_type, sum(approvals), sum(amount) FROM approval_daily_totals GROUP BY 1, 2, 3)
  ) differences`;

async function differences() {
  const [row] = await database.query<{ differences: number }>(totalsMatchApprovals);
  return Number(row.differences);
}

describe("bulk seed", () => {
  it("into empty tables: builds the indexes after the load, exactly as the migrations made them", async () => {
    const before = await database.query(schemaShape);
    const summary = await seedBulk(database.handle, { approvals: 3000, merchants: 800, seed: "test" });
    expect(summary.deferredIndexes).toBe(true);
    expect(summary.approvals).toBe(3000);
    expect(await database.query(schemaShape)).toEqual(before);
    const [leftover] = await database.query<{ present: boolean }>(
      sql`SELECT to_regclass('bulk_seed_deferred_ddl') IS NOT NULL AS present`,
    );
    expect(leftover.present).toBe(false);
    expect(await differences()).toBe(0);
    const [counts] = await database.query<{ approvals: number; totals: number }>(sql`
      SELECT (SELECT count(*)::int FROM approvals) AS approvals,
        (SELECT sum(approvals)::int FROM approval_daily_totals) AS totals`);
    expect(counts).toEqual({ approvals: 3000, totals: 3000 });
    // merchant_status_counts holds the merchants' counts (rebuilt from the rows on PostgreSQL, kept by
    // the trigger on PGlite)...
    const [merchantCounts] = await database.query<{ counted: number; merchants: number }>(sql`
      SELECT (SELECT sum(merchants)::int FROM merchant_status_counts) AS counted,
        (SELECT count(*)::int FROM merchants) AS merchants`);
    expect(merchantCounts).toEqual({ counted: 800, merchants: 800 });
    // ...and no dead row versions for every count to read through (PostgreSQL's COPY used to fire the
    // trigger once per merchant, leaving one version each: minutes at 300,000 merchants).
    const [countsTable] = await database.query<{ pages: number }>(
      sql`SELECT (pg_relation_size('merchant_status_counts') / current_setting('block_size')::int)::int AS pages`,
    );
    expect(countsTable.pages).toBeLessThanOrEqual(1);
    const [trigger] = await database.query<{ enabled: string }>(
      sql`SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'merchant_status_counts_trigger'`,
    );
    expect(trigger.enabled).toBe("O");
    // The sequences are past the seeded ids: the receiver's next approval is stored.
    expect((await send(endpoints.approval, { ...sample("approval.card"), billId: "AFTER-SEED" })).body).toEqual(
      success,
    );
    expect(await differences()).toBe(0);
  });

  it("into tables that hold rows: keeps the indexes and adds to the totals", async () => {
    await send(endpoints.approval, sample("approval.card"));
    const before = await database.query(schemaShape);
    const summary = await seedBulk(database.handle, { approvals: 500, merchants: 20, seed: "second" });
    expect(summary.deferredIndexes).toBe(false);
    expect(await database.query(schemaShape)).toEqual(before);
    expect(await differences()).toBe(0);
  });

  it("restores what an interrupted seed left deferred", async () => {
    const before = await database.query(schemaShape);
    expect(await deferIndexes(database.handle, tableOrder)).toBeGreaterThan(10);
    expect(await database.query(schemaShape)).not.toEqual(before);
    expect(await restoreDeferredIndexes(database.handle)).toBeGreaterThan(10);
    expect(await database.query(schemaShape)).toEqual(before);
    expect(await restoreDeferredIndexes(database.handle)).toBe(0);
  });
});

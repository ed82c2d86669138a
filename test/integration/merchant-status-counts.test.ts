import { fc } from "@fast-check/vitest";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { assertRollupAfterRandomBatches, batchesOf } from "../support/rollups";

// merchant_status_counts (kept by a trigger on merchants) must always equal a count of the
// merchants table, whatever arrives: new merchants, status changes, deletions and re-openings,
// retries of the same callback and several callbacks about one merchant at once.

const database = setUpTestDatabase();

const fullCount = sql`
  SELECT is_deleted, review_status::text AS status, count(*)::text AS merchants
  FROM merchants GROUP BY 1, 2 ORDER BY 1, 2`;
const rollup = sql`
  SELECT is_deleted, review_status::text AS status, sum(merchants)::text AS merchants
  FROM merchant_status_counts GROUP BY 1, 2 HAVING sum(merchants) <> 0 ORDER BY 1, 2`;

async function expectCountsExact() {
  expect(await database.query(rollup)).toEqual(await database.query(fullCount));
}

const mappingArbitrary = fc.record({
  merchant: fc.integer({ min: 0, max: 5 }),
  status: fc.constantFrom("N", "W", "P", "R", "S", "O"),
  deleted: fc.boolean(),
  copies: fc.integer({ min: 1, max: 3 }),
});

type Mapping = typeof mappingArbitrary extends fc.Arbitrary<infer T> ? T : never;

function payloadOf(mapping: Mapping) {
  const base = sample("auth-mapping.live") as { merchant: Record<string, unknown> };
  return {
    ...base,
    merchantId: `store-${mapping.merchant}`,
    merchant: {
      ...base.merchant,
      reviewStatus: mapping.status,
      reviewMessage: mapping.status === "R" || mapping.status === "S" ? "서류를 다시 보내 주세요" : null,
      isDeleted: mapping.deleted ? "Y" : "N",
    },
  };
}

describe("merchant_status_counts", () => {
  it("equals a count of merchants after random link callbacks: changes, deletions, repeats, concurrent sends", async () => {
    const reset = () =>
      database.query(
        sql`TRUNCATE merchant_status_history, callback_deliveries, merchants, merchant_status_counts RESTART IDENTITY CASCADE`,
      );
    const batches = batchesOf(mappingArbitrary, 8, 15);
    await assertRollupAfterRandomBatches(endpoints.authMapping, batches, payloadOf, reset, expectCountsExact);
  }, 180_000);

  it("follows rows removed and changed outside the receiver", async () => {
    for (const mapping of [0, 1, 2].map((merchant) => ({
      merchant,
      status: "P" as const,
      deleted: false,
      copies: 1,
    }))) {
      await send(endpoints.authMapping, payloadOf(mapping));
    }
    await database.query(sql`DELETE FROM merchant_status_history`);
    await database.query(sql`DELETE FROM callback_deliveries`);
    await database.query(sql`DELETE FROM merchants WHERE merchant_id = 'store-0'`);
    await database.query(sql`UPDATE merchants SET review_status = 'O' WHERE merchant_id = 'store-1'`);
    await database.query(sql`UPDATE merchants SET company_name = '다른 이름' WHERE merchant_id = 'store-2'`);
    await expectCountsExact();
    expect(await database.query(rollup)).toEqual([
      { is_deleted: false, status: "O", merchants: "1" },
      { is_deleted: false, status: "P", merchants: "1" },
    ]);
  });
});

import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { type DatabaseHandle, rowsOf } from "@/db";
import { formatKstDate } from "@/lib/kst";
import { deferIndexes, restoreDeferredIndexes } from "./deferred-indexes";

// The bulk seed's bills (scale tests): one bill per seeded approval's billId, up to `bills`, owned by
// the live merchants in turn and already reconciled (일치), plus `openBills` bills PaySsam has not
// been read for yet (due now), to measure a reconciliation pass.
//
// Into empty tables on PostgreSQL (the scale case: a million bills) the rows are streamed with
// COPY ... FREEZE and the indexes built afterwards, as the approvals are (copy.ts): inserting them
// with their five indexes and two unique keys maintained row by row ran at a few hundred rows a
// second beside ten million approvals. Elsewhere (PGlite, or tables that already hold bills) each
// kind is one INSERT ... SELECT that skips billIds already registered.

export interface BulkBillsSummary {
  bills: number;
  openBills: number;
  seconds: number;
}

const billColumns = "bill_id, member_id, merchant_id, price, issued_at, expire_date, source, created_at, updated_at";
const reconciliationColumns =
  "bill_id, status, member_id, merchant_id, amount, issued_at, verified_at, last_read_at, next_read_at";

async function emptyBillTables(handle: DatabaseHandle): Promise<boolean> {
  const [row] = rowsOf<{ empty: boolean }>(
    await handle.db.execute(
      sql`SELECT NOT EXISTS (SELECT 1 FROM bills) AND NOT EXISTS (SELECT 1 FROM reconciliations) AS empty`,
    ),
  );
  return row.empty;
}

/** A COPY FREEZE into `table` on its own connection, in a transaction that truncated it first. */
async function frozenCopy(client: Sql, table: string, columns: string) {
  const connection = await client.reserve();
  await connection.unsafe("BEGIN");
  await connection.unsafe(`TRUNCATE ${table}`);
  const stream: Writable = await connection.unsafe(`COPY ${table} (${columns}) FROM STDIN (FREEZE)`).writable();
  let buffer = "";
  const flush = async () => {
    if (buffer === "") return;
    const chunk = buffer;
    buffer = "";
    if (!stream.write(chunk)) await once(stream, "drain");
  };
  return {
    async write(line: string) {
      buffer += line;
      if (buffer.length > 1 << 20) await flush();
    },
    async finish() {
      await flush();
      const finished = once(stream, "finish");
      stream.end();
      await finished;
      await connection.unsafe("COMMIT");
      connection.release();
    },
  };
}

/** COPY's text lines of a query, one at a time. */
async function* copyLines(client: Sql, query: string): AsyncGenerator<string> {
  const readable: Readable = await client.unsafe(`COPY (${query}) TO STDOUT`).readable();
  let rest = "";
  for await (const chunk of readable) {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    yield* lines;
  }
  if (rest !== "") yield rest;
}

async function copyBills(
  handle: DatabaseHandle,
  options: { bills: number; openBills: number },
): Promise<{ bills: number; openBills: number }> {
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const owners = rowsOf<{ member_id: string; merchant_id: string }>(
    await handle.db.execute(sql`SELECT member_id, merchant_id FROM merchants WHERE NOT is_deleted ORDER BY id`),
  ).map((owner) => `${owner.member_id}\t${owner.merchant_id}`);
  if (owners.length === 0) owners.push("bulk-member\tbulk-shop");
  await deferIndexes(handle, ["bills", "reconciliations"]);
  const bills = await frozenCopy(client, "bills", billColumns);
  const reconciliations = await frozenCopy(client, "reconciliations", reconciliationColumns);
  // Each seeded billId's first approval (billIds are unique per bill; a cancellation repeats one).
  // PostgreSQL writes the times in COPY's own format, so they go back in unparsed.
  const paid = copyLines(
    client,
    `SELECT bill_id, appr_price, appr_dt - interval '2 hours', ((appr_dt at time zone 'UTC') + interval '9 hours')::date + 7,
       appr_dt, appr_dt + interval '1 hour'
     FROM (SELECT DISTINCT ON (bill_id) bill_id, appr_price, appr_dt FROM approvals ORDER BY bill_id, id) first_approval
     ORDER BY bill_id LIMIT ${Number(options.bills)}`,
  );
  let registered = 0;
  for await (const line of paid) {
    const [billId, price, issuedAt, expireDate, approvedAt, verifiedAt] = line.split("\t");
    const owner = owners[registered % owners.length];
    registered++;
    await bills.write(
      `${billId}\t${owner}\t${price}\t${issuedAt}\t${expireDate}\tdemo\t${approvedAt}\t${approvedAt}\n`,
    );
    await reconciliations.write(
      `${billId}\tmatched\t${owner}\t${price}\t${issuedAt}\t${verifiedAt}\t${verifiedAt}\t\\N\n`,
    );
  }
  const now = new Date();
  const issuedAt = new Date(now.getTime() - 3_600_000).toISOString();
  const expireDate = formatKstDate(new Date(now.getTime() + 7 * 86_400_000));
  for (let index = 1; index <= options.openBills; index++) {
    const billId = `OPEN${String(index).padStart(12, "0")}`;
    const owner = owners[index % owners.length];
    const price = 10000 + (index % 90) * 1000;
    const created = now.toISOString();
    await bills.write(`${billId}\t${owner}\t${price}\t${issuedAt}\t${expireDate}\tdemo\t${created}\t${created}\n`);
    await reconciliations.write(`${billId}\tunpaid\t${owner}\t${price}\t${issuedAt}\t\\N\t\\N\t${created}\n`);
  }
  await bills.finish();
  await reconciliations.finish();
  await restoreDeferredIndexes(handle);
  return { bills: registered, openBills: options.openBills };
}

export async function seedBulkBills(
  handle: DatabaseHandle,
  options: { bills: number; openBills: number },
): Promise<BulkBillsSummary> {
  const started = performance.now();
  const { db } = handle;
  const counts =
    handle.driver === "postgres" && (await emptyBillTables(handle))
      ? await copyBills(handle, options)
      : await insertBills(handle, options);
  // The seeded callbacks count as verified: a pass reads the open bills, not ten million old approvals.
  await db.execute(sql`
    INSERT INTO reconciliation_job (job, last_delivery_id)
    SELECT 'reconcile', coalesce(max(id), 0) FROM callback_deliveries
    ON CONFLICT (job) DO UPDATE SET last_delivery_id = excluded.last_delivery_id`);
  await db.execute(sql`ANALYZE bills, reconciliations`);
  return {
    ...counts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

async function insertBills(
  handle: DatabaseHandle,
  options: { bills: number; openBills: number },
): Promise<{ bills: number; openBills: number }> {
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
  // Rows inserted (not frozen by COPY) are all-visible only after a vacuum, which the 대사 summary's
  // index-only scans need.
  await db.execute(sql`VACUUM bills, reconciliations`);
  return { bills: Number(registered.count), openBills: Number(open.count) };
}

import { availableParallelism } from "node:os";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db";
import { approvalDailyTotals } from "@/db/schema";
import { DAY_MS } from "@/lib/kst";
import { createRandom, generateApiKey, generateMerchant } from "@/lib/simulator";
import {
  type ApprovalSlice,
  approvalInstants,
  type SeededMerchant,
  type SliceResult,
  writeApprovalSlice,
} from "./approval-slice";
import { openWriter, tableOrder } from "./copy";
import { type DailyTotal, mergeDailyTotals } from "./daily-totals";
import { deferIndexes, restoreDeferredIndexes } from "./deferred-indexes";
import { writeMerchants } from "./merchants";
import { seedProgress } from "./progress";
import { runSliceWorker } from "./worker";

// Bulk seeding for scale tests (issues 5 and 12): years of history written straight into the
// tables with COPY, because going through the receiver (one round trip per callback, as the demo
// seed does) would take hours for ten million approvals. Payloads come from lib/simulator, the
// project's one source of realistic values; how they become stored values is checked against the
// receiver's own zod schema and masking on the first rows of every run (rows.ts), so stored rows
// are what the receiver would have stored. The rows are linked as the receiver links them: each
// approval has its accepted delivery (plus PaySsam's retries, logged as duplicates), each
// merchant its timeline of deliveries and status-history rows, and an approval's billId starts
// with the business number of the live merchant that billed it. approval_daily_totals gets the
// seeded approvals' sums, as the receiver's statement would have added them.
//
// The pieces: copy.ts (COPY writers), rows.ts (row mapping), merchants.ts and approval-slice.ts
// (what is generated), worker.ts (approval slices in worker threads), deferred-indexes.ts
// (indexes built after the load), bulk-cli.ts (the command line).

export interface BulkSeedOptions {
  approvals: number;
  merchants: number;
  /** Same seed, same data. */
  seed?: string;
  /** The end of the history; approvals span `years` before it. */
  now?: Date;
  years?: number;
  progress?: boolean;
  /** Worker threads for the approvals (default: one per core on PostgreSQL, none on PGlite). */
  threads?: number;
}

export interface BulkSeedSummary {
  approvals: number;
  merchants: number;
  deliveries: number;
  /** Deliveries the receiver would have refused (invalid fields), logged as rejected. */
  refusedDeliveries: number;
  statusChanges: number;
  seconds: number;
  /** Seconds per phase: merchants, approvals (generation and COPY), indexes, analyze. */
  phases: Record<string, number>;
  /** Whether indexes and foreign keys were built after the load (empty tables). */
  deferredIndexes: boolean;
}

export const bulkDefaults = {
  postgres: { approvals: 1_000_000, merchants: 100_000 },
  // PGlite is one single-threaded process that also serves the app: a tenth of the data.
  pglite: { approvals: 100_000, merchants: 10_000 },
} as const;

async function startingPoint(handle: DatabaseHandle) {
  const [start] = rowsOf<{ merchants: string; deliveries: string; approvals: string; history: string; empty: boolean }>(
    await handle.db.execute(sql`
      SELECT (SELECT coalesce(max(id), 0) FROM merchants)::text AS merchants,
        (SELECT coalesce(max(id), 0) FROM callback_deliveries)::text AS deliveries,
        (SELECT coalesce(max(id), 0) FROM approvals)::text AS approvals,
        (SELECT coalesce(max(id), 0) FROM merchant_status_history)::text AS history,
        NOT EXISTS (SELECT 1 FROM merchants) AND NOT EXISTS (SELECT 1 FROM callback_deliveries)
          AND NOT EXISTS (SELECT 1 FROM approvals) AND NOT EXISTS (SELECT 1 FROM merchant_status_history)
          AND NOT EXISTS (SELECT 1 FROM approval_daily_totals) AS empty`),
  );
  return start;
}

/** Adds the seeded approvals to approval_daily_totals, as the receiver's statement does one by one. */
async function addDailyTotals(handle: DatabaseHandle, totals: DailyTotal[]) {
  for (let index = 0; index < totals.length; index += 1000) {
    await handle.db
      .insert(approvalDailyTotals)
      // One writer: every sum goes to slot 0.
      .values(totals.slice(index, index + 1000).map((total) => ({ ...total, slot: 0 })))
      .onConflictDoUpdate({
        target: [
          approvalDailyTotals.apprState,
          approvalDailyTotals.day,
          approvalDailyTotals.apprPayType,
          approvalDailyTotals.slot,
        ],
        set: {
          approvals: sql`${approvalDailyTotals.approvals} + excluded.approvals`,
          amount: sql`${approvalDailyTotals.amount} + excluded.amount`,
        },
      });
  }
}

export async function seedBulk(handle: DatabaseHandle, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phaseStarted = started;
  const endPhase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round((now - phaseStarted) / 100) / 10;
    phaseStarted = now;
  };
  const progress = seedProgress(options.progress ?? false);
  const now = options.now ?? new Date();
  const years = options.years ?? 2;
  const historyStart = now.getTime() - years * 365 * DAY_MS;
  const { db } = handle;

  // A seed killed while its indexes were deferred left them recorded: restore them first.
  await restoreDeferredIndexes(handle, (label) => progress.step(`restoring ${label} (left by an interrupted seed)`));
  // Explicit ids (so deliveries can point at their approval without a round trip), continuing
  // after whatever the tables already hold; the sequences are moved past them at the end.
  const start = await startingPoint(handle);
  const deferred = start.empty && options.approvals + options.merchants > 0;
  if (deferred) await deferIndexes(handle, tableOrder);

  // A second seed into the same tables must not regenerate the first one's merchants and bills
  // (their unique keys would collide), so the rows already there are part of the seed.
  const random = createRandom(`${options.seed ?? "bulk"}:${start.merchants}:${start.approvals}`);
  const apiKey = generateApiKey(random);
  const writer = await openWriter(handle, { freeze: deferred });

  // Merchants first: their rows, status timelines and auth-mapping deliveries.
  progress.phase("merchants", options.merchants);
  const seededMerchants = await writeMerchants(
    writer,
    random,
    {
      count: options.merchants,
      historyStart,
      now: now.getTime(),
      after: { merchant: Number(start.merchants), delivery: Number(start.deliveries), history: Number(start.history) },
    },
    (written) => progress.update(written),
  );
  const merchantDeliveries = seededMerchants.last.delivery - Number(start.deliveries);
  endPhase("merchants");

  // Approvals, oldest first, so that ids rise with time as they do in a real table. Generating
  // them is most of the seed's work, so on PostgreSQL it is split over worker threads, one
  // consecutive stretch of time each; this thread only passes their rows on to COPY.
  progress.phase("approvals", options.approvals);
  const instants = approvalInstants(random, options.approvals, now, years);
  // Some billers are far busier than others: weight falls off with a random rank.
  const live = seededMerchants.live;
  const billers: SeededMerchant[] =
    live.length > 0 ? live : [{ merchant: generateMerchant(random), openedAt: historyStart }];
  const ranks = billers.map(() => random.next() * billers.length);
  const threads =
    options.threads ??
    (handle.driver === "postgres" && options.approvals >= 50_000 ? Math.max(1, availableParallelism()) : 1);
  const perSlice = Math.ceil(options.approvals / threads);
  const sliceProgress = new Array<number>(threads).fill(0);
  const firstApprovalId = Number(start.approvals);
  const firstDeliveryId = seededMerchants.last.delivery;
  const slices: ApprovalSlice[] = Array.from({ length: threads }, (_, index) => {
    const first = index * perSlice;
    const rows = Math.max(0, Math.min(perSlice, options.approvals - first));
    return {
      seed: `${options.seed ?? "bulk"}:${start.approvals}:slice-${index}`,
      apiKey,
      now: now.getTime(),
      instants: instants.slice(first, first + rows),
      afterApprovalId: firstApprovalId + first,
      // At most five deliveries per approval row: the first, three retries, one refused.
      afterDeliveryId: firstDeliveryId + first * 5,
      billers,
      ranks,
      checkRows: index === 0,
    };
  });
  const onProgress = (index: number, rows: number) => {
    sliceProgress[index] = rows;
    progress.update(sliceProgress.reduce((sum, value) => sum + value, 0));
  };
  const results: SliceResult[] =
    threads === 1
      ? [
          await writeApprovalSlice(
            slices[0],
            (table, values) => writer.write(table, values),
            (rows) => onProgress(0, rows),
          ),
        ]
      : await Promise.all(
          slices.map((slice, index) =>
            runSliceWorker(
              slice,
              (table, rows) => writer.writeEncoded(table, rows),
              (rows) => onProgress(index, rows),
            ),
          ),
        );
  await writer.finish();
  progress.update(options.approvals);
  endPhase("approvals");
  const written = results.reduce((sum, result) => sum + result.approvals, 0);
  const refused = results.reduce((sum, result) => sum + result.refused, 0);
  const approvalDeliveries = results.reduce((sum, result) => sum + result.deliveries, 0);
  const approvalId = firstApprovalId + written;
  const deliveryId = Math.max(firstDeliveryId, ...results.map((result) => result.lastDeliveryId));
  const { merchant: merchantId, history: historyId } = seededMerchants.last;
  await addDailyTotals(handle, mergeDailyTotals(results.map((result) => result.dailyTotals)));

  // Sequences past the explicit ids.
  for (const [table, last] of [
    ["merchants", merchantId],
    ["callback_deliveries", deliveryId],
    ["approvals", approvalId],
    ["merchant_status_history", historyId],
  ] as const) {
    await db.execute(sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${last}::bigint, ${last > 0})`);
  }
  if (deferred) {
    await restoreDeferredIndexes(handle, (label) => progress.step(`building ${label}`));
    endPhase("indexes");
  }
  // Fresh statistics so the planner knows the new sizes. Rows loaded with COPY FREEZE are already
  // all-visible, which the index-only scans of the dashboard's counts and sums rely on; rows
  // added to existing tables need a VACUUM to get there. The log tables only need statistics
  // (vacuuming gigabytes of them takes long).
  progress.step("analyze");
  const frozen = deferred && handle.driver === "postgres";
  await db.execute(frozen ? sql`ANALYZE merchants, approvals` : sql`VACUUM (ANALYZE) merchants, approvals`);
  await db.execute(
    sql`ANALYZE merchant_status_history, callback_deliveries, approval_daily_totals, merchant_status_counts`,
  );
  // Into tables that held rows, merchant_status_counts' trigger updated its few rows once per
  // merchant and status change: thousands of dead versions that every count reads through until
  // a vacuum, which may never come where autovacuum is off. FULL gives the pages back (a plain
  // vacuum leaves the empty ones, which a count still reads). Into empty tables the counts were
  // rebuilt instead (copy.ts) and left nothing to clean.
  if (!frozen) await db.execute(sql`VACUUM (FULL, ANALYZE) merchant_status_counts`);
  endPhase("analyze");
  progress.stop();

  return {
    approvals: written,
    merchants: options.merchants,
    deliveries: merchantDeliveries + approvalDeliveries,
    statusChanges: seededMerchants.statusChanges,
    refusedDeliveries: refused,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    phases,
    deferredIndexes: deferred,
  };
}

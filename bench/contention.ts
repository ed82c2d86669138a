import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db";
import { approvalRequests, describeRun, pooled, type RunFigures } from "./ingest";
import { runLoad } from "./load";
import { benchToken, type RunningServer } from "./servers";

// Row-lock contention on approval_daily_totals: every callback adds to the row of its KST day,
// state and pay type in its own statement, and holds that row's lock until it commits. The worst
// case is every concurrent callback on one row (today, F, CARD_VAN); the best, each on a row of
// its own (approval days spread over two years). Both through the app at full concurrency, in
// alternating rounds, while another connection samples how many of the database's backends are
// waiting for a lock.

export interface ContentionRun extends RunFigures {
  /** Mean number of backends waiting on a lock over the samples, and the samples taken. */
  meanLockWaiters: number;
  /** Share of samples in which at least one backend waited on a lock. */
  waitingShare: number;
  samples: number;
}

export interface ContentionFigures {
  concurrency: number;
  hot: ContentionRun;
  spread: ContentionRun;
  /** Hot-row throughput / spread throughput. */
  ratio: number;
}

export const contentionSizes = {
  full: { requests: 3000, rounds: 3, concurrency: 32 },
  smoke: { requests: 200, rounds: 1, concurrency: 32 },
} as const;

async function sampleLockWaits(handle: DatabaseHandle, databaseName: string, running: () => boolean) {
  let samples = 0;
  let waiters = 0;
  let withWaiters = 0;
  while (running()) {
    const [row] = rowsOf<{ waiting: number }>(
      await handle.db.execute(sql`
        SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting
        FROM pg_stat_activity
        WHERE datname = ${databaseName} AND backend_type = 'client backend' AND pid <> pg_backend_pid()`),
    );
    samples++;
    waiters += Number(row.waiting);
    if (Number(row.waiting) > 0) withWaiters++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { samples, waiters, withWaiters };
}

export async function benchContention(
  app: RunningServer,
  database: { handle: DatabaseHandle; name: string },
  sizes: { requests: number; rounds: number; concurrency: number },
  runId: string,
  log: (line: string) => void,
): Promise<ContentionFigures> {
  const path = `/api/callbacks/approval?token=${benchToken}`;
  const shapes = {
    hot: { seconds: 60, state: "F", payType: "CARD_VAN" },
    spread: { days: 730 },
  } as const;
  const results = {
    hot: [] as Awaited<ReturnType<typeof runLoad>>[],
    spread: [] as Awaited<ReturnType<typeof runLoad>>[],
  };
  const waits = { hot: { samples: 0, waiters: 0, withWaiters: 0 }, spread: { samples: 0, waiters: 0, withWaiters: 0 } };
  for (let round = 0; round < sizes.rounds; round++) {
    for (const name of ["hot", "spread"] as const) {
      const requests = approvalRequests(`${runId}:contention-${name}-${round}`, sizes.requests, path, shapes[name]);
      let running = true;
      const sampling = sampleLockWaits(database.handle, database.name, () => running);
      const result = await runLoad({
        origin: app.origin,
        requests,
        concurrency: sizes.concurrency,
        accept: (status, body) => status === 200 && body.includes('"code":"0000"'),
      });
      running = false;
      const sampled = await sampling;
      waits[name].samples += sampled.samples;
      waits[name].waiters += sampled.waiters;
      waits[name].withWaiters += sampled.withWaiters;
      results[name].push(result);
      log(`  rollup ${name.padEnd(6)} #${round + 1}: ${describeRun(result)}`);
    }
  }
  const run = (name: "hot" | "spread"): ContentionRun => {
    const { samples: _samples, ...figures } = pooled(results[name]);
    const sampled = waits[name];
    return {
      ...figures,
      meanLockWaiters: Math.round((sampled.waiters / Math.max(sampled.samples, 1)) * 100) / 100,
      waitingShare: Math.round((sampled.withWaiters / Math.max(sampled.samples, 1)) * 1000) / 1000,
      samples: sampled.samples,
    };
  };
  const hot = run("hot");
  const spread = run("spread");
  log(
    `  rollup contention: hot ${hot.throughput} vs spread ${spread.throughput} req/s; lock waiters ${hot.meanLockWaiters} vs ${spread.meanLockWaiters}`,
  );
  return {
    concurrency: sizes.concurrency,
    hot,
    spread,
    ratio: Math.round((hot.throughput / spread.throughput) * 1000) / 1000,
  };
}

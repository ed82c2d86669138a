import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";
import { type BenchRequest, type LoadResult, latencyOf, runLoad } from "./load";
import { benchToken, type RunningServer } from "./servers";

// Ingest: approval callbacks as PaySsam sends them (lib/simulator's payloads), to the app and to
// the bare baseline, which both write into the same tables of the same database.

export interface IngestSizes {
  warmup: number;
  sequential: number;
  concurrent: number;
  concurrency: number;
  /** Alternating app / baseline rounds of `concurrent` requests each. */
  rounds: number;
  duplicates: number;
}

export const ingestSizes: Record<"full" | "smoke", IngestSizes> = {
  full: { warmup: 500, sequential: 1000, concurrent: 5000, concurrency: 32, rounds: 3, duplicates: 1000 },
  smoke: { warmup: 50, sequential: 100, concurrent: 300, concurrency: 32, rounds: 1, duplicates: 100 },
};

export type RunFigures = Omit<LoadResult, "samples">;

export interface IngestFigures {
  sequential: { app: RunFigures; baseline: RunFigures };
  concurrent: {
    concurrency: number;
    app: RunFigures;
    baseline: RunFigures;
    /** App throughput / baseline throughput, over all rounds. */
    ratio: number;
    rounds: { app: number; baseline: number }[];
  };
  duplicates: { app: RunFigures };
}

const approvalPath = `/api/callbacks/approval?token=${benchToken}`;
const acceptedAnswer = (status: number, body: string) => status === 200 && body.includes('"code":"0000"');

/** `count` distinct approval callbacks; the seed keeps runs (and app vs baseline) apart. */
function approvalRequests(seed: string, count: number, path: string): BenchRequest[] {
  const random = createRandom(seed);
  const apiKey = generateApiKey(random);
  const now = Date.now();
  return Array.from({ length: count }, () => ({
    method: "POST" as const,
    path,
    body: JSON.stringify(generateApproval(random, { apiKey, approvedAt: new Date(now - random.int(0, 3600) * 1000) })),
  }));
}

function figures({ samples: _samples, ...rest }: LoadResult): RunFigures {
  return rest;
}

/** Several runs as one: requests and time add up, latencies are over every request. */
function pooled(results: LoadResult[]): LoadResult {
  const samples = results.flatMap((result) => result.samples);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  const failure = results.find((result) => result.firstFailure)?.firstFailure;
  return {
    requests: samples.length,
    ok: results.reduce((sum, result) => sum + result.ok, 0),
    seconds: Math.round(seconds * 100) / 100,
    throughput: Math.round(samples.length / seconds),
    latencyMs: latencyOf(samples),
    samples,
    ...(failure ? { firstFailure: failure } : {}),
  };
}

export async function benchIngest(
  app: RunningServer,
  baseline: RunningServer,
  sizes: IngestSizes,
  runId: string,
  log: (line: string) => void,
): Promise<IngestFigures> {
  const send = (server: RunningServer, requests: BenchRequest[], concurrency: number) =>
    runLoad({ origin: server.origin, requests, concurrency, accept: acceptedAnswer });
  const batch = (name: string, count: number, path = approvalPath) => approvalRequests(`${runId}:${name}`, count, path);

  // Warm both up (JIT, connection pools, Next.js's lazily loaded route bundles).
  await send(app, batch("warmup-app", sizes.warmup), 8);
  await send(baseline, batch("warmup-baseline", sizes.warmup, "/"), 8);

  // One at a time, as PaySsam calls.
  const sequentialRequests = batch("sequential-app", sizes.sequential);
  const sequentialApp = await send(app, sequentialRequests, 1);
  log(`  sequential app:      ${describeRun(sequentialApp)}`);
  const sequentialBaseline = await send(baseline, batch("sequential-baseline", sizes.sequential, "/"), 1);
  log(`  sequential baseline: ${describeRun(sequentialBaseline)}`);

  // Concurrent, alternating so that background load on the machine hits both alike.
  const appRounds: LoadResult[] = [];
  const baselineRounds: LoadResult[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    appRounds.push(await send(app, batch(`concurrent-app-${round}`, sizes.concurrent), sizes.concurrency));
    log(`  ${sizes.concurrency} concurrent app #${round + 1}:      ${describeRun(appRounds.at(-1)!)}`);
    baselineRounds.push(
      await send(baseline, batch(`concurrent-baseline-${round}`, sizes.concurrent, "/"), sizes.concurrency),
    );
    log(`  ${sizes.concurrency} concurrent baseline #${round + 1}: ${describeRun(baselineRounds.at(-1)!)}`);
  }
  const concurrentApp = pooled(appRounds);
  const concurrentBaseline = pooled(baselineRounds);

  // PaySsam's retries: the sequential approvals again, one at a time, now all duplicates.
  const duplicates = await send(app, sequentialRequests.slice(0, sizes.duplicates), 1);
  log(`  duplicates app:      ${describeRun(duplicates)}`);

  return {
    sequential: { app: figures(sequentialApp), baseline: figures(sequentialBaseline) },
    concurrent: {
      concurrency: sizes.concurrency,
      app: figures(concurrentApp),
      baseline: figures(concurrentBaseline),
      ratio: Math.round((concurrentApp.throughput / concurrentBaseline.throughput) * 1000) / 1000,
      rounds: appRounds.map((result, index) => ({
        app: result.throughput,
        baseline: baselineRounds[index].throughput,
      })),
    },
    duplicates: { app: figures(duplicates) },
  };
}

export function describeRun(result: LoadResult | RunFigures): string {
  const { p50, p95, p99 } = result.latencyMs;
  const failed = result.requests - result.ok;
  return (
    `${result.throughput} req/s, p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms` +
    (failed > 0 ? ` — ${failed} unexpected answers, first: ${result.firstFailure}` : "")
  );
}

import type { DatabaseHandle } from "@/db";
import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";
import { type CpuUse, startCpuMeter } from "./cpu";
import { type BenchRequest, type LoadResult, latencyOf, runLoad } from "./load";
import { benchToken, type RunningServer } from "./servers";

// Ingest: approval callbacks as PaySsam sends them (lib/simulator's payloads) to three servers in
// one run: the app's callback route, the same route's 405 answer to a GET (Next.js's own floor:
// routing, the handler, a JSON answer, no database), and the bare node:http baseline, which writes
// into the same tables of the same database. Alternating rounds, so that whatever else the shared
// machine does hits all three alike.

export interface IngestSizes {
  warmup: number;
  sequential: number;
  concurrent: number;
  concurrency: number;
  /** Alternating app / floor / baseline rounds of `concurrent` requests each. */
  rounds: number;
  duplicates: number;
}

export const ingestSizes: Record<"full" | "smoke", IngestSizes> = {
  full: { warmup: 500, sequential: 1000, concurrent: 5000, concurrency: 32, rounds: 3, duplicates: 1000 },
  smoke: { warmup: 50, sequential: 60, concurrent: 300, concurrency: 32, rounds: 1, duplicates: 60 },
};

export type RunFigures = Omit<LoadResult, "samples">;
export type ServerName = "app" | "floor" | "baseline";
type PerServer<Value> = Record<ServerName, Value>;

export interface CpuPerRequest {
  requests: number;
  /** CPU milliseconds per request of the server's process tree. */
  appMs: number;
  /** CPU milliseconds per request of the PostgreSQL backends serving it. */
  databaseMs: number;
}

export interface IngestFigures {
  /** One request at a time, as PaySsam calls: over a kept-alive connection, and a new one each. */
  sequential: { keepAlive: PerServer<RunFigures>; newConnection: PerServer<RunFigures> };
  concurrent: PerServer<RunFigures> & {
    concurrency: number;
    /** Throughput ratios over all rounds. */
    ratios: { appToFloor: number; appToBaseline: number; floorToBaseline: number };
    rounds: PerServer<number>[];
  };
  /** Measured over the concurrent rounds. */
  cpu: PerServer<CpuPerRequest>;
  /** Measured over the one-at-a-time keep-alive runs. */
  cpuOneAtATime: PerServer<CpuPerRequest>;
  duplicates: { app: RunFigures };
}

const approvalPath = `/api/callbacks/approval?token=${benchToken}`;
const accepted = (status: number, body: string) => status === 200 && body.includes('"code":"0000"');
const notAllowed = (status: number) => status === 405;

export interface ApprovalShape {
  /** Approval times: within the last hour (default), the last `seconds`, or `days` days before now. */
  seconds?: number;
  days?: number;
  state?: "F";
  payType?: "CARD_VAN";
}

/** `count` distinct approval callbacks; the seed keeps runs (and the servers) apart. */
export function approvalRequests(seed: string, count: number, path: string, shape: ApprovalShape = {}): BenchRequest[] {
  const random = createRandom(seed);
  const apiKey = generateApiKey(random);
  const now = Date.now();
  const spreadSeconds = shape.seconds ?? (shape.days ? shape.days * 86_400 : 3600);
  return Array.from({ length: count }, () => ({
    method: "POST" as const,
    path,
    body: JSON.stringify(
      generateApproval(random, {
        apiKey,
        approvedAt: new Date(now - random.int(0, spreadSeconds) * 1000),
        state: shape.state,
        payType: shape.payType,
      }),
    ),
  }));
}

function figures({ samples: _samples, ...rest }: LoadResult): RunFigures {
  return rest;
}

/** Several runs as one: requests and time add up, latencies are over every request. */
export function pooled(results: LoadResult[]): LoadResult {
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

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

const perRequest = (use: CpuUse & { requests: number }): CpuPerRequest => ({
  requests: use.requests,
  appMs: Math.round((use.appMs / use.requests) * 1000) / 1000,
  databaseMs: Math.round((use.databaseMs / use.requests) * 1000) / 1000,
});

export async function benchIngest(
  servers: { app: RunningServer; baseline: RunningServer },
  database: { handle: DatabaseHandle; name: string },
  sizes: IngestSizes,
  runId: string,
  log: (line: string) => void,
): Promise<IngestFigures> {
  const serverOf: PerServer<RunningServer> = { app: servers.app, floor: servers.app, baseline: servers.baseline };
  const requestsFor = (server: ServerName, name: string, count: number): BenchRequest[] =>
    server === "floor"
      ? Array.from({ length: count }, () => ({ method: "GET" as const, path: approvalPath }))
      : approvalRequests(`${runId}:${name}`, count, server === "app" ? approvalPath : "/");
  const send = (
    server: ServerName,
    requests: BenchRequest[],
    concurrency: number,
    connection: "keep-alive" | "new" = "keep-alive",
  ) =>
    runLoad({
      origin: serverOf[server].origin,
      requests,
      concurrency,
      connection,
      accept: server === "floor" ? notAllowed : accepted,
    });
  const names: ServerName[] = ["app", "floor", "baseline"];

  // Warm all up (JIT, connection pools, Next.js's lazily loaded route bundles).
  for (const server of names) await send(server, requestsFor(server, `warmup-${server}`, sizes.warmup), 8);

  // One at a time, as PaySsam calls: kept-alive connection, then a new connection per request.
  const keepAlive = {} as PerServer<RunFigures>;
  const newConnection = {} as PerServer<RunFigures>;
  const cpuOneAtATime = {} as PerServer<CpuPerRequest>;
  let appSequential: BenchRequest[] = [];
  for (const server of names) {
    const requests = requestsFor(server, `sequential-${server}`, sizes.sequential);
    if (server === "app") appSequential = requests;
    const meter = await startCpuMeter({ pid: serverOf[server].pid, database });
    keepAlive[server] = figures(await send(server, requests, 1));
    cpuOneAtATime[server] = perRequest({ ...(await meter.stop()), requests: requests.length });
    log(`  one at a time, keep-alive, ${server.padEnd(8)}: ${describeRun(keepAlive[server])}`);
  }
  for (const server of names) {
    const requests = requestsFor(server, `fresh-${server}`, sizes.sequential);
    newConnection[server] = figures(await send(server, requests, 1, "new"));
    log(`  one at a time, new connection, ${server.padEnd(8)}: ${describeRun(newConnection[server])}`);
  }

  // Concurrent, alternating, with the CPU each server (and its database backends) uses.
  const rounds: PerServer<LoadResult[]> = { app: [], floor: [], baseline: [] };
  const cpu: PerServer<CpuUse & { requests: number }> = {
    app: { appMs: 0, databaseMs: 0, requests: 0 },
    floor: { appMs: 0, databaseMs: 0, requests: 0 },
    baseline: { appMs: 0, databaseMs: 0, requests: 0 },
  };
  for (let round = 0; round < sizes.rounds; round++) {
    for (const server of names) {
      const requests = requestsFor(server, `concurrent-${server}-${round}`, sizes.concurrent);
      const meter = await startCpuMeter({ pid: serverOf[server].pid, database });
      rounds[server].push(await send(server, requests, sizes.concurrency));
      const used = await meter.stop();
      cpu[server].appMs += used.appMs;
      cpu[server].databaseMs += used.databaseMs;
      cpu[server].requests += requests.length;
      log(
        `  ${sizes.concurrency} concurrent ${server.padEnd(8)} #${round + 1}: ${describeRun(rounds[server].at(-1)!)}`,
      );
    }
  }
  const concurrent = {} as PerServer<LoadResult>;
  for (const server of names) concurrent[server] = pooled(rounds[server]);

  // PaySsam's retries: the sequential approvals again, one at a time, now all duplicates.
  const duplicates = await send("app", appSequential.slice(0, sizes.duplicates), 1);
  log(`  duplicates app: ${describeRun(duplicates)}`);

  return {
    sequential: { keepAlive, newConnection },
    concurrent: {
      concurrency: sizes.concurrency,
      app: figures(concurrent.app),
      floor: figures(concurrent.floor),
      baseline: figures(concurrent.baseline),
      ratios: {
        appToFloor: ratio(concurrent.app.throughput, concurrent.floor.throughput),
        appToBaseline: ratio(concurrent.app.throughput, concurrent.baseline.throughput),
        floorToBaseline: ratio(concurrent.floor.throughput, concurrent.baseline.throughput),
      },
      rounds: rounds.app.map((_, index) => ({
        app: rounds.app[index].throughput,
        floor: rounds.floor[index].throughput,
        baseline: rounds.baseline[index].throughput,
      })),
    },
    cpu: { app: perRequest(cpu.app), floor: perRequest(cpu.floor), baseline: perRequest(cpu.baseline) },
    cpuOneAtATime,
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

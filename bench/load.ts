import { Pool } from "undici";

// The load generator: an undici Pool of keep-alive connections (one per concurrent client, no
// pipelining), each request timed from send to the last byte of the answer.

export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  requests: number;
  /** Answers that were what the caller expected (`accept`). */
  ok: number;
  seconds: number;
  /** Requests per second over the whole run. */
  throughput: number;
  latencyMs: Latency;
  /** Every request's time to last byte, ms (not exported: the percentiles are). */
  samples: number[];
  /** The first unexpected answer, to show why a run failed. */
  firstFailure?: string;
}

/** Nearest-rank percentile of ascending `sorted` milliseconds. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

export async function runLoad(options: {
  origin: string;
  requests: readonly BenchRequest[];
  concurrency: number;
  accept: (status: number, body: string) => boolean;
}): Promise<LoadResult> {
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  const samples: number[] = [];
  let ok = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  async function client() {
    while (next < options.requests.length) {
      const request = options.requests[next++];
      const sent = performance.now();
      const answer = await pool.request({
        method: request.method,
        path: request.path,
        body: request.body,
        headers: request.body ? { "content-type": "application/json", ...request.headers } : request.headers,
      });
      const body = await answer.body.text();
      samples.push(performance.now() - sent);
      if (options.accept(answer.statusCode, body)) ok++;
      else firstFailure ??= `${request.method} ${request.path} → ${answer.statusCode} ${body.slice(0, 300)}`;
    }
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, client));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: options.requests.length,
    ok,
    seconds: Math.round(seconds * 100) / 100,
    throughput: Math.round(options.requests.length / seconds),
    latencyMs: latencyOf(samples),
    samples,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

import { request as httpRequest } from "node:http";
import { Pool } from "undici";

// The load generator: an undici Pool of keep-alive connections (one per concurrent client, no
// pipelining), each request timed from send to the last byte of the answer. With
// `connection: "new"`, every request opens its own TCP connection (node:http without an agent,
// `Connection: close`) and is timed from the connect, as a client without a connection pool
// (a plain HttpURLConnection or RestTemplate in a Java backend) calls.

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

/** One request on a connection of its own: connect, send, read the answer, close. */
function requestOnNewConnection(origin: string, request: BenchRequest): Promise<{ statusCode: number; body: string }> {
  const url = new URL(request.path, origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: request.method,
        agent: false,
        headers: {
          connection: "close",
          ...(request.body
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(request.body) }
            : {}),
          ...request.headers,
        },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => resolve({ statusCode: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        answer.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

export async function runLoad(options: {
  origin: string;
  requests: readonly BenchRequest[];
  concurrency: number;
  accept: (status: number, body: string) => boolean;
  /** "keep-alive" (default): a pool of reused connections; "new": a connection per request. */
  connection?: "keep-alive" | "new";
}): Promise<LoadResult> {
  const fresh = options.connection === "new";
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
      let answer: { statusCode: number; body: string };
      if (fresh) {
        answer = await requestOnNewConnection(options.origin, request);
      } else {
        const pooled = await pool.request({
          method: request.method,
          path: request.path,
          body: request.body,
          headers: request.body ? { "content-type": "application/json", ...request.headers } : request.headers,
        });
        answer = { statusCode: pooled.statusCode, body: await pooled.body.text() };
      }
      const { body } = answer;
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

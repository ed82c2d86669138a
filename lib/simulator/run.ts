import type { DeliverySequence, SimulatedDelivery } from "./plan";

// Sends a plan's sequences with bounded concurrency and sums up the answers. The transport is
// passed in: HTTP for `npm run simulate` and a running app, in-process for the seed script.

export interface DeliveryAnswer {
  /** HTTP status, or null when no answer came (connection reset, timeout). */
  status: number | null;
  /** The `code` of a JSON answer body. */
  code: string | null;
  latencyMs: number;
  /** Why no answer came, e.g. ECONNRESET. */
  error?: string;
}

export type SendDelivery = (delivery: SimulatedDelivery) => Promise<DeliveryAnswer>;

export interface AnsweredDelivery {
  delivery: SimulatedDelivery;
  answer: DeliveryAnswer;
}

export interface RunResult {
  answered: AnsweredDelivery[];
  elapsedMs: number;
}

export async function runSequences(
  sequences: DeliverySequence[],
  options: { concurrency: number; send: SendDelivery; onAnswer?: (answered: AnsweredDelivery) => void },
): Promise<RunResult> {
  const answered: AnsweredDelivery[] = [];
  const started = performance.now();
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker() {
    while (!failure && next < sequences.length) {
      const sequence = sequences[next++];
      for (const delivery of sequence) {
        if (failure) return;
        try {
          const answer = await options.send(delivery);
          answered.push({ delivery, answer });
          options.onAnswer?.({ delivery, answer });
        } catch (error) {
          // A transport that throws (app not running) ends the run: every other send would fail too.
          failure ??= { error };
          return;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, sequences.length)) }, worker));
  if (failure) throw failure.error;
  return { answered, elapsedMs: performance.now() - started };
}

/** Whether an answer is the one the receiver should give for what was sent. */
export function answerMatches({ delivery, answer }: AnsweredDelivery): boolean {
  switch (delivery.expected) {
    case "accepted":
    case "duplicate":
      return answer.status === 200 && answer.code === "0000";
    case "rejected":
      return answer.status !== null && answer.status >= 400 && answer.status < 500 && answer.status !== 401;
    case "unauthorized":
      return answer.status === 401;
  }
}

export interface RunSummary {
  sent: number;
  answered0000: number;
  /** Other answers, by `HTTP <status> code <code>`, and deliveries that got no answer, by error. */
  otherAnswers: Record<string, number>;
  /** Answers that differ from what the plan expected (a 0000 for a broken payload, an error for a valid one). */
  unexpected: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  elapsedMs: number;
  perSecond: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function summarize({ answered, elapsedMs }: RunResult): RunSummary {
  const otherAnswers: Record<string, number> = {};
  let answered0000 = 0;
  let unexpected = 0;
  for (const item of answered) {
    const { answer } = item;
    if (answer.status === 200 && answer.code === "0000") answered0000++;
    else {
      const key =
        answer.status === null ? `no answer (${answer.error})` : `HTTP ${answer.status} code ${answer.code ?? "—"}`;
      otherAnswers[key] = (otherAnswers[key] ?? 0) + 1;
    }
    if (!answerMatches(item)) unexpected++;
  }
  const latencies = answered
    .filter(({ answer }) => answer.status !== null)
    .map(({ answer }) => answer.latencyMs)
    .sort((a, b) => a - b);
  return {
    sent: answered.length,
    answered0000,
    otherAnswers,
    unexpected,
    latencyMs: {
      p50: round1(percentile(latencies, 0.5)),
      p95: round1(percentile(latencies, 0.95)),
      p99: round1(percentile(latencies, 0.99)),
      max: round1(latencies.at(-1) ?? 0),
    },
    elapsedMs: Math.round(elapsedMs),
    perSecond: round1(elapsedMs > 0 ? (answered.length * 1000) / elapsedMs : 0),
  };
}

export function formatSummary(summary: RunSummary, heading: string): string {
  const lines = [
    heading,
    `  sent            ${summary.sent}`,
    `  answered 0000   ${summary.answered0000}`,
    ...Object.entries(summary.otherAnswers)
      .sort(([, a], [, b]) => b - a)
      .map(([answer, count]) => `  ${answer.padEnd(15)} ${count}`),
    `  latency ms      p50 ${summary.latencyMs.p50}  p95 ${summary.latencyMs.p95}  p99 ${summary.latencyMs.p99}  max ${summary.latencyMs.max}`,
    `  throughput      ${summary.perSecond} callbacks/s over ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (summary.unexpected > 0)
    lines.push(`  UNEXPECTED      ${summary.unexpected} answers differ from what was expected`);
  return lines.join("\n");
}

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCpuMeter } from "./cpu";
import { approvalRequests } from "./ingest";
import { type BenchRequest, type Latency, runLoad } from "./load";
import { benchToken, type RunningServer } from "./servers";

// `npm run bench -- --against <ref>`: the callback's cost in this build beside another commit's, in
// one run. The other commit is built in a temporary git worktree (node_modules hard-linked from this
// one); each build gets a fresh database, and the two builds and the bare node:http + postgres.js
// baseline are measured in alternating turns, round after round, so that whatever else the shared
// machine does falls on all alike. CPU time (the server's process tree, from /proc) divided by
// requests is the steady figure on a busy machine; throughput and latency are given as min–max over
// the rounds.

export interface AgainstSizes {
  warmup: number;
  /** Requests per concurrent turn (callbacks, and as many GETs answered 405). */
  concurrent: number;
  concurrency: number;
  /** Requests per one-at-a-time turn over a kept-alive connection. */
  sequential: number;
  rounds: number;
}

export const againstSizes: Record<"full" | "smoke", AgainstSizes> = {
  full: { warmup: 300, concurrent: 5000, concurrency: 32, sequential: 500, rounds: 4 },
  smoke: { warmup: 20, concurrent: 100, concurrency: 32, sequential: 30, rounds: 1 },
};

/** A server under comparison: a build (its callback route and its 405) or the bare baseline. */
export interface Contender {
  label: string;
  /** The commit it was built from, when it is a build. */
  commit?: string;
  server: RunningServer;
  baseline?: boolean;
}

type Mode = "concurrent" | "oneAtATime";
type Target = "callback" | "notAllowed";

/** One turn: one server, one mode, one target, with the CPU its processes used. */
export interface Turn {
  round: number;
  contender: string;
  mode: Mode;
  target: Target;
  requests: number;
  ok: number;
  throughput: number;
  latencyMs: Latency;
  /** The server's process tree, user + system, milliseconds per request. */
  cpuMsPerRequest: number;
  firstFailure?: string;
}

const callbackPath = `/api/callbacks/approval?token=${benchToken}`;
const accepted = (status: number, body: string) => status === 200 && body.includes('"code":"0000"');
const notAllowed = (status: number) => status === 405;

function requestsFor(contender: Contender, target: Target, seed: string, count: number): BenchRequest[] {
  if (target === "notAllowed") return Array.from({ length: count }, () => ({ method: "GET", path: callbackPath }));
  return approvalRequests(seed, count, contender.baseline ? "/" : callbackPath);
}

async function turn(
  contender: Contender,
  mode: Mode,
  target: Target,
  requests: BenchRequest[],
  concurrency: number,
  round: number,
): Promise<Turn> {
  const meter = await startCpuMeter({ pid: contender.server.pid });
  const result = await runLoad({
    origin: contender.server.origin,
    requests,
    concurrency: mode === "concurrent" ? concurrency : 1,
    accept: target === "callback" ? accepted : notAllowed,
  });
  const used = await meter.stop();
  return {
    round,
    contender: contender.label,
    mode,
    target,
    requests: result.requests,
    ok: result.ok,
    throughput: result.throughput,
    latencyMs: result.latencyMs,
    cpuMsPerRequest: Math.round((used.appMs / result.requests) * 1000) / 1000,
    ...(result.firstFailure ? { firstFailure: result.firstFailure } : {}),
  };
}

/**
 * Every contender through every turn, alternating: within a round each (mode, target) pair visits
 * the contenders one after another, and the order turns around every round.
 */
export async function compareContenders(
  contenders: Contender[],
  sizes: AgainstSizes,
  runId: string,
  log: (line: string) => void,
): Promise<Turn[]> {
  for (const contender of contenders) {
    await runLoad({
      origin: contender.server.origin,
      requests: requestsFor(contender, "callback", `${runId}:warmup:${contender.label}`, sizes.warmup),
      concurrency: 8,
      accept: accepted,
    });
    if (!contender.baseline) {
      await runLoad({
        origin: contender.server.origin,
        requests: requestsFor(contender, "notAllowed", "", sizes.warmup),
        concurrency: 8,
        accept: notAllowed,
      });
    }
  }
  const plan: [Mode, Target][] = [
    ["concurrent", "callback"],
    ["concurrent", "notAllowed"],
    ["oneAtATime", "callback"],
    ["oneAtATime", "notAllowed"],
  ];
  const turns: Turn[] = [];
  for (let round = 1; round <= sizes.rounds; round++) {
    const order = round % 2 === 1 ? contenders : [...contenders].reverse();
    for (const [mode, target] of plan) {
      for (const contender of order) {
        if (contender.baseline && target === "notAllowed") continue;
        const count = mode === "concurrent" ? sizes.concurrent : sizes.sequential;
        const requests = requestsFor(contender, target, `${runId}:${round}:${mode}:${contender.label}`, count);
        const done = await turn(contender, mode, target, requests, sizes.concurrency, round);
        turns.push(done);
        log(
          `  round ${round} ${contender.label.padEnd(22)} ${mode === "concurrent" ? `${sizes.concurrency} concurrent` : "one at a time"} ` +
            `${target === "callback" ? "callback" : "GET→405"}: ${done.throughput} req/s, p50 ${done.latencyMs.p50} ms, ` +
            `CPU ${done.cpuMsPerRequest} ms/request${done.ok < done.requests ? ` — ${done.requests - done.ok} unexpected, first: ${done.firstFailure}` : ""}`,
        );
      }
    }
  }
  return turns;
}

export interface Range {
  min: number;
  max: number;
}

export interface ContenderSummary {
  label: string;
  commit?: string;
  baseline: boolean;
  concurrency: number;
  /** Per round, min–max: throughput at `concurrency`, of callbacks and of the route's GET → 405. */
  callbacksPerSecond: Range;
  notAllowedPerSecond?: Range;
  /** Callbacks/s ÷ 405s/s of the same round. */
  ratio?: Range;
  /** One at a time over a kept-alive connection, per round. */
  oneAtATime: { p50: Range; p95: Range; p99: Range; notAllowedP50?: Range };
  /** CPU ms per request of the server's process tree: per round min–max, and over all rounds. */
  cpu: {
    concurrent: CpuFigures;
    oneAtATime: CpuFigures;
  };
  unexpectedAnswers: number;
}

export interface CpuFigures {
  callback: Range & { overall: number };
  notAllowed?: Range & { overall: number };
  /** Callback minus 405, over all rounds: what the callback's own work costs above the framework. */
  aboveNotAllowed?: number;
}

const range = (values: number[]): Range => ({ min: Math.min(...values), max: Math.max(...values) });
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function cpuFigures(turns: Turn[], mode: Mode): CpuFigures {
  const of = (target: Target) => turns.filter((entry) => entry.mode === mode && entry.target === target);
  const overall = (list: Turn[]) =>
    round3(
      list.reduce((sum, entry) => sum + entry.cpuMsPerRequest * entry.requests, 0) /
        list.reduce((sum, entry) => sum + entry.requests, 0),
    );
  const callbacks = of("callback");
  const refusals = of("notAllowed");
  const callback = { ...range(callbacks.map((entry) => entry.cpuMsPerRequest)), overall: overall(callbacks) };
  if (refusals.length === 0) return { callback };
  const notAllowed = { ...range(refusals.map((entry) => entry.cpuMsPerRequest)), overall: overall(refusals) };
  return { callback, notAllowed, aboveNotAllowed: round3(callback.overall - notAllowed.overall) };
}

export function summarize(contenders: Contender[], turns: Turn[], concurrency: number): ContenderSummary[] {
  return contenders.map((contender) => {
    const mine = turns.filter((entry) => entry.contender === contender.label);
    const pick = (mode: Mode, target: Target) => mine.filter((entry) => entry.mode === mode && entry.target === target);
    const concurrentCallbacks = pick("concurrent", "callback");
    const concurrentRefusals = pick("concurrent", "notAllowed");
    const sequential = pick("oneAtATime", "callback");
    const sequentialRefusals = pick("oneAtATime", "notAllowed");
    const latency = (key: keyof Latency) => range(sequential.map((entry) => entry.latencyMs[key]));
    return {
      label: contender.label,
      ...(contender.commit ? { commit: contender.commit } : {}),
      baseline: Boolean(contender.baseline),
      concurrency,
      callbacksPerSecond: range(concurrentCallbacks.map((entry) => entry.throughput)),
      ...(concurrentRefusals.length > 0
        ? {
            notAllowedPerSecond: range(concurrentRefusals.map((entry) => entry.throughput)),
            ratio: range(
              concurrentCallbacks.map((entry, index) =>
                round3(entry.throughput / concurrentRefusals[index].throughput),
              ),
            ),
          }
        : {}),
      oneAtATime: {
        p50: latency("p50"),
        p95: latency("p95"),
        p99: latency("p99"),
        ...(sequentialRefusals.length > 0
          ? { notAllowedP50: range(sequentialRefusals.map((entry) => entry.latencyMs.p50)) }
          : {}),
      },
      cpu: { concurrent: cpuFigures(mine, "concurrent"), oneAtATime: cpuFigures(mine, "oneAtATime") },
      unexpectedAnswers: mine.reduce((sum, entry) => sum + entry.requests - entry.ok, 0),
    };
  });
}

const shown = (value: Range, unit = "") =>
  value.min === value.max
    ? `${value.min.toLocaleString("en")}${unit}`
    : `${value.min.toLocaleString("en")}–${value.max.toLocaleString("en")}${unit}`;

/** The comparison as the issue's table, then the one-at-a-time CPU and the targets. */
export function comparisonMarkdown(summaries: ContenderSummary[], sizes: AgainstSizes, header: string): string {
  const builds = summaries.filter((summary) => !summary.baseline);
  const baseline = summaries.find((summary) => summary.baseline);
  const name = (summary: ContenderSummary) =>
    summary.commit ? `${summary.label} (\`${summary.commit.slice(0, 7)}\`)` : summary.label;
  const n = sizes.concurrency;
  const lines = [
    header,
    "",
    `${sizes.rounds} alternating rounds; each round ${sizes.concurrent.toLocaleString("en")} callbacks and as many GETs at ${n} concurrent, ` +
      `and ${sizes.sequential} of each one at a time over a kept-alive connection, per server. Ranges are min–max over the rounds; ` +
      "CPU is the server's process tree (user + system, /proc) over the turns ÷ requests (per-round min–max, then over all rounds).",
    "",
    `| build | callbacks/s at ${n} | the same route's GET → 405 | ratio | one at a time p50 / p95 / p99 | app CPU per callback / per 405 / above the 405 (at ${n}) |`,
    "|---|---|---|---|---|---|",
    ...builds.map((summary) => {
      const cpu = summary.cpu.concurrent;
      return (
        `| ${name(summary)} | ${shown(summary.callbacksPerSecond)} | ${summary.notAllowedPerSecond ? shown(summary.notAllowedPerSecond) : "—"} | ` +
        `${summary.ratio ? shown(summary.ratio) : "—"} | ${shown(summary.oneAtATime.p50)} / ${shown(summary.oneAtATime.p95)} / ${shown(summary.oneAtATime.p99)} ms | ` +
        `${cpu.callback.overall} / ${cpu.notAllowed?.overall ?? "—"} / **${cpu.aboveNotAllowed ?? "—"} ms** |`
      );
    }),
    ...(baseline
      ? [
          `| bare node:http + postgres.js insert | ${shown(baseline.callbacksPerSecond)} | — | — | ${shown(baseline.oneAtATime.p50)} / ${shown(baseline.oneAtATime.p95)} / ${shown(baseline.oneAtATime.p99)} ms | ${baseline.cpu.concurrent.callback.overall} / — / — ms |`,
        ]
      : []),
    "",
    "| build | CPU per callback at " +
      `${n} (rounds) | per 405 at ${n} (rounds) | CPU per callback one at a time (rounds) | per 405 one at a time (rounds) | above the 405, one at a time | 405 one at a time p50 |`,
    "|---|---|---|---|---|---|---|",
    ...summaries.map((summary) => {
      const { concurrent, oneAtATime } = summary.cpu;
      const ms = (figures: (Range & { overall: number }) | undefined) =>
        figures ? `${figures.overall} (${shown(figures)})` : "—";
      return (
        `| ${summary.baseline ? "bare node:http + postgres.js insert" : name(summary)} | ${ms(concurrent.callback)} | ${ms(concurrent.notAllowed)} | ` +
        `${ms(oneAtATime.callback)} | ${ms(oneAtATime.notAllowed)} | ${oneAtATime.aboveNotAllowed ?? "—"} | ${summary.oneAtATime.notAllowedP50 ? `${shown(summary.oneAtATime.notAllowedP50)} ms` : "—"} |`
      );
    }),
  ];
  const checks = targetChecks(summaries);
  if (checks.length > 0) {
    lines.push(
      "",
      "| target (issue 20) | build | measured | |",
      "|---|---|---|---|",
      ...checks.map(
        (check) => `| ${check.target} | ${check.build} | ${check.measured} | ${check.holds ? "holds" : "**missed**"} |`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

export function targetChecks(summaries: ContenderSummary[]) {
  const baseline = summaries.find((summary) => summary.baseline);
  return summaries
    .filter((summary) => !summary.baseline)
    .flatMap((summary) => {
      const above = summary.cpu.concurrent.aboveNotAllowed ?? Number.NaN;
      const checks = [
        {
          target: "CPU per callback above the route's 405 ≤ 0.5 ms",
          build: summary.label,
          measured: `${above} ms`,
          holds: above <= 0.5,
        },
        {
          target: `at ${summary.concurrency} concurrent ≥ 0.7× the 405's rate`,
          build: summary.label,
          measured: summary.ratio ? `${shown(summary.ratio)}×` : "—",
          holds: (summary.ratio?.min ?? 0) >= 0.7,
        },
      ];
      if (baseline) {
        const ratio = Math.round((summary.oneAtATime.p50.max / baseline.oneAtATime.p50.min) * 100) / 100;
        checks.push({
          target: "one at a time p50 ≤ 3× the bare insert's",
          build: summary.label,
          measured: `${shown(summary.oneAtATime.p50)} ms vs ${shown(baseline.oneAtATime.p50)} ms (≤ ${ratio}×)`,
          holds: ratio <= 3,
        });
      }
      return checks;
    });
}

// ─── Building the other commit ──────────────────────────────────────────────────────────────────

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

function git(args: string[]): string {
  const result = spawnSync("git", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export function resolveCommit(ref: string): string {
  return git(["rev-parse", "--verify", `${ref}^{commit}`]);
}

/**
 * A production build of `commit` in a git worktree under the temp directory. A worktree already
 * holding a finished build of the same commit (kept by an earlier --keep-build run) is reused.
 */
export function buildCommit(commit: string, log: (line: string) => void): { dir: string; remove: () => void } {
  const dir = path.join(os.tmpdir(), `payssam-bench-against-${commit.slice(0, 12)}`);
  const marker = path.join(dir, ".bench-built");
  const remove = () => {
    spawnSync("git", ["worktree", "remove", "--force", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
    spawnSync("git", ["worktree", "prune"], { stdio: "ignore" });
  };
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === commit) {
    log(`Reusing the build of ${commit.slice(0, 7)} in ${dir}`);
    return { dir, remove };
  }
  remove();
  log(`Building ${commit.slice(0, 7)} in ${dir}…`);
  git(["worktree", "add", "--detach", dir, commit]);
  // Turbopack does not resolve through a symlinked node_modules: a hard-linked copy costs no space.
  run("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")], process.cwd());
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], dir, {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  writeFileSync(marker, `${commit}\n`);
  return { dir, remove };
}

/** Applies a build's own migrations to a fresh database (its scripts/migrate.ts). */
export function migrateWith(appDir: string, databaseUrl: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.PGLITE_DIR;
  run(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], appDir, env);
}

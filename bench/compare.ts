import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  againstSizes,
  buildCommit,
  type Contender,
  type ContenderSummary,
  compareContenders,
  comparisonMarkdown,
  migrateWith,
  resolveCommit,
  summarize,
  type Turn,
  targetChecks,
} from "./against";
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase } from "./database";
import { type RunningServer, startApp, startBaseline } from "./servers";

// The --against run: this build, another commit's build, and the bare baseline, each on a fresh
// database of its own on the same PostgreSQL server, measured in alternating turns (against.ts).

export interface ComparisonOptions {
  /** A git ref to build and compare with; or `otherDir`, a directory already holding a build. */
  ref?: string;
  otherDir?: string;
  appDir: string;
  serverUrl: string;
  port: number;
  smoke: boolean;
  rounds?: number;
  /** Requests per concurrent turn and per one-at-a-time turn. */
  turnRequests?: number[];
  keep: boolean;
  keepBuild: boolean;
  resultsDir: string;
  logDir: string;
  log: (line: string) => void;
}

export interface ComparisonResults {
  runAt: string;
  mode: "full" | "smoke";
  machine: { cpus: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  thisCommit: string;
  sizes: typeof againstSizes.full;
  summaries: ContenderSummary[];
  turns: Turn[];
}

const describeHead = () => {
  try {
    return resolveCommit("HEAD");
  } catch {
    return "unknown";
  }
};

export async function runComparison(options: ComparisonOptions): Promise<{ problems: string[]; file: string }> {
  const { log } = options;
  const sizes = { ...againstSizes[options.smoke ? "smoke" : "full"] };
  if (options.rounds) sizes.rounds = options.rounds;
  const [concurrent, sequential] = options.turnRequests ?? [];
  if (concurrent) sizes.concurrent = concurrent;
  if (sequential) sizes.sequential = sequential;
  const runAt = new Date().toISOString();
  const otherCommit = options.ref ? resolveCommit(options.ref) : undefined;
  const other = otherCommit
    ? buildCommit(otherCommit, log)
    : { dir: path.resolve(options.otherDir ?? ""), remove() {} };
  const thisCommit = describeHead();
  const stamp = benchDatabaseName(new Date(runAt));
  const databases = { this: `${stamp}_this`, other: `${stamp}_other`, baseline: `${stamp}_bare` };
  const stops: (() => Promise<void>)[] = [];
  const results: ComparisonResults = {
    runAt,
    mode: options.smoke ? "smoke" : "full",
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    thisCommit,
    sizes,
    summaries: [],
    turns: [],
  };
  try {
    for (const name of Object.values(databases)) await createDatabase(options.serverUrl, name);
    const url = (name: string) => databaseUrl(options.serverUrl, name);
    // Each build on the schema its own migrations make; the baseline on this one's.
    migrateWith(options.appDir, url(databases.this));
    migrateWith(other.dir, url(databases.other));
    migrateWith(options.appDir, url(databases.baseline));
    const started = async (server: Promise<RunningServer>) => {
      const running = await server;
      stops.unshift(running.stop);
      return running;
    };
    const otherLabel = options.ref ? `--against ${options.ref}` : "--against-dir";
    const contenders: Contender[] = [
      {
        label: "this build",
        commit: thisCommit,
        server: await started(
          startApp(options.appDir, options.port, { databaseUrl: url(databases.this) }, options.logDir),
        ),
      },
      {
        label: otherLabel,
        ...(otherCommit ? { commit: otherCommit } : {}),
        server: await started(
          startApp(
            other.dir,
            options.port + 1,
            { databaseUrl: url(databases.other) },
            options.logDir,
            undefined,
            "app-other",
          ),
        ),
      },
      {
        label: "bare baseline",
        baseline: true,
        server: await started(startBaseline(process.cwd(), options.port + 2, url(databases.baseline), options.logDir)),
      },
    ];
    log(
      `Comparing ${contenders.map((contender) => `${contender.label} (PID ${contender.server.pid}, ${contender.server.origin})`).join(", ")}:`,
    );
    results.turns = await compareContenders(contenders, sizes, runAt, log);
    results.summaries = summarize(contenders, results.turns, sizes.concurrency);
  } finally {
    for (const stop of stops) await stop().catch(() => {});
    if (!options.keep) {
      for (const name of Object.values(databases)) await dropDatabase(options.serverUrl, name).catch(() => {});
    } else log(`Databases kept: ${Object.values(databases).join(", ")}`);
    if (otherCommit && !options.keepBuild) other.remove();
  }
  results.machine.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);

  const header =
    `Run ${runAt} (${results.mode}); this build \`${thisCommit.slice(0, 7)}\` against ${otherCommit ? `\`${otherCommit.slice(0, 7)}\` (${options.ref})` : other.dir}; ` +
    `${results.machine.cpus} cores, Node ${results.machine.node}; load average ${results.machine.loadAverageAtStart.join(" / ")} at start, ` +
    `${results.machine.loadAverageAtEnd.join(" / ")} at end.`;
  const markdown = comparisonMarkdown(results.summaries, sizes, header);
  mkdirSync(options.resultsDir, { recursive: true });
  const base = `${runAt.slice(0, 16).replace("T", "-").replace(":", "")}-against-${otherCommit ? otherCommit.slice(0, 7) : "dir"}`;
  const file = path.join(options.resultsDir, base);
  writeFileSync(
    `${file}.json`,
    `${JSON.stringify({ ...results, targets: targetChecks(results.summaries) }, null, 2)}\n`,
  );
  writeFileSync(`${file}.md`, markdown);
  log(`\n${markdown}`);
  log(`Results: ${file}.json, ${file}.md`);

  const problems = results.summaries.flatMap((summary) => [
    ...(summary.unexpectedAnswers > 0 ? [`${summary.label}: ${summary.unexpectedAnswers} unexpected answers`] : []),
    ...(summary.cpu.concurrent.callback.overall > 0 ? [] : [`${summary.label}: CPU per callback not measured`]),
  ]);
  if (results.summaries.length === 0) problems.push("no comparison was measured");
  return { problems, file };
}

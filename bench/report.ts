import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ContentionFigures } from "./contention";
import type { TableSizes } from "./database";
import type { ExportFigures } from "./export";
import type { IngestFigures, RunFigures } from "./ingest";
import type { PageFigures } from "./pages";
import type { ProfileSummary } from "./profile-summary";
import type { TargetCheck } from "./targets";

// The benchmark's figures, written as JSON (every number) and as the markdown tables bench/README.md
// Performance section shows. The targets are checked in targets.ts.

export interface BenchResults {
  runAt: string;
  mode: "full" | "smoke";
  seconds?: number;
  machine: {
    cpus: number;
    memoryGiB: number;
    node: string;
    postgres: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd?: number[];
  };
  seed?: { seconds: number; approvalsPerSecond: number; phases?: Record<string, number> };
  data?: TableSizes;
  ingest?: IngestFigures;
  contention?: ContentionFigures;
  profile?: (ProfileSummary & { file: string })[];
  pages?: PageFigures[];
  exports?: ExportFigures[];
  embedded?: { data: TableSizes; pages: PageFigures[] };
  targets?: TargetCheck[];
}

function runRow(name: string, run: RunFigures) {
  const { p50, p95, p99 } = run.latencyMs;
  return `| ${name} | ${run.requests} | ${run.throughput} | ${p50} | ${p95} | ${p99} |`;
}

function pagesTable(pages: PageFigures[]) {
  return [
    "| page | p50 ms | p95 ms | SQL ms | page/SQL | plan |",
    "|---|---:|---:|---:|---:|---|",
    ...pages.map(
      (page) =>
        `| ${page.name} | ${page.latencyMs.p50} | ${page.latencyMs.p95} | ${page.sqlMs ?? "—"} | ${page.ratio ?? "—"} | ${
          page.sqlMs === null
            ? "—"
            : page.seqScans.length > 0
              ? `**Seq Scan ${page.seqScans.join(", ")}**`
              : page.boundedSeqScans.length > 0
                ? `bounded Seq Scan ${page.boundedSeqScans.join(", ")}`
                : "no seq scan"
        } |`,
    ),
  ];
}

function ingestTables(ingest: IngestFigures): string[] {
  const { keepAlive, newConnection } = ingest.sequential;
  const { concurrent, cpu } = ingest;
  const n = concurrent.concurrency;
  return [
    "| ingest (approval callbacks) | requests | req/s | p50 ms | p95 ms | p99 ms |",
    "|---|---:|---:|---:|---:|---:|",
    runRow("app, one at a time, keep-alive", keepAlive.app),
    runRow("app, one at a time, new connection each", newConnection.app),
    runRow("405 floor, one at a time, keep-alive", keepAlive.floor),
    runRow("405 floor, one at a time, new connection each", newConnection.floor),
    runRow("baseline, one at a time, keep-alive", keepAlive.baseline),
    runRow("baseline, one at a time, new connection each", newConnection.baseline),
    runRow(`app, ${n} concurrent`, concurrent.app),
    runRow(`405 floor, ${n} concurrent`, concurrent.floor),
    runRow(`baseline, ${n} concurrent`, concurrent.baseline),
    runRow("app, duplicates one at a time, keep-alive", ingest.duplicates.app),
    "",
    `Throughput ratios at ${n} concurrent, side by side in this run: app / floor **${concurrent.ratios.appToFloor}×**, ` +
      `app / baseline **${concurrent.ratios.appToBaseline}×**, floor / baseline **${concurrent.ratios.floorToBaseline}×** ` +
      `(rounds app/floor/baseline: ${concurrent.rounds.map((round) => `${round.app}/${round.floor}/${round.baseline}`).join(", ")} req/s).`,
    "",
    `| CPU per request | app process ms at ${n} | PostgreSQL backends ms at ${n} | app process ms one at a time | PostgreSQL backends ms one at a time |`,
    "|---|---:|---:|---:|---:|",
    ...(["app", "floor", "baseline"] as const).map((server) => {
      const single = ingest.cpuOneAtATime?.[server];
      return `| ${{ app: "app callback", floor: "405 floor", baseline: "baseline" }[server]} | ${cpu[server].appMs} | ${cpu[server].databaseMs} | ${single?.appMs ?? "—"} | ${single?.databaseMs ?? "—"} |`;
    }),
    "",
    `App CPU per callback above its 405: **${Math.round((cpu.app.appMs - cpu.floor.appMs) * 1000) / 1000} ms** at ${n} concurrent` +
      (ingest.cpuOneAtATime
        ? `, ${Math.round((ingest.cpuOneAtATime.app.appMs - ingest.cpuOneAtATime.floor.appMs) * 1000) / 1000} ms one at a time.`
        : "."),
  ];
}

function contentionTable(contention: ContentionFigures): string[] {
  const row = (name: string, run: ContentionFigures["hot"]) =>
    `| ${name} | ${run.requests} | ${run.throughput} | ${run.latencyMs.p50} | ${run.latencyMs.p99} | ${run.meanLockWaiters} | ${Math.round(run.waitingShare * 100)} % |`;
  return [
    `Row-lock contention on approval_daily_totals, app at ${contention.concurrency} concurrent:`,
    "",
    "| callbacks | requests | req/s | p50 ms | p99 ms | mean backends waiting on a lock | samples with a waiter |",
    "|---|---:|---:|---:|---:|---:|---:|",
    row("all on one row (today, F, CARD_VAN)", contention.hot),
    row("spread over two years", contention.spread),
    "",
    `Hot row / spread throughput: **${contention.ratio}×**.`,
  ];
}

function profileLines(profiles: NonNullable<BenchResults["profile"]>): string[] {
  return profiles.flatMap((profile) => [
    `CPU profile of the app during ingest (${path.basename(profile.file)}, ${profile.totalMs} ms busy), self time by origin:`,
    "",
    "| origin | ms | share |",
    "|---|---:|---:|",
    ...profile.byOrigin.slice(0, 15).map((row) => `| ${row.origin} | ${row.ms} | ${row.share} % |`),
    "",
    "| function (self time) | origin | ms | share |",
    "|---|---|---:|---:|",
    ...profile.byFunction.slice(0, 20).map((row) => `| \`${row.name}\` | ${row.origin} | ${row.ms} | ${row.share} % |`),
    "",
  ]);
}

export function markdownReport(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, data } = results;
  lines.push(
    `Run ${results.runAt} (${results.mode}); ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}; ` +
      `load average ${machine.loadAverageAtStart.join(" / ")} at start, ${machine.loadAverageAtEnd?.join(" / ") ?? "?"} at end.`,
  );
  if (data) {
    const phases = results.seed?.phases
      ? `; ${Object.entries(results.seed.phases)
          .map(([phase, seconds]) => `${phase} ${seconds} s`)
          .join(", ")}`
      : "";
    lines.push(
      "",
      `Data: ${data.approvals.toLocaleString("en")} approvals, ${data.merchants.toLocaleString("en")} merchants, ` +
        `${data.callbackDeliveries.toLocaleString("en")} callback deliveries` +
        (results.seed
          ? ` (bulk seed: ${results.seed.seconds} s, ${results.seed.approvalsPerSecond} approvals/s${phases}).`
          : "."),
    );
  }
  if (results.ingest) lines.push("", ...ingestTables(results.ingest));
  if (results.contention) lines.push("", ...contentionTable(results.contention));
  if (results.profile && results.profile.length > 0) lines.push("", ...profileLines(results.profile));
  if (results.pages) lines.push("", ...pagesTable(results.pages));
  for (const figures of results.exports ?? []) {
    lines.push(
      "",
      `${figures.format.toUpperCase()} export (${figures.path}): ${figures.rows.toLocaleString("en")} rows (${Math.round(figures.bytes / 2 ** 20)} MB) ` +
        `in ${figures.seconds} s, **${figures.rowsPerSecond.toLocaleString("en")} rows/s**; server memory ${figures.rssBeforeMb} MB before, ` +
        `peak ${figures.peakMb} MB (growth ${figures.growthMb} MB).`,
    );
  }
  if (results.embedded) {
    lines.push(
      "",
      `Embedded (PGlite), ${results.embedded.data.approvals.toLocaleString("en")} approvals, ${results.embedded.data.merchants.toLocaleString("en")} merchants:`,
      "",
      ...pagesTable(results.embedded.pages),
    );
  }
  if (results.targets && results.targets.length > 0) {
    lines.push(
      "",
      "| target | measured | |",
      "|---|---|---|",
      ...results.targets.map(
        (check) => `| ${check.target} | ${check.measured} | ${check.holds ? "holds" : "**missed**"} |`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

export function writeResults(results: BenchResults, directory: string, name?: string) {
  mkdirSync(directory, { recursive: true });
  const base = name ?? results.runAt.slice(0, 16).replace("T", "-").replace(":", "");
  const jsonFile = path.join(directory, `${base}.json`);
  const markdownFile = path.join(directory, `${base}.md`);
  const markdown = markdownReport(results);
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdownFile, markdown);
  return { jsonFile, markdownFile, markdown };
}

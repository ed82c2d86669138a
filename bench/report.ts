import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TableSizes } from "./database";
import type { IngestFigures, RunFigures } from "./ingest";
import type { ExportFigures, PageFigures } from "./pages";

// The benchmark's figures: checked against issue 5's targets, written as JSON (every number)
// and as the markdown table the README's Performance section shows.

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
  seed?: { seconds: number; approvalsPerSecond: number };
  data?: TableSizes;
  ingest?: IngestFigures;
  pages?: PageFigures[];
  export?: ExportFigures;
  embedded?: { data: TableSizes; pages: PageFigures[] };
  targets?: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  holds: boolean;
}

const ms = (value: number) => `${value} ms`;

export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ingest = results.ingest;
  if (ingest) {
    const single = ingest.sequential.app.latencyMs;
    checks.push({ target: "one callback at a time: p99 ≤ 10 ms", measured: ms(single.p99), holds: single.p99 <= 10 });
    const concurrent = ingest.concurrent;
    checks.push({
      target: `${concurrent.concurrency} concurrent: throughput ≥ 0.25× baseline`,
      measured: `${concurrent.ratio}× (${concurrent.app.throughput} vs ${concurrent.baseline.throughput} req/s)`,
      holds: concurrent.ratio >= 0.25,
    });
    checks.push({
      target: `${concurrent.concurrency} concurrent: p99 ≤ 50 ms`,
      measured: ms(concurrent.app.latencyMs.p99),
      holds: concurrent.app.latencyMs.p99 <= 50,
    });
    // "As fast": within a quarter of the new approvals' median, or a millisecond (timer noise).
    const duplicate = ingest.duplicates.app.latencyMs.p50;
    checks.push({
      target: "duplicates as fast as new (p50 within 25 % or 1 ms)",
      measured: `${ms(duplicate)} vs ${ms(single.p50)}`,
      holds: duplicate <= Math.max(single.p50 * 1.25, single.p50 + 1),
    });
  }
  const pages = results.pages;
  if (pages && pages.length > 0) {
    const slow = pages.filter((page) => !(page.latencyMs.p95 <= 150));
    checks.push({
      target: "every page p95 ≤ 150 ms (PostgreSQL)",
      measured: slow.length === 0 ? `max ${ms(Math.max(...pages.map((page) => page.latencyMs.p95)))}` : names(slow),
      holds: slow.length === 0,
    });
    const overSql = pages.filter((page) => page.ratio === null || page.ratio > 2);
    checks.push({
      target: "every page p50 ≤ 2× its SQL time",
      measured: overSql.length === 0 ? "all" : `${overSql.length} of ${pages.length} over: ${names(overSql, "p50")}`,
      holds: overSql.length === 0,
    });
    const scans = pages.filter((page) => page.seqScans.length > 0);
    checks.push({
      target: "no Seq Scan reading > 20,000 rows of approvals or merchants",
      measured:
        scans.length === 0 ? "none" : scans.map((page) => `${page.name}: ${page.seqScans.join(", ")}`).join("; "),
      holds: scans.length === 0,
    });
    // p50 and SQL time: with 20 requests a page, p95 is the second-slowest and one hiccup of a
    // shared machine decides it; what keyset pagination promises is the same work per page.
    for (const [first, deep] of deepPairs(pages)) {
      const sameSql =
        deep.sqlMs === null || first.sqlMs === null || deep.sqlMs <= Math.max(first.sqlMs * 1.25, first.sqlMs + 1);
      checks.push({
        target: `deep page as fast as page 1 (${deep.name}: p50 and SQL within 25 % or 5 ms / 1 ms)`,
        measured: `p50 ${ms(deep.latencyMs.p50)} vs ${ms(first.latencyMs.p50)}, SQL ${deep.sqlMs ?? "—"} vs ${first.sqlMs ?? "—"} ms`,
        holds: sameSql && deep.latencyMs.p50 <= Math.max(first.latencyMs.p50 * 1.25, first.latencyMs.p50 + 5),
      });
    }
  }
  if (results.export) {
    checks.push({
      target: "CSV export: server memory growth < 200 MB",
      measured: `${results.export.growthMb} MB for ${results.export.rows} rows`,
      holds: results.export.growthMb < 200,
    });
  }
  const embedded = results.embedded?.pages;
  if (embedded && embedded.length > 0) {
    const slow = embedded.filter((page) => !(page.latencyMs.p95 <= 400));
    checks.push({
      target: "PGlite: every page p95 ≤ 400 ms",
      measured: slow.length === 0 ? `max ${ms(Math.max(...embedded.map((page) => page.latencyMs.p95)))}` : names(slow),
      holds: slow.length === 0,
    });
  }
  return checks;
}

const names = (pages: PageFigures[], percentile: "p50" | "p95" = "p95") =>
  pages
    .map(
      (page) =>
        `${page.name} (${percentile} ${page.latencyMs[percentile]} ms${page.sqlMs === null ? "" : `, SQL ${page.sqlMs} ms`})`,
    )
    .join(", ");

/** Each deep page with the page 1 of the same list (named "<list> page 1" / "<list> deep page"). */
function deepPairs(pages: PageFigures[]): [PageFigures, PageFigures][] {
  return pages.flatMap((deep) => {
    if (!deep.name.endsWith("deep page")) return [];
    const first = pages.find((page) => page.name === deep.name.replace("deep page", "page 1"));
    return first ? [[first, deep] as [PageFigures, PageFigures]] : [];
  });
}

const isFinitePositive = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value >= 0;

function runProblems(name: string, run: RunFigures | undefined): string[] {
  if (!run) return [`${name}: missing`];
  const problems: string[] = [];
  if (run.ok !== run.requests)
    problems.push(`${name}: ${run.requests - run.ok} unexpected answers (${run.firstFailure})`);
  if (![run.throughput, run.latencyMs.p50, run.latencyMs.p95, run.latencyMs.p99].every(isFinitePositive)) {
    problems.push(`${name}: figures missing`);
  }
  return problems;
}

function pageProblems(scope: string, pages: PageFigures[] | undefined): string[] {
  if (!pages || pages.length === 0) return [`${scope}: no pages measured`];
  return pages.flatMap((page) => [
    ...runProblems(`${scope} ${page.name}`, { ...page, throughput: 0, seconds: 0 }),
    ...(page.sqlMs === null && scope === "pages" ? [`${scope} ${page.name}: no SQL time`] : []),
  ]);
}

/** What a run should have produced but did not: what the smoke test fails on. */
export function missingFigures(results: BenchResults, parts: Set<string>): string[] {
  const problems: string[] = [];
  if (parts.has("ingest")) {
    const ingest = results.ingest;
    problems.push(
      ...runProblems("sequential app", ingest?.sequential.app),
      ...runProblems("sequential baseline", ingest?.sequential.baseline),
      ...runProblems("concurrent app", ingest?.concurrent.app),
      ...runProblems("concurrent baseline", ingest?.concurrent.baseline),
      ...runProblems("duplicates", ingest?.duplicates.app),
    );
    if (!isFinitePositive(ingest?.concurrent.ratio)) problems.push("ratio app/baseline: missing");
  }
  if (parts.has("pages")) problems.push(...pageProblems("pages", results.pages));
  if (parts.has("export")) {
    const figures = results.export;
    if (!figures || !isFinitePositive(figures.seconds) || !isFinitePositive(figures.growthMb) || figures.rows <= 0) {
      problems.push("export: figures missing");
    }
  }
  if (parts.has("embedded")) problems.push(...pageProblems("embedded", results.embedded?.pages));
  return problems;
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

export function markdownReport(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, data } = results;
  lines.push(
    `Run ${results.runAt} (${results.mode}); ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}; ` +
      `load average ${machine.loadAverageAtStart.join(" / ")} at start, ${machine.loadAverageAtEnd?.join(" / ") ?? "?"} at end.`,
  );
  if (data) {
    lines.push(
      "",
      `Data: ${data.approvals.toLocaleString("en")} approvals, ${data.merchants.toLocaleString("en")} merchants, ` +
        `${data.callbackDeliveries.toLocaleString("en")} callback deliveries` +
        (results.seed
          ? ` (bulk seed: ${results.seed.seconds} s, ${results.seed.approvalsPerSecond} approvals/s).`
          : "."),
    );
  }
  const ingest = results.ingest;
  if (ingest) {
    lines.push(
      "",
      "| ingest (approval callbacks) | requests | req/s | p50 ms | p95 ms | p99 ms |",
      "|---|---:|---:|---:|---:|---:|",
      runRow("app, one at a time", ingest.sequential.app),
      runRow("baseline, one at a time", ingest.sequential.baseline),
      runRow(`app, ${ingest.concurrent.concurrency} concurrent`, ingest.concurrent.app),
      runRow(`baseline, ${ingest.concurrent.concurrency} concurrent`, ingest.concurrent.baseline),
      runRow("app, duplicates one at a time", ingest.duplicates.app),
      "",
      `App / baseline throughput at ${ingest.concurrent.concurrency} concurrent: **${ingest.concurrent.ratio}×** ` +
        `(rounds: ${ingest.concurrent.rounds.map((round) => `${round.app}/${round.baseline}`).join(", ")} req/s).`,
    );
  }
  if (results.pages) lines.push("", ...pagesTable(results.pages));
  if (results.export) {
    const figures = results.export;
    lines.push(
      "",
      `CSV export: ${figures.rows.toLocaleString("en")} rows (${Math.round(figures.bytes / 2 ** 20)} MB) in ${figures.seconds} s; ` +
        `server memory ${figures.rssBeforeMb} MB before, peak ${figures.peakMb} MB (growth ${figures.growthMb} MB).`,
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
      "| target (issue 5) | measured | |",
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

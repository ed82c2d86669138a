import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { parseFlags, parseOrExplain, UsageError, wholeNumberFlag } from "@/scripts/cli";
import { bulkDefaults, seedBulk } from "@/scripts/seed/bulk";
import { runComparison } from "./compare";
import { benchContention, contentionSizes } from "./contention";
import {
  benchDatabaseName,
  createDatabase,
  databaseExists,
  databaseUrl,
  dropDatabase,
  postgresVersion,
  tableSizes,
} from "./database";
import { benchExport, exportFilter, liveMerchants } from "./export";
import { benchIngest, ingestSizes } from "./ingest";
import { benchEmbedded, benchPages, createBenchUser, type PageSizes, pageSizes, signIn } from "./pages";
import { summarizeProfile } from "./profile-summary";
import { type BenchResults, writeResults } from "./report";
import { startApp, startBaseline } from "./servers";
import { missingFigures, targetChecks } from "./targets";

// `npm run bench` (issues 5 and 12): ingest against three servers (the app, its 405 floor, the bare
// baseline), row-lock contention on the daily totals, pages, exports and the embedded database,
// against a production build and a freshly seeded PostgreSQL database. `--smoke` is the CI-sized run.

// Every export the dashboard offers: the approvals exports with the same filter, the merchants one
// over every live merchant (its page has no date filter).
const exportRoutes = ["/api/export/approvals", "/api/export/approvals/xlsx", "/api/export/merchants/xlsx"];

const usage = `Usage: npm run bench -- [--smoke] [--reuse DB] [--keep] [--build] [--app-dir DIR] [--only PARTS]
       npm run bench -- --against REF [--rounds N] [--keep-build] [--smoke] [--build] [--app-dir DIR]
  --against REF    compare the callback's cost with commit REF's (built in a temporary git worktree): both
                   builds and the bare baseline, each on a fresh database, in alternating turns
  --against-dir D  the same against a build already in directory D (the smoke compares this build with itself)
  --rounds N       alternating rounds of the comparison (default 4; smoke 1)
  --turn-requests C,S   requests per concurrent turn and per one-at-a-time turn (default 5000,500)
  --keep-build     keep REF's worktree and build in ${"$"}TMPDIR for the next --against run of the same commit
  --smoke          CI-sized: small data, a few seconds per part; fails unless every figure was produced
  --reuse DB       use an already seeded database DB (next to BENCH_DATABASE_URL) instead of a fresh one
  --keep           keep the fresh database afterwards (it is dropped otherwise), to --reuse it later
  --build          build the app first, in a copy (${"$"}TMPDIR/payssam-bench-build), not touching ./.next
  --app-dir DIR    directory holding the production build to start (default: this one)
  --approvals N, --merchants N   data size (default ${bulkDefaults.postgres.approvals} / ${bulkDefaults.postgres.merchants}; smoke 5000 / 500)
  --only PARTS     comma list of ingest,contention,pages,export,embedded (default: all)
  --embedded-approvals N, --embedded-merchants N   the embedded database's size (default ${pageSizes.full.embeddedApprovals} / ${pageSizes.full.embeddedMerchants})
  --export-rows N  rows the export filter selects (default ${pageSizes.full.exportRows})
  --pages NAMES    only the pages whose name contains one of these (comma list, e.g. 대사,청구서)
  --export-route P measure this export route instead (repeatable; default: ${exportRoutes.join(", ")})
  --profile        record a CPU profile of the app (node --cpu-prof) during ingest and summarize it
  --port N         first of three ports (app, embedded app, baseline; default 3400, or BENCH_PORT)
BENCH_DATABASE_URL: a PostgreSQL server to create databases on (default postgres://postgres@127.0.0.1:5432/postgres).`;

const parts = ["ingest", "contention", "pages", "export", "embedded"] as const;
type Part = (typeof parts)[number];

function parseCommand(argv: string[]) {
  const { values } = parseFlags(argv, {
    strings: [
      "reuse",
      "app-dir",
      "approvals",
      "merchants",
      "only",
      "embedded-approvals",
      "embedded-merchants",
      "export-rows",
      "port",
      "against",
      "against-dir",
      "rounds",
      "turn-requests",
      "pages",
    ],
    booleans: ["smoke", "keep", "build", "profile", "keep-build"],
    lists: ["export-route"],
  });
  if (values.help) return { help: true as const };
  const smoke = values.smoke ?? false;
  const only = (values.only ?? parts.join(",")).split(",").map((part) => part.trim());
  const unknown = only.filter((part) => !(parts as readonly string[]).includes(part));
  if (unknown.length > 0) throw new UsageError(`--only: unknown part ${unknown.join(", ")}`);
  const base = pageSizes[smoke ? "smoke" : "full"];
  const whole = (value: string | undefined, fallback: number, flag: string) =>
    wholeNumberFlag(flag, value, { grouped: true }) ?? fallback;
  const port = whole(values.port ?? process.env.BENCH_PORT, 3400, "--port");
  return {
    help: false as const,
    smoke,
    port,
    profile: values.profile ?? false,
    exportRoutes: values["export-route"] ?? exportRoutes,
    sizes: {
      ...base,
      embeddedApprovals: whole(values["embedded-approvals"], base.embeddedApprovals, "--embedded-approvals"),
      embeddedMerchants: whole(values["embedded-merchants"], base.embeddedMerchants, "--embedded-merchants"),
      exportRows: whole(values["export-rows"], base.exportRows, "--export-rows"),
      pageNames: values.pages?.split(",").map((name) => name.trim()),
    } satisfies PageSizes,
    reuse: values.reuse,
    keep: values.keep ?? false,
    build: values.build ?? false,
    appDir: path.resolve(values["app-dir"] ?? process.cwd()),
    approvals: whole(values.approvals, smoke ? 5000 : bulkDefaults.postgres.approvals, "--approvals"),
    merchants: whole(values.merchants, smoke ? 500 : bulkDefaults.postgres.merchants, "--merchants"),
    parts: new Set(only as Part[]),
    against: values.against,
    againstDir: values["against-dir"],
    rounds: wholeNumberFlag("--rounds", values.rounds, { grouped: true }),
    keepBuild: values["keep-build"] ?? false,
    turnRequests: values["turn-requests"]?.split(",").map((count) => whole(count, 1, "--turn-requests")),
  };
}

// Tests, their configs and the bench are not part of the app, and a half-written test elsewhere
// must not fail this build's type check.
const notTheApp = ["test", "e2e", "bench", "playwright.config.ts", "vitest.config.ts"];

function buildCopy(): string {
  const buildDir = path.join(os.tmpdir(), "payssam-bench-build");
  const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, {
      cwd,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status})`);
  };
  console.log(`Building the app in ${buildDir}…`);
  run(
    "rsync",
    [
      "-a",
      "--delete",
      ...["node_modules", ".next", ".data", ".git", ...notTheApp].flatMap((name) => ["--exclude", name]),
      "./",
      `${buildDir}/`,
    ],
    process.cwd(),
  );
  // Turbopack does not resolve through a symlinked node_modules: a hard-linked copy costs no space.
  for (const name of ["node_modules", ...notTheApp])
    rmSync(path.join(buildDir, name), { force: true, recursive: true });
  run("cp", ["-al", path.resolve("node_modules"), path.join(buildDir, "node_modules")], process.cwd());
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], buildDir);
  return buildDir;
}

/** The app's CPU profiles (one per process that ran), summarized together. */
function summarizeProfiles(directory: string) {
  const files = existsSync(directory) ? readdirSync(directory).filter((file) => file.endsWith(".cpuprofile")) : [];
  return files.map((file) => ({
    file: path.join(directory, file),
    ...summarizeProfile(JSON.parse(readFileSync(path.join(directory, file), "utf8")), 30),
  }));
}

async function main(): Promise<number> {
  const parsed = parseOrExplain(() => parseCommand(process.argv.slice(2)), usage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { command } = parsed;
  const started = Date.now();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const appDir = command.build ? buildCopy() : command.appDir;
  if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    console.error(`No production build in ${appDir}/.next: run \`npm run build\` first, or pass --build.`);
    return 1;
  }
  const resultsDir = path.resolve(command.smoke ? "bench/results/tmp" : "bench/results");
  const logDir = path.resolve("bench/results/tmp");
  mkdirSync(logDir, { recursive: true });
  const log = (line: string) => console.log(line);
  if (command.against || command.againstDir) {
    const { problems } = await runComparison({
      ref: command.against,
      otherDir: command.againstDir,
      appDir,
      serverUrl,
      port: command.port,
      smoke: command.smoke,
      rounds: command.rounds,
      turnRequests: command.turnRequests,
      keep: command.keep,
      keepBuild: command.keepBuild,
      resultsDir,
      logDir,
      log,
    });
    if (problems.length > 0) console.error(`Comparison problems:\n  ${problems.join("\n  ")}`);
    return problems.length > 0 ? 1 : 0;
  }
  const { sizes } = command;

  const databaseName = command.reuse ?? benchDatabaseName();
  const url = databaseUrl(serverUrl, databaseName);
  const fresh = !command.reuse;
  const results: BenchResults = {
    runAt: new Date().toISOString(),
    mode: command.smoke ? "smoke" : "full",
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: "",
      loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
  };

  if (fresh) {
    await createDatabase(serverUrl, databaseName);
  } else if (!(await databaseExists(serverUrl, databaseName))) {
    console.error(`--reuse: there is no database ${databaseName} at ${new URL(serverUrl).host}.`);
    return 1;
  }
  const stops: (() => Promise<void>)[] = [];
  try {
    const handle = await openDatabase({ url, migrate: true, poolMax: 5 });
    stops.push(() => handle.close());
    results.machine.postgres = await postgresVersion(handle);
    if (fresh) {
      log(`Seeding ${databaseName}: ${command.approvals} approvals, ${command.merchants} merchants…`);
      const seeded = await seedBulk(handle, {
        approvals: command.approvals,
        merchants: command.merchants,
        progress: process.stdout.isTTY,
      });
      results.seed = {
        seconds: seeded.seconds,
        approvalsPerSecond: Math.round(seeded.approvals / seeded.seconds),
        phases: seeded.phases,
      };
      log(`  seeded in ${seeded.seconds} s`);
    }
    results.data = await tableSizes(handle);
    log(
      `Data: ${results.data.approvals} approvals, ${results.data.merchants} merchants, ${results.data.callbackDeliveries} deliveries`,
    );

    const profileDir = path.join(logDir, "profile");
    if (command.profile) rmSync(profileDir, { recursive: true, force: true });
    const startBenchApp = () =>
      startApp(appDir, command.port, { databaseUrl: url }, logDir, command.profile ? profileDir : undefined);
    let app = await startBenchApp();
    stops.unshift(() => app.stop());
    log(`App (next start, PID ${app.pid}) at ${app.origin}`);
    const database = { handle, name: databaseName };

    if (command.parts.has("ingest")) {
      const baseline = await startBaseline(process.cwd(), command.port + 2, url, logDir);
      stops.unshift(baseline.stop);
      log(`Ingest (app, its 405 floor, baseline PID ${baseline.pid} at ${baseline.origin}):`);
      results.ingest = await benchIngest(
        { app, baseline },
        database,
        ingestSizes[command.smoke ? "smoke" : "full"],
        results.runAt,
        log,
      );
      await baseline.stop();
    }
    if (command.profile) {
      // The profile is written when the server exits: restart it for the parts after ingest.
      await app.stop();
      results.profile = summarizeProfiles(profileDir);
      app = await startBenchApp();
    }
    if (command.parts.has("contention")) {
      log("Row-lock contention on approval_daily_totals:");
      results.contention = await benchContention(
        app,
        database,
        contentionSizes[command.smoke ? "smoke" : "full"],
        results.runAt,
        log,
      );
    }
    if (command.parts.has("pages") || command.parts.has("export")) {
      const cookie = await signIn(app, log, () => createBenchUser({ databaseUrl: url }));
      if (command.parts.has("pages")) {
        log("Pages (PostgreSQL):");
        results.pages = await benchPages(app, cookie, { handle, databaseUrl: url }, sizes, log);
      }
      if (command.parts.has("export")) {
        const filter = await exportFilter(handle, sizes.exportRows);
        log(`Exports (${filter.rows} approvals, ${filter.query || "no filter"}):`);
        results.exports = [];
        for (const route of command.exportRoutes) {
          const target = route.startsWith("/api/export/merchants")
            ? { path: route, expectedRows: await liveMerchants(handle) }
            : {
                path: filter.query ? `${route}${route.includes("?") ? "&" : "?"}${filter.query}` : route,
                expectedRows: filter.rows,
              };
          results.exports.push(await benchExport(app, cookie, target, log));
        }
      }
    }
    await app.stop();
    if (command.parts.has("embedded")) {
      log(`Embedded (PGlite, ${sizes.embeddedApprovals} approvals):`);
      results.embedded = await benchEmbedded(appDir, command.port + 1, logDir, sizes, log);
    }
  } finally {
    for (const stop of stops) await stop().catch(() => {});
    if (fresh && !command.keep) await dropDatabase(serverUrl, databaseName);
    else log(`Database kept: ${databaseName} (reuse with --reuse ${databaseName})`);
  }

  results.machine.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.targets = targetChecks(results);
  const written = writeResults(results, resultsDir, command.smoke ? "smoke" : undefined);
  log(`\n${written.markdown}`);
  log(`Results: ${written.jsonFile}, ${written.markdownFile} (${results.seconds} s)`);

  const missing = missingFigures(results, command.parts, command.profile);
  if (missing.length > 0) {
    console.error(`Missing or failed figures:\n  ${missing.join("\n  ")}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();

// `npm run check:vercel`: builds the app exactly as Vercel does (`vercel build`, the pinned CLI, no
// account or network) and checks the Build Output in .vercel/output before anyone deploys it:
//   - every function's files total under 15 MB, and none of them is PGlite's;
//   - the callback routes are Node.js functions on the Node major in package.json's engines;
//   - every export route has a maxDuration;
//   - the crons of vercel.json are in the output, each has its route, and each route is a Node.js
//     function with a maxDuration;
//   - the README's Deploy button asks for what a deployment needs.
// The build command (npm run vercel-build) applies the migrations, so the build gets a throwaway
// PostgreSQL database: CHECK_VERCEL_DATABASE_URL, else TEST_DATABASE_URL, else the local server.
// The project's own .next is set aside and put back, so the check leaves no build behind.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import postgres from "postgres";

const root = process.cwd();
const output = path.join(root, ".vercel", "output");
const maxFunctionBytes = 15_000_000;
const started = performance.now();

interface VercelJson {
  crons?: { path: string; schedule: string }[];
  functions?: Record<string, { maxDuration?: number }>;
  regions?: string[];
}

interface FunctionConfig {
  runtime?: string;
  maxDuration?: number;
  filePathMap?: Record<string, string>;
}

interface BuiltFunction {
  directory: string;
  routes: string[];
  config: FunctionConfig;
  files: number;
  bytes: number;
  pgliteFiles: string[];
}

const problems: string[] = [];
let checks = 0;
function check(ok: boolean, problem: string) {
  checks += 1;
  if (!ok) problems.push(problem);
}

async function withThrowawayDatabase<T>(work: (url: string) => T): Promise<T> {
  const adminUrl =
    process.env.CHECK_VERCEL_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `payssam_vercel_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `check:vercel needs a PostgreSQL server for the build's migrations (${(error as Error).message}). ` +
        "Set CHECK_VERCEL_DATABASE_URL or TEST_DATABASE_URL to one.",
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return work(url.toString());
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Builds into .vercel/output; its functions name files in .next, so measure before restoring. */
function vercelBuild(databaseUrl: string): () => void {
  mkdirSync(path.join(root, ".vercel"), { recursive: true });
  writeFileSync(
    path.join(root, ".vercel", "project.json"),
    `${JSON.stringify({ projectId: "prj_local", orgId: "team_local", settings: { framework: "nextjs" } })}\n`,
  );
  rmSync(output, { recursive: true, force: true });
  const parked = path.join(root, ".next-parked-by-check-vercel");
  const hadBuild = existsSync(path.join(root, ".next"));
  rmSync(parked, { recursive: true, force: true });
  if (hadBuild) renameSync(path.join(root, ".next"), parked);
  const restore = () => {
    rmSync(path.join(root, ".next"), { recursive: true, force: true });
    if (hadBuild) renameSync(parked, path.join(root, ".next"));
  };
  try {
    const build = spawnSync("npx", ["vercel", "build", "--yes"], {
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATABASE_URL_UNPOOLED: "",
        NEXT_TELEMETRY_DISABLED: "1",
        VERCEL_TELEMETRY_DISABLED: "1",
      },
    });
    if (build.status !== 0) throw new Error(`vercel build failed (exit ${build.status ?? build.signal})`);
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

/** Every real *.func directory, with the routes (symlinked *.func names) that Vercel serves from it. */
function builtFunctions(): BuiltFunction[] {
  const functionsDir = path.join(output, "functions");
  const byDirectory = new Map<string, BuiltFunction>();
  const links: [string, string][] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const full = path.join(directory, entry);
      const route = `/${path.relative(functionsDir, full).replace(/\.func$/, "")}`;
      const stat = lstatSync(full);
      if (entry.endsWith(".func") && stat.isSymbolicLink()) {
        links.push([route, path.resolve(directory, readlinkSync(full))]);
      } else if (entry.endsWith(".func") && stat.isDirectory()) {
        byDirectory.set(full, measure(full, route));
      } else if (stat.isDirectory()) {
        walk(full);
      }
    }
  };
  walk(functionsDir);
  for (const [route, target] of links) byDirectory.get(target)?.routes.push(route);
  return [...byDirectory.values()];
}

function measure(directory: string, route: string): BuiltFunction {
  const config = JSON.parse(readFileSync(path.join(directory, ".vc-config.json"), "utf8")) as FunctionConfig;
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.add(full);
    }
  };
  walk(directory);
  // Files Vercel uploads from the project rather than copying into the function directory.
  for (const source of Object.values(config.filePathMap ?? {})) files.add(path.resolve(root, source));
  let bytes = 0;
  const pgliteFiles: string[] = [];
  for (const file of files) {
    bytes += lstatSync(file).size;
    if (/pglite/i.test(file)) pgliteFiles.push(path.relative(root, file));
  }
  return { directory, routes: [route], config, files: files.size, bytes, pgliteFiles };
}

/** The heaviest packages and folders of a function (CHECK_VERCEL_VERBOSE=1), to see what to trim. */
function largestParts(fn: BuiltFunction): string[] {
  const parts = new Map<string, number>();
  for (const source of Object.values(fn.config.filePathMap ?? {})) {
    const segments = source.split("/");
    const depth = segments[0] === "node_modules" ? (segments[1].startsWith("@") ? 3 : 2) : 3;
    const part = segments.slice(0, depth).join("/");
    parts.set(part, (parts.get(part) ?? 0) + lstatSync(path.resolve(root, source)).size);
  }
  return [...parts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([part, bytes]) => `${megabytes(bytes).padStart(6)} MB  ${part}`);
}

/** Route files under app/api/<prefix>, as the URL paths Vercel names their functions by. */
function apiRoutes(prefix: string): string[] {
  const base = path.join(root, "app", "api", prefix);
  if (!existsSync(base)) return [];
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) routes.push(`/${path.relative(path.join(root, "app"), dir)}`);
    }
  };
  walk(base);
  return routes;
}

function checkDeployButton() {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const link = /\(https:\/\/vercel\.com\/new\/clone\?([^)\s]+)\)/.exec(readme)?.[1];
  check(Boolean(link), "README.md has no Deploy button (https://vercel.com/new/clone?…)");
  if (!link) return;
  const query = new URLSearchParams(link);
  const env = (query.get("env") ?? "").split(",");
  for (const name of ["CALLBACK_TOKEN", "BETTER_AUTH_SECRET"]) {
    check(env.includes(name), `the Deploy button does not ask for ${name} (env=${query.get("env")})`);
  }
  check(Boolean(query.get("repository-url")), "the Deploy button has no repository-url");
  check(Boolean(query.get("envDescription")), "the Deploy button has no envDescription");
  let stores: { type?: string; integrationSlug?: string }[] = [];
  try {
    stores = JSON.parse(query.get("stores") ?? "[]");
  } catch {
    problems.push("the Deploy button's stores parameter is not JSON");
  }
  check(
    stores.some((store) => store.type === "integration" && store.integrationSlug === "neon"),
    "the Deploy button adds no Postgres store (stores=[{type: integration, integrationSlug: neon, …}])",
  );
}

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(2);

async function main(): Promise<number> {
  const restore = await withThrowawayDatabase((url) => vercelBuild(url));
  try {
    return inspect();
  } finally {
    restore();
  }
}

function inspect(): number {
  const vercelJson = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as VercelJson;
  const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  // Vercel deploys the newest major the range allows: the highest "N.x" it names.
  const majors = [...String(packageJson.engines?.node ?? "").matchAll(/(?:^|[\s|])(\d+)\.x\b/g)].map((m) =>
    Number(m[1]),
  );
  const nodeMajor = majors.length > 0 ? String(Math.max(...majors)) : undefined;
  check(
    Boolean(nodeMajor),
    `package.json engines.node must name production's major as "N.x" (e.g. "^20.9.0 || 22.x || 24.x"), got "${packageJson.engines?.node}"`,
  );

  const functions = builtFunctions();
  const functionFor = (route: string) => functions.find((fn) => fn.routes.includes(route));
  console.log("\nfunction (routes)                                    runtime      maxDuration  files  MB");
  for (const fn of functions.sort((a, b) => b.bytes - a.bytes)) {
    const name = path.relative(path.join(output, "functions"), fn.directory);
    console.log(
      `${`${name} (${fn.routes.length})`.padEnd(52)} ${String(fn.config.runtime ?? "edge").padEnd(12)} ${String(fn.config.maxDuration ?? "-").padStart(11)}  ${String(fn.files).padStart(5)}  ${megabytes(fn.bytes)}`,
    );
    if (process.env.CHECK_VERCEL_VERBOSE) for (const line of largestParts(fn)) console.log(`    ${line}`);
    check(
      fn.bytes < maxFunctionBytes,
      `${name}: ${megabytes(fn.bytes)} MB of files (limit ${megabytes(maxFunctionBytes)} MB)`,
    );
    check(fn.pgliteFiles.length === 0, `${name} carries PGlite: ${fn.pgliteFiles.slice(0, 3).join(", ")}…`);
  }

  const callbackRoutes = apiRoutes("callbacks");
  check(callbackRoutes.length > 0, "no callback routes found under app/api/callbacks");
  for (const route of callbackRoutes) {
    const runtime = functionFor(route)?.config.runtime;
    check(
      runtime === `nodejs${nodeMajor}.x`,
      `${route} must be a nodejs${nodeMajor}.x function, is ${runtime ?? "missing"}`,
    );
  }
  // Every route under app/api/export (CSV and Excel, approvals and merchants), however deep.
  const exportRoutes = apiRoutes("export");
  check(exportRoutes.length > 0, "no export routes found under app/api/export");
  for (const route of exportRoutes) {
    check(Boolean(functionFor(route)?.config.maxDuration), `${route} (an export) has no maxDuration`);
  }

  const built = JSON.parse(readFileSync(path.join(output, "config.json"), "utf8")) as VercelJson;
  const builtCrons = new Set((built.crons ?? []).map((cron) => `${cron.path} ${cron.schedule}`));
  check((vercelJson.crons ?? []).length > 0, "vercel.json schedules no cron (retention needs one)");
  for (const cron of vercelJson.crons ?? []) {
    check(
      builtCrons.has(`${cron.path} ${cron.schedule}`),
      `cron ${cron.path} (${cron.schedule}) is not in the output config`,
    );
    const routeFile = apiRoutes(cron.path.replace(/^\/api\//, "")).includes(cron.path);
    check(routeFile, `cron ${cron.path} has no route under app/api: Vercel would call a 404`);
    if (!routeFile) continue;
    check(Boolean(functionFor(cron.path)?.config.maxDuration), `cron route ${cron.path} has no maxDuration`);
    const runtime = functionFor(cron.path)?.config.runtime;
    check(
      runtime === `nodejs${nodeMajor}.x`,
      `cron route ${cron.path} must be a nodejs${nodeMajor}.x function, is ${runtime ?? "missing"}`,
    );
  }
  checkDeployButton();

  for (const problem of problems) console.error(`FAILED: ${problem}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`check:vercel: ${checks - problems.length} of ${checks} checks passed in ${seconds} s`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();

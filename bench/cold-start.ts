// `npx tsx bench/cold-start.ts`: how long a fresh `next start` takes to answer its first approval
// callback, and how long the callback route's compiled module takes to load on its own (what a
// serverless cold start pays before the handler runs). Needs a production build (`npm run build`).
// DATABASE_URL: a migrated PostgreSQL database (as on Vercel); unset: a fresh embedded database.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { request } from "undici";
import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3695" },
    runs: { type: "string", default: "5" },
    // Another checkout's build (e.g. an older commit) to compare with, measured in alternation.
    compare: { type: "string" },
  },
});
const port = Number(values.port);
const runs = Number(values.runs);
const token = "cold-start-token-0123456789abcdef";
const random = createRandom("cold-start");
const apiKey = generateApiKey(random);

// CPU time the server spent so far (Linux): unlike wall time, it barely moves when other work
// shares the machine, so before/after comparisons survive a busy CI box.
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const round = (ms: number) => Math.round(ms * 10) / 10;

async function firstCallback(appDir: string): Promise<{ readyMs: number; answerMs: number; cpuMs: number }> {
  const pgliteDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(os.tmpdir(), "payssam-cold-"));
  const started = performance.now();
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        CALLBACK_TOKEN: token,
        PAYSSAM_API_KEYS: "",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        ...(pgliteDir ? { PGLITE_DIR: path.join(pgliteDir, "pglite") } : {}),
      },
      stdio: ["ignore", "pipe", "inherit"],
      cwd: appDir,
    },
  );
  let readyMs = Number.NaN;
  server.stdout.on("data", (chunk: Buffer) => {
    if (Number.isNaN(readyMs) && chunk.toString().includes("Ready")) readyMs = performance.now() - started;
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    const body = JSON.stringify(generateApproval(random, { apiKey, approvedAt: new Date() }));
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error("no answer within 60 s");
      try {
        const answer = await request(`http://127.0.0.1:${port}/api/callbacks/approval?token=${token}`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        });
        const text = await answer.body.text();
        if (answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}: ${text}`);
        return { readyMs, answerMs: performance.now() - started, cpuMs: cpuMs(server.pid) };
      } catch (error) {
        if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  } finally {
    server.kill("SIGTERM");
    await exited;
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

/** Loads the compiled callback route in a fresh Node process, timing the require alone. */
async function moduleLoad(appDir: string): Promise<number> {
  const route = path.resolve(appDir, ".next/server/app/api/callbacks/approval/route.js");
  const script = `const t=performance.now();require(${JSON.stringify(route)});process.stdout.write(String(performance.now()-t))`;
  const child = spawn(process.execPath, ["-e", script], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
    cwd: appDir,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  return Number(output);
}

async function measure(appDirs: string[]) {
  const samples = appDirs.map(() => ({
    firsts: [] as { readyMs: number; answerMs: number; cpuMs: number }[],
    loads: [] as number[],
  }));
  for (let run = 0; run < runs; run++) {
    for (const [index, appDir] of appDirs.entries()) {
      samples[index].firsts.push(await firstCallback(appDir));
      samples[index].loads.push(await moduleLoad(appDir));
    }
  }
  return samples.map(({ firsts, loads }, index) => ({
    app: appDirs[index],
    database: process.env.DATABASE_URL ? "postgres" : "pglite (fresh directory)",
    runs,
    readyMs: firsts.map((first) => round(first.readyMs)),
    firstCallbackMs: firsts.map((first) => round(first.answerMs)),
    serverCpuMs: firsts.map((first) => round(first.cpuMs)),
    moduleLoadMs: loads.map(round),
    median: {
      readyMs: round(median(firsts.map((first) => first.readyMs))),
      firstCallbackMs: round(median(firsts.map((first) => first.answerMs))),
      serverCpuMs: round(median(firsts.map((first) => first.cpuMs))),
      moduleLoadMs: round(median(loads)),
    },
  }));
}

console.log(JSON.stringify(await measure([process.cwd(), ...(values.compare ? [values.compare] : [])]), null, 2));

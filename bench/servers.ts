import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";

// The servers under test, started and stopped by the benchmark: the app's production build
// (`next start`, as the server itself so SIGTERM stops it) and the bare baseline. Their output
// goes to log files next to the results, read only when something goes wrong.

export interface RunningServer {
  name: string;
  origin: string;
  pid: number;
  logFile: string;
  stop: () => Promise<void>;
}

export const benchToken = "bench-callback-token-0123456789";

async function waitUntilAnswering(origin: string, child: ChildProcess, logFile: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Server exited with ${child.exitCode} before answering; see ${logFile}`);
    }
    try {
      // Any HTTP answer means it is listening; GET on a POST-only route costs no database work.
      const answer = await request(`${origin}/api/callbacks/approval`, { method: "GET" });
      await answer.body.dump();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`Server at ${origin} did not answer within ${timeoutMs / 1000} s; see ${logFile}`);
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), sleep(8000).then(() => true)]);
    if (timedOut) {
      child.kill("SIGKILL");
      await exited;
    }
  };
}

async function startServer(
  name: string,
  command: string[],
  options: { cwd: string; port: number; env: NodeJS.ProcessEnv; logDir: string },
): Promise<RunningServer> {
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = openSync(logFile, "w");
  const child = spawn(command[0], command.slice(1), {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", log, log],
  });
  const origin = `http://127.0.0.1:${options.port}`;
  const stop = stopper(child);
  try {
    await waitUntilAnswering(origin, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, origin, pid: child.pid!, logFile, stop };
}

export interface AppTarget {
  databaseUrl?: string;
  pgliteDir?: string;
}

/**
 * `next start` from a directory holding a production build (.next) and node_modules. With
 * `profileDir`, the server writes a CPU profile there when it exits.
 */
export function startApp(
  appDir: string,
  port: number,
  target: AppTarget,
  logDir: string,
  profileDir?: string,
  name = target.pgliteDir ? "app-pglite" : "app",
) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CALLBACK_TOKEN: benchToken,
    PORT: String(port),
    // The dashboard's sign-in: a fixed secret, and the origin the benchmark signs in from.
    BETTER_AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  delete env.PAYSSAM_API_KEYS;
  delete env.AUTH_SECRET;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  if (target.pgliteDir) env.PGLITE_DIR = target.pgliteDir;
  // next start serves from this one process (it renames itself next-server), so the flag on its
  // command line profiles the server; NODE_OPTIONS does not accept --cpu-prof.
  const profiling = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return startServer(
    name,
    [process.execPath, ...profiling, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: appDir, port, env, logDir },
  );
}

export function startBaseline(projectDir: string, port: number, databaseUrl: string, logDir: string) {
  return startServer("baseline", [process.execPath, "--import", "tsx", "bench/baseline-server.ts"], {
    cwd: projectDir,
    port,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    logDir,
  });
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kib("VmRSS") / 1024), peakMb: Math.round(kib("VmHWM") / 1024) };
}

/** Resets the peak (VmHWM) to the current resident size, so the next peak is the next task's. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { e2eCallbackToken } from "./fixtures";

// A second production server (`next start` of the same build) on an empty embedded database with
// the settings at their defaults: no TRUSTED_PROXY (the client is the TCP peer), LOG_LEVEL info.
// BETTER_AUTH_URL is its plain-http origin: without it a production server marks the session
// cookie Secure, which a browser keeps only over https (or on localhost). The findings suite uses it for what the shared e2e server cannot show: the first
// run, the default client address, and what the server writes to its log.

export const freshPort = Number(process.env.E2E_FRESH_PORT ?? Number(process.env.E2E_PORT ?? 3180) + 1);
/** A public-looking host name the browser maps to 127.0.0.1: to the server, not "this machine". */
export const freshHost = `ops.payssam.test:${freshPort}`;
export const freshOrigin = `http://${freshHost}`;
export const hostResolverRule = `--host-resolver-rules=MAP ops.payssam.test 127.0.0.1`;

export interface FreshServer {
  log: () => string;
  stop: () => Promise<void>;
}

export async function startFreshServer(): Promise<FreshServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "payssam-e2e-fresh-"));
  const lines: string[] = [];
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR: path.join(directory, "pglite"),
    DATABASE_URL: "",
    CALLBACK_TOKEN: e2eCallbackToken,
    PAYSSAM_API_KEYS: "",
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_URL: freshOrigin,
  };
  for (const key of ["TRUSTED_PROXY", "VERCEL"]) delete environment[key];
  const server: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(freshPort), "-H", "127.0.0.1"],
    { cwd: process.cwd(), env: environment, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.on("data", (chunk) => lines.push(String(chunk)));
  server.stderr?.on("data", (chunk) => lines.push(String(chunk)));
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = await freshRequest("/api/health").catch(() => null);
    // Ready once the start-up work is done too: the setup code is printed after the database opens.
    if (health?.status === 200 && lines.join("").includes('"event":"setup-code"')) break;
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error(`the fresh server did not start:\n${lines.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { log: () => lines.join(""), stop };
}

export interface FreshAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** False when the connection ended before the answer did (an aborted download). */
  complete: boolean;
}

/** A request to the fresh server as the browser at freshOrigin would send it (Host included). */
export function freshRequest(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<FreshAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: freshPort,
        path: pathname,
        method: options.method ?? "GET",
        headers: { host: freshHost, ...options.headers },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("close", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, complete: response.complete }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** The setup code the server printed, from its JSON log line. */
export function setupCodeIn(log: string): string | null {
  return /"setupCode":"([0-9A-Z-]+)"/.exec(log)?.[1] ?? null;
}

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, expect, type Page } from "@playwright/test";
import { firstAdmin } from "./auth-fixtures";
import { e2eCallbackToken } from "./fixtures";

// A spec's own production server (`next start` of the same build) on a fresh embedded database,
// with the settings at their defaults unless a spec gives its own (no TRUSTED_PROXY: the client is
// the TCP peer), for what the shared server cannot show: an empty database, the first run,
// settings of its own, what the server writes to its log. BETTER_AUTH_URL is its plain-http
// origin: without it a production server marks the session cookie Secure, which a browser keeps
// only over https (or on localhost).

export interface OwnServer {
  baseURL: string;
  /** Everything the server has written to stdout and stderr, across restarts. */
  log: () => string;
  /**
   * Stops the server, lets `work` open its embedded database (one process at a time), and starts
   * it again on the same data: for a state no request can reach in a test's time.
   */
  whileStopped: (work: (pgliteDir: string) => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

export interface OwnServerOptions {
  /** The origin the browser uses, when not http://127.0.0.1:<port> (a mapped host name). */
  origin?: string;
  /** Ready when the health check answers and this holds for the log (start-up work done). */
  ready?: (log: string) => boolean;
}

export async function startOwnServer(
  port: number,
  settings: Record<string, string> = {},
  options: OwnServerOptions = {},
): Promise<OwnServer> {
  const baseURL = options.origin ?? `http://127.0.0.1:${port}`;
  const directory = mkdtempSync(path.join(os.tmpdir(), "payssam-e2e-own-"));
  const pgliteDir = path.join(directory, "pglite");
  const lines: string[] = [];
  const log = () => lines.join("");
  const environment = { PGLITE_DIR: pgliteDir, BETTER_AUTH_URL: baseURL, ...settings };
  const ready = options.ready ?? (() => true);
  const launch = () => launchServer(port, environment, lines, () => ready(log()));
  let server: ChildProcess;
  try {
    server = await launch();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    baseURL,
    log,
    whileStopped: async (work) => {
      await halt(server);
      await work(pgliteDir);
      server = await launch();
    },
    stop: async () => {
      await halt(server);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function launchServer(
  port: number,
  settings: Record<string, string>,
  lines: string[],
  ready: () => boolean,
): Promise<ChildProcess> {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
    CALLBACK_TOKEN: e2eCallbackToken,
    PAYSSAM_API_KEYS: "",
    LOG_LEVEL: "info",
    ...settings,
  };
  for (const key of ["TRUSTED_PROXY", "VERCEL"]) if (!(key in settings)) delete environment[key];
  const server: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { env: environment, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.on("data", (chunk) => lines.push(String(chunk)));
  server.stderr?.on("data", (chunk) => lines.push(String(chunk)));
  const deadline = Date.now() + 100_000;
  for (;;) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy && ready()) return server;
    if (Date.now() > deadline || server.exitCode !== null) {
      await halt(server);
      throw new Error(`the server on port ${port} did not start:\n${lines.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function halt(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** The first administrator, created from the server's own machine (no setup code), signed in. */
export async function signUpFirstAdmin(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await submitFirstAdminForm(page);
  await page.waitForURL(`${baseURL}/`);
  return page;
}

/** Fills the first-admin form of an empty database as the first administrator and sends it. */
export async function submitFirstAdminForm(page: Page, confirmation: string = firstAdmin.password) {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "첫 관리자 계정 만들기" })).toBeVisible();
  await page.getByLabel("이메일").fill(firstAdmin.email);
  await page.getByLabel("이름").fill("첫 관리자");
  await page.getByLabel(/^비밀번호 \(/).fill(firstAdmin.password);
  await page.getByLabel("비밀번호 확인").fill(confirmation);
  await page.getByRole("button", { name: "관리자 계정 만들고 로그인" }).click();
}

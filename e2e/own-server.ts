import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, expect, type Page } from "@playwright/test";
import { firstAdmin } from "./auth-fixtures";
import { e2eCallbackToken } from "./fixtures";

// A spec's own production server (`next start` of the same build) on a fresh embedded database,
// for what the shared server cannot show: an empty database, or settings of its own.

export interface OwnServer {
  baseURL: string;
  /**
   * Stops the server, lets `work` open its embedded database (one process at a time), and starts
   * it again on the same data: for a state no request can reach in a test's time.
   */
  whileStopped: (work: (pgliteDir: string) => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startOwnServer(port: number, settings: Record<string, string> = {}): Promise<OwnServer> {
  const baseURL = `http://127.0.0.1:${port}`;
  const directory = mkdtempSync(path.join(os.tmpdir(), "payssam-e2e-own-"));
  const pgliteDir = path.join(directory, "pglite");
  const launch = () => launchServer(port, { PGLITE_DIR: pgliteDir, BETTER_AUTH_URL: baseURL, ...settings });
  let server: ChildProcess;
  try {
    server = await launch();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    baseURL,
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

async function launchServer(port: number, settings: Record<string, string>): Promise<ChildProcess> {
  const baseURL = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        CALLBACK_TOKEN: e2eCallbackToken,
        PAYSSAM_API_KEYS: "",
        LOG_LEVEL: "warn",
        ...settings,
      },
      stdio: "ignore",
    },
  );
  for (let attempt = 0; ; attempt++) {
    const healthy = await fetch(`${baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return server;
    if (attempt > 200 || server.exitCode !== null) {
      await halt(server);
      throw new Error(`the server on ${baseURL} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
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
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "첫 관리자 계정 만들기" })).toBeVisible();
  await page.getByLabel("이메일").fill(firstAdmin.email);
  await page.getByLabel("이름").fill("첫 관리자");
  await page.getByLabel(/^비밀번호 \(/).fill(firstAdmin.password);
  await page.getByLabel("비밀번호 확인").fill(firstAdmin.password);
  await page.getByRole("button", { name: "관리자 계정 만들고 로그인" }).click();
  await page.waitForURL(`${baseURL}/`);
  return page;
}

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
  stop: () => Promise<void>;
}

export async function startOwnServer(port: number, settings: Record<string, string> = {}): Promise<OwnServer> {
  const baseURL = `http://127.0.0.1:${port}`;
  const directory = mkdtempSync(path.join(os.tmpdir(), "payssam-e2e-own-"));
  const server: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        PGLITE_DIR: path.join(directory, "pglite"),
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        CALLBACK_TOKEN: e2eCallbackToken,
        PAYSSAM_API_KEYS: "",
        LOG_LEVEL: "warn",
        BETTER_AUTH_URL: baseURL,
        ...settings,
      },
      stdio: "ignore",
    },
  );
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const healthy = await fetch(`${baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (attempt > 200 || server.exitCode !== null) {
      await stop();
      throw new Error(`the server on ${baseURL} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { baseURL, stop };
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

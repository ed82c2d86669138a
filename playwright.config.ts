import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { authStates } from "./e2e/auth-fixtures";
import { e2eCallbackToken } from "./e2e/fixtures";

// End-to-end tests against a production build with a fresh embedded database per run (never
// ./.data). The config is evaluated again in other processes: the path is chosen once and handed
// down through the environment, and only the server creates it (the teardown removes it).
const port = Number(process.env.E2E_PORT ?? 3180);
process.env.E2E_PGLITE_DIR ??= path.join(os.tmpdir(), `payssam-e2e-${Date.now().toString(36)}-${process.pid}`);

// Debian's chromium where present (CI cannot download browsers); else Playwright's own.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// E2E_SKIP_BUILD=1 reuses the last build while iterating on the tests themselves.
const build = process.env.E2E_SKIP_BUILD === "1" ? "" : "npm run build && ";

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Scenario tests walk several pages and take full-page screenshots at two widths; on a 2-core
  // machine running two workers beside the server, five of them took 21-30 s in CI and one ran
  // past 30 s on both attempts (needs-action, 14 s when alone). Each step still waits at most 10 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Creates the first administrator on the run's empty database, and a viewer.
    { name: "auth-setup", testMatch: /auth\.setup\.ts/, use: browser },
    {
      name: "chromium",
      dependencies: ["auth-setup"],
      // Signed in as the first administrator unless a test says otherwise.
      use: { ...browser, storageState: authStates.admin },
    },
  ],
  webServer: {
    command: `${build}node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    // The build takes 1–2 minutes on two cores.
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PGLITE_DIR: path.join(process.env.E2E_PGLITE_DIR, "pglite"),
      // Empty: the embedded database, whatever the developer's shell has.
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      // A production server refuses callbacks without a token; the tests use this one.
      CALLBACK_TOKEN: e2eCallbackToken,
      PAYSSAM_API_KEYS: "",
      LOG_LEVEL: "warn",
      // Sign-in requests must come from here; http, so the session cookie is not Secure-only.
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      // Every test connects from 127.0.0.1; as if behind one proxy of ours, the X-Forwarded-For
      // a test sends is its client address, so tests are separate clients for sign-in limits.
      // e2e/security-findings.spec.ts starts a server of its own with the default (the socket).
      TRUSTED_PROXY: "1",
    },
  },
});

// Production smoke test: migrate DATABASE_URL, start the built app (`next start`, NODE_ENV=production),
// send simulated callbacks through the simulator CLI, then check the answers, the stored rows, the log
// lines and /api/health; then bills and a reconciliation pass against a fake PaySsam. Needs a built app (.next) and a PostgreSQL DATABASE_URL; exits 1 on any failure.
// Run: DATABASE_URL=postgres://… npx tsx scripts/ci/prod-smoke.ts
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db";
import { type RunningFake, startFakePayssam } from "@/lib/fake-payssam/server";
import { runTsxScript } from "./tsx-process";

const port = Number(process.env.SMOKE_PORT ?? 3210);
const origin = `http://127.0.0.1:${port}`;
const token = randomBytes(18).toString("base64url");
const apiKey = `smoke-${randomBytes(12).toString("hex")}`;
const approvalCount = 200;
const authMappingCount = 20;
const partnerToken = randomBytes(24).toString("base64url");
const cronSecret = randomBytes(24).toString("hex");
const payssamApiKey = `smoke-payssam-${randomBytes(8).toString("hex")}`;

class SmokeFailure extends Error {}

const started = performance.now();
const step = (message: string) =>
  console.log(`[prod-smoke ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

function check(condition: boolean, message: string) {
  if (!condition) throw new SmokeFailure(message);
  step(`ok: ${message}`);
}

function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitForHealth(server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new SmokeFailure(`the server exited with code ${server.exitCode} while starting`);
    try {
      const response = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(3000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new SmokeFailure(`/api/health did not answer 200 within ${timeoutMs / 1000} s`);
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

interface SimulatorSummary {
  bills?: { paid: number; withheld: number; mismatched: number; unpaid: number; billers: number };
  reconcile?: { status: number; body: { statuses: Record<string, number> } };
  sent: number;
  answered0000: number;
  distinct: number;
  otherAnswers: Record<string, number>;
  latencyMs: Record<string, number>;
  perSecond: number;
}

async function simulate(args: string[], env: NodeJS.ProcessEnv): Promise<SimulatorSummary> {
  const result = await runTsxScript(["scripts/simulate.ts", ...args, "--json"], env);
  const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(lastLine) as SimulatorSummary;
  } catch {
    throw new SmokeFailure(`the simulator printed no summary (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
}

type Counts = Record<string, number>;

async function countRows(databaseUrl: string): Promise<Counts> {
  const handle = await openDatabase({ url: databaseUrl, migrate: false, poolMax: 1 });
  try {
    const [row] = rowsOf<Record<string, string | number>>(
      await handle.db.execute(sql`
        SELECT
          (SELECT count(*) FROM approvals) AS approvals,
          (SELECT count(*) FROM merchants) AS merchants,
          (SELECT count(*) FROM callback_deliveries WHERE kind = 'approval' AND outcome = 'accepted') AS approval_accepted,
          (SELECT count(*) FROM callback_deliveries WHERE kind = 'approval' AND outcome = 'duplicate') AS approval_duplicate,
          (SELECT count(*) FROM callback_deliveries WHERE kind = 'auth_mapping' AND outcome = 'accepted') AS mapping_accepted,
          (SELECT count(*) FROM callback_deliveries WHERE outcome = 'unauthorized') AS unauthorized,
          (SELECT count(*) FROM callback_deliveries WHERE outcome = 'rejected') AS rejected
      `),
    );
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
  } finally {
    await handle.close();
  }
}

/**
 * The simulator with a fake PaySsam and the partner's bills against the production server: some
 * callbacks withheld, some amounts PaySsam records differently, some bills unpaid, then one pass
 * through /api/cron/reconcile that must find exactly those.
 */
async function reconcileAgainstTheFake(payssam: RunningFake, env: NodeJS.ProcessEnv) {
  const run = await simulate(
    [
      "approval",
      "--url",
      `${origin}/api/callbacks/approval?token=${token}`,
      "--count",
      "60",
      "--api-key",
      apiKey,
      "--fake-payssam",
      payssam.url,
      "--register",
      "--withhold-rate",
      "0.15",
      "--mismatch-rate",
      "0.1",
      "--unpaid",
      "4",
      "--seed",
      "prod-smoke-reconcile",
      "--reconcile",
    ],
    env,
  );
  step(`simulated bills: ${JSON.stringify(run.bills)}, pass: ${JSON.stringify(run.reconcile)}`);
  const { paid, withheld, mismatched, unpaid } = run.bills ?? { paid: 0, withheld: 0, mismatched: 0, unpaid: 0 };
  check(run.answered0000 === run.sent && withheld > 0 && mismatched > 0, "the bills' callbacks answered 0000");
  const statuses = run.reconcile?.body.statuses ?? {};
  check(
    run.reconcile?.status === 200 &&
      statuses.missing_callback === withheld &&
      statuses.mismatch === mismatched &&
      statuses.unpaid === unpaid &&
      statuses.matched === paid - withheld - mismatched,
    `the pass found ${withheld} 콜백 누락, ${mismatched} 불일치, ${unpaid} 미결제, ${paid - withheld - mismatched} 일치`,
  );
  check(payssam.fake.stats().reads >= paid + unpaid, `the app read PaySsam (${payssam.fake.stats().reads} reads)`);
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new SmokeFailure("DATABASE_URL is not set: point it at a fresh PostgreSQL database");
  if (!existsSync(path.join(".next", "BUILD_ID"))) {
    throw new SmokeFailure("no production build here (.next/BUILD_ID missing): run `npm run build` first");
  }
  if (!(await portIsFree())) throw new SmokeFailure(`port ${port} is already in use`);
  const payssam = await startFakePayssam({ apiKey: payssamApiKey });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARTNER_API_TOKEN: partnerToken,
    CRON_SECRET: cronSecret,
    PAYSSAM_API_BASE: payssam.url,
    PAYSSAM_API_KEY: payssamApiKey,
    PAYSSAM_API_RATE: "200",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CALLBACK_TOKEN: token,
    PAYSSAM_API_KEYS: apiKey,
    // Production with DATABASE_URL needs a session secret for the dashboard's sign-in.
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
    LOG_LEVEL: "info",
  };

  step("migrating");
  const migrated = await runTsxScript(["scripts/migrate.ts"], env);
  if (migrated.code !== 0) throw new SmokeFailure(`npm run db:migrate failed:\n${migrated.stdout}${migrated.stderr}`);
  const before = await countRows(databaseUrl);

  const logFile = path.join(await mkdtemp(path.join(os.tmpdir(), "prod-smoke-")), "server.log");
  const log = createWriteStream(logFile);
  step(`starting next start on ${origin} (log: ${logFile})`);
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  try {
    await waitForHealth(server, 60_000);
    step("the app is up");

    const approvalUrl = `${origin}/api/callbacks/approval?token=${token}`;
    const approvals = await simulate(
      [
        "approval",
        "--url",
        approvalUrl,
        "--count",
        String(approvalCount),
        "--duplicate-rate",
        "0.1",
        "--api-key",
        apiKey,
        "--seed",
        "prod-smoke",
      ],
      env,
    );
    step(`approvals: ${JSON.stringify(approvals)}`);
    check(
      approvals.sent === approvalCount && approvals.answered0000 === approvalCount,
      `all ${approvalCount} approval callbacks answered 0000`,
    );

    const mappings = await simulate(
      [
        "auth-mapping",
        "--url",
        `${origin}/api/callbacks/auth-mapping?token=${token}`,
        "--count",
        String(authMappingCount),
        "--seed",
        "prod-smoke",
      ],
      env,
    );
    step(`auth-mappings: ${JSON.stringify(mappings)}`);
    check(
      mappings.sent === authMappingCount && mappings.answered0000 === authMappingCount,
      `all ${authMappingCount} auth-mapping callbacks answered 0000`,
    );

    const wrongToken = await fetch(`${origin}/api/callbacks/approval?token=not-${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        billId: "2208112341SMOKE00001",
        apprState: "F",
        apprDt: "20261124153012",
        apprPrice: "1000",
      }),
    });
    const wrongTokenAnswer = (await wrongToken.json()) as { code?: string };
    check(
      wrongToken.status === 401 && wrongTokenAnswer.code === "1101",
      "a wrong token is answered 401 with code 1101",
    );

    const after = await countRows(databaseUrl);
    const delta = (key: string) => after[key] - before[key];
    const retries = approvals.sent - approvals.distinct;
    check(
      delta("approvals") === approvals.distinct,
      `approvals rows +${delta("approvals")} == ${approvals.distinct} distinct approvals sent`,
    );
    check(
      delta("approval_accepted") === approvals.distinct,
      `approval deliveries logged accepted: ${delta("approval_accepted")}`,
    );
    check(
      delta("approval_duplicate") === retries,
      `approval deliveries logged duplicate: ${delta("approval_duplicate")} == ${retries} retries`,
    );
    check(
      delta("merchants") === mappings.distinct,
      `merchants rows +${delta("merchants")} == ${mappings.distinct} merchants sent`,
    );
    check(
      delta("mapping_accepted") === authMappingCount,
      `auth-mapping deliveries logged accepted: ${delta("mapping_accepted")}`,
    );
    check(delta("unauthorized") === 1 && delta("rejected") === 0, "one unauthorized delivery logged, none rejected");

    const health = await fetch(`${origin}/api/health`);
    check(
      health.status === 200 && JSON.stringify(await health.json()) === '{"status":"ok","db":"ok"}',
      "/api/health answers 200 ok",
    );

    // Pino writes asynchronously: give the last lines a moment before counting them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const callbackLines = readFileSync(logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{") && JSON.parse(line).event === "callback");
    const expectedLines = approvalCount + authMappingCount + 1;
    check(callbackLines.length === expectedLines, `one JSON log line per callback (${callbackLines.length})`);
    check(
      !callbackLines.some((line) => line.includes(token) || line.includes(apiKey)),
      "no token or apiKey in the log",
    );

    await reconcileAgainstTheFake(payssam, env);
  } catch (error) {
    log.end();
    const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").slice(-30).join("\n") : "";
    if (tail) console.error(`--- last server log lines ---\n${tail}\n---`);
    throw error;
  } finally {
    await stopServer(server);
    await payssam.close();
    step("server stopped");
  }
  return 0;
}

try {
  process.exitCode = await main();
  step("PASSED");
} catch (error) {
  console.error(`[prod-smoke] FAILED: ${error instanceof SmokeFailure ? error.message : (error as Error).stack}`);
  process.exitCode = 1;
}

import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as billsRoute from "@/app/api/bills/route";
import * as approvalRoute from "@/app/api/callbacks/approval/route";
import * as authMappingRoute from "@/app/api/callbacks/auth-mapping/route";
import * as cronRoute from "@/app/api/cron/reconcile/route";
import { type RunningFake, startFakePayssam } from "@/lib/fake-payssam/server";
import { runTsxScript } from "@/scripts/ci/tsx-process";
import { setUpTestDatabase } from "../support/database";
import { cronSecret, partnerToken, payssamApiKey } from "../support/reconcile";
import { type SocketServer, serveOnSocket } from "../support/socket-server";

// `npm run simulate` with PaySsam's record and the partner's bills, the whole way over HTTP: the
// CLI in its own process tells a fake PaySsam on a socket what it holds, registers the bills with
// the app's routes on another socket, withholds some callbacks, and runs a reconciliation pass
// that reads the fake and finds exactly what the run planted.

const database = setUpTestDatabase();
const callbackToken = "callback-token-for-simulator-0123";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "/api/bills": billsRoute.POST,
  "/api/cron/reconcile": cronRoute.POST,
  "/api/callbacks/approval": approvalRoute.POST,
  "/api/callbacks/auth-mapping": authMappingRoute.POST,
};

let payssam: RunningFake;
let app: SocketServer;

beforeAll(async () => {
  payssam = await startFakePayssam({ apiKey: payssamApiKey });
  app = await serveOnSocket(async (request) => {
    const route = routes[new URL(request.url).pathname];
    return route ? route(request) : new Response("not found", { status: 404 });
  });
});

afterAll(async () => {
  await app.close();
  await payssam.close();
});

beforeEach(() => {
  payssam.fake.reset();
  vi.stubEnv("PARTNER_API_TOKEN", partnerToken);
  vi.stubEnv("CRON_SECRET", cronSecret);
  vi.stubEnv("CALLBACK_TOKEN", callbackToken);
  vi.stubEnv("PAYSSAM_API_BASE", payssam.url);
  vi.stubEnv("PAYSSAM_API_KEY", payssamApiKey);
  vi.stubEnv("PAYSSAM_API_RATE", "1000");
  vi.stubEnv("ALERT_WEBHOOK_URL", "");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function simulate(args: string[], env: Record<string, string> = {}) {
  return runTsxScript(["scripts/simulate.ts", ...args], {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    PARTNER_API_TOKEN: partnerToken,
    CRON_SECRET: cronSecret,
    ...env,
  });
}

const approvalUrl = () => `http://127.0.0.1:${app.port}/api/callbacks/approval?token=${callbackToken}`;

describe("npm run simulate with a fake PaySsam and the partner's bills", () => {
  it("plants withheld callbacks, different amounts and unpaid bills that one pass finds exactly", async () => {
    const run = await simulate([
      "approval",
      "--url",
      approvalUrl(),
      "--count",
      "40",
      "--duplicate-rate",
      "0.1",
      "--fake-payssam",
      payssam.url,
      "--register",
      "--withhold-rate",
      "0.2",
      "--mismatch-rate",
      "0.1",
      "--unpaid",
      "3",
      "--billers",
      "3",
      "--seed",
      "simulator-reconciliation",
      "--reconcile",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split("\n").at(-1) as string);
    const { paid, withheld, mismatched, unpaid, billers, registered, toldPayssam } = summary.bills;
    expect(withheld).toBeGreaterThan(0);
    expect(mismatched).toBeGreaterThan(0);
    expect({ unpaid, billers }).toEqual({ unpaid: 3, billers: 3 });
    expect(summary.distinct).toBe(paid - withheld);
    expect(registered).toEqual({ accepted: paid + unpaid, unchanged: 0, refused: 0 });
    expect(toldPayssam).toBe(paid + unpaid);
    expect(summary.answered0000).toBe(summary.sent);

    expect(summary.reconcile.status).toBe(200);
    expect(summary.reconcile.body.statuses).toEqual({
      matched: paid - withheld - mismatched,
      mismatch: mismatched,
      missing_callback: withheld,
      unpaid,
    });

    // The withheld payments are stored from PaySsam's record, marked as recovered; every bill
    // belongs to one of the billers, whose O callbacks opened them as merchants.
    const [approvals] = await database.query<{ total: number; recovered: number }>(
      sql`SELECT count(*)::int AS total, count(recovered_at)::int AS recovered FROM approvals`,
    );
    expect(approvals).toEqual({ total: paid, recovered: withheld });
    // Recovered from PaySsam's whole record: as complete as the callbacks' rows.
    const [incomplete] = await database.query<{ rows: number }>(
      sql`SELECT count(*)::int AS rows FROM approvals WHERE appr_issuer_num IS NULL AND appr_cash_num IS NULL`,
    );
    expect(incomplete.rows).toBe(0);
    const merchants = await database.query<{ merchant_id: string; review_status: string; bills: number }>(sql`
      SELECT m.merchant_id, m.review_status::text, count(b.bill_id)::int AS bills
      FROM merchants m LEFT JOIN bills b ON b.merchant_id = m.merchant_id
      GROUP BY m.merchant_id, m.review_status`);
    expect(merchants).toHaveLength(3);
    expect(merchants.every((merchant) => merchant.review_status === "O")).toBe(true);
    expect(merchants.reduce((sum, merchant) => sum + merchant.bills, 0)).toBe(paid + unpaid);
  }, 60_000);

  it("says what to fix when the fake is not running, the token is missing or wrong, and sends nothing", async () => {
    const args = ["approval", "--url", approvalUrl(), "--count", "5", "--register", "--fake-payssam"];
    const closed = await serveOnSocket(async () => new Response());
    await closed.close();
    const down = await simulate([...args, `http://127.0.0.1:${closed.port}`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`The fake PaySsam at http://127.0.0.1:${closed.port} did not answer (ECONNREFUSED)`);

    const noToken = await simulate([...args, payssam.url], { PARTNER_API_TOKEN: "" });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("--register needs PARTNER_API_TOKEN");

    const wrongToken = await simulate([...args, payssam.url], {
      PARTNER_API_TOKEN: "not-the-partner-token-0123456789",
    });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain("The app refused PARTNER_API_TOKEN (401");
    expect(wrongToken.stderr).not.toContain("not-the-partner-token");

    const [counts] = await database.query<{ bills: number; deliveries: number }>(
      sql`SELECT (SELECT count(*)::int FROM bills) AS bills, (SELECT count(*)::int FROM callback_deliveries) AS deliveries`,
    );
    expect(counts).toEqual({ bills: 0, deliveries: 0 });
  }, 60_000);
});

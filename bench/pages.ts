import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Agent, request } from "undici";
import { type DatabaseHandle, openDatabase, rowsOf } from "@/db";
import { encodeCursor } from "@/lib/dashboard/cursor";
import { formatKstDate } from "@/lib/kst";
import { seedBulk } from "@/scripts/seed/bulk";
import { type TableSizes, tableSizes } from "./database";
import type { ExplainedPage } from "./explain";
import { type Latency, runLoad } from "./load";
import { type RunningServer, startApp } from "./servers";

// Pages: a fixed list of signed-in dashboard URLs, each timed to the last byte of the streamed
// page, with the SQL behind it explained (bench/explain.ts), and the same page list on the
// embedded database. Exports are bench/export.ts.

export interface PageSizes {
  /** Timed requests per page (after five untimed ones). */
  requests: number;
  pageSize: number;
  /** The "deep page" of each list. */
  deepPage: number;
  exportRows: number;
  embeddedApprovals: number;
  embeddedMerchants: number;
  /** Only the pages whose name contains one of these (`--pages`); every page when unset. */
  pageNames?: string[];
}

export const pageSizes: Record<"full" | "smoke", PageSizes> = {
  full: {
    // A p95 of 20 samples is its 19th: one descheduled request decided it. 100 make it the 95th.
    requests: 100,
    pageSize: 25,
    deepPage: 2000,
    exportRows: 1_000_000,
    embeddedApprovals: 1_000_000,
    embeddedMerchants: 30_000,
  },
  smoke: { requests: 3, pageSize: 25, deepPage: 20, exportRows: 2000, embeddedApprovals: 2000, embeddedMerchants: 200 },
};

export interface PageFigures {
  name: string;
  path: string;
  requests: number;
  ok: number;
  latencyMs: Latency;
  sqlMs: number | null;
  /** Page p50 / SQL time. */
  ratio: number | null;
  seqScans: string[];
  boundedSeqScans: string[];
  firstFailure?: string;
}

const benchUser = { email: "bench@payssam.test", password: "bench-password-1234!" };

/** Creates the benchmark's dashboard user (through `npm run user:create`) unless it exists. */
export function createBenchUser(target: { databaseUrl?: string; pgliteDir?: string }) {
  // The password goes in through the environment: user:create refuses it on the command line.
  const env: NodeJS.ProcessEnv = { ...process.env, PAYSSAM_USER_PASSWORD: benchUser.password };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  if (target.pgliteDir) env.PGLITE_DIR = target.pgliteDir;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/user-create.ts", "--email", benchUser.email, "--role", "admin"],
    { env, encoding: "utf8" },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 && !/exist/i.test(output)) throw new Error(`user:create failed: ${output}`);
}

/**
 * A session cookie for the dashboard (Better Auth email sign-in), or "" when pages need none.
 * `ensureUser` creates the account first where the database can take a second client.
 */
export async function signIn(app: RunningServer, log: (line: string) => void, ensureUser?: () => void) {
  const probe = await request(`${app.origin}/approvals`, { method: "GET" });
  await probe.body.dump();
  if (probe.statusCode === 200) return "";
  ensureUser?.();
  // On a connection of its own: creating the user can outlast the server's keep-alive timeout,
  // and the sign-in would then be written to the probe's socket just as the server closes it.
  const answer = await request(`${app.origin}/api/auth/sign-in/email`, {
    dispatcher: new Agent(),
    method: "POST",
    headers: { "content-type": "application/json", origin: app.origin },
    body: JSON.stringify(benchUser),
  });
  const body = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`Sign-in failed: ${answer.statusCode} ${body.slice(0, 300)}`);
  const setCookie = answer.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ""])
    .map((line) => line.split(";")[0])
    .filter(Boolean)
    .join("; ");
  log(`  signed in as ${benchUser.email}`);
  return cookie;
}

interface PageCase {
  name: string;
  path: string;
}

const first = <Row>(rows: Row[]) => {
  if (rows.length === 0) throw new Error("The database has too few rows for the page list: seed it first.");
  return rows[0];
};

/** The page list, with ids, names and cursors taken from the data (lookups, not timed). */
async function pageCases(handle: DatabaseHandle, sizes: PageSizes): Promise<PageCase[]> {
  const { db } = handle;
  const query = async <Row>(statement: ReturnType<typeof sql>) => rowsOf<Row>(await db.execute(statement));
  const [{ count }] = await query<{ count: number }>(sql`SELECT count(*)::int AS count FROM approvals`);
  const [{ merchantCount }] = await query<{ merchantCount: number }>(
    sql`SELECT count(*)::int AS "merchantCount" FROM merchants WHERE NOT is_deleted`,
  );
  // The deep page, or the middle of the list when there are fewer rows (smoke data).
  const deepOffset = (rows: number) => Math.min((sizes.deepPage - 1) * sizes.pageSize, Math.floor(rows / 2));
  const deepPageNumber = (rows: number) => Math.floor(deepOffset(rows) / sizes.pageSize) + 1;
  const approvalOffset = deepOffset(count);
  const byDate = first(
    await query<{ value: string; id: number }>(
      sql`SELECT appr_dt::text AS value, id::int AS id FROM approvals ORDER BY appr_dt DESC, id DESC OFFSET ${approvalOffset} LIMIT 1`,
    ),
  );
  const byPrice = first(
    await query<{ value: string; id: number }>(
      sql`SELECT appr_price::text AS value, id::int AS id FROM approvals ORDER BY appr_price DESC, id DESC OFFSET ${approvalOffset} LIMIT 1`,
    ),
  );
  const byUpdate = first(
    await query<{ value: string; id: number }>(
      sql`SELECT updated_at::text AS value, id::int AS id FROM merchants WHERE NOT is_deleted ORDER BY updated_at DESC, id DESC OFFSET ${deepOffset(merchantCount)} LIMIT 1`,
    ),
  );
  // A bill from the middle of the table, and a merchant with a company name and business number.
  const bill = first(
    await query<{ billId: string }>(
      sql`SELECT bill_id AS "billId" FROM approvals WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM approvals) ORDER BY id LIMIT 1`,
    ),
  );
  const merchant = first(
    await query<{ companyName: string; businessNumber: string }>(
      sql`SELECT company_name AS "companyName", business_number AS "businessNumber" FROM merchants WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM merchants) AND company_name IS NOT NULL AND business_number IS NOT NULL ORDER BY id LIMIT 1`,
    ),
  );
  const today = new Date();
  const weekAgo = new Date(today.getTime() - 6 * 86_400_000);
  const cursor = (row: { value: string; id: number }, numeric = false) =>
    encodeURIComponent(encodeCursor({ value: numeric ? Number(row.value) : row.value, id: row.id }));
  const number = merchant.businessNumber.replace(/\D/g, "");
  const dashed = `${number.slice(0, 3)}-${number.slice(3, 5)}-${number.slice(5)}`;
  const monthAgo = formatKstDate(new Date(today.getTime() - 29 * 86_400_000));

  return [
    { name: "overview", path: "/" },
    { name: "approvals page 1", path: "/approvals" },
    {
      name: "approvals deep page",
      path: `/approvals?after=${cursor(byDate)}&page=${deepPageNumber(count) + 1}`,
    },
    { name: "approvals by exact billId", path: `/approvals?billId=${bill.billId}&match=exact` },
    { name: "approvals by billId prefix", path: `/approvals?billId=${bill.billId.slice(0, 12)}` },
    {
      name: "approvals last 7 days, state F",
      path: `/approvals?state=F&from=${formatKstDate(weekAgo)}&to=${formatKstDate(today)}`,
    },
    {
      name: "approvals amount range + issuer",
      path: `/approvals?min=50000&max=200000&issuer=${encodeURIComponent("신한카드")}`,
    },
    { name: "approvals by amount page 1", path: "/approvals?sort=price_desc" },
    {
      name: "approvals by amount deep page",
      path: `/approvals?sort=price_desc&after=${cursor(byPrice, true)}&page=${deepPageNumber(count) + 1}`,
    },
    { name: "merchants page 1", path: "/merchants" },
    {
      name: "merchants deep page",
      path: `/merchants?after=${cursor(byUpdate)}&page=${deepPageNumber(merchantCount) + 1}`,
    },
    ...["N", "W", "P", "R", "S", "O"].map((status) => ({
      name: `merchants status ${status}`,
      path: `/merchants?status=${status}`,
    })),
    { name: "merchants search by name", path: `/merchants?q=${encodeURIComponent(merchant.companyName)}` },
    { name: "merchants search by business number", path: `/merchants?q=${dashed}` },
    { name: "callback log page 1", path: "/callbacks" },
    { name: "needs action", path: "/needs-action" },
    { name: "needs action R, unacknowledged", path: "/needs-action?status=R&show=open" },
    { name: "retry deadlines 7 days", path: "/retry-deadlines" },
    { name: "retry deadlines 14 days", path: "/retry-deadlines?days=14" },
    { name: "audit log page 1", path: "/audit" },
    { name: "alerts", path: "/alerts" },
    // 대사 and 청구서 (issue 17): the summary cards are on every 대사 page, over the range or over everything.
    { name: "대사 page 1 (summary of everything)", path: "/reconciliation" },
    { name: "대사 last 30 days", path: `/reconciliation?from=${monthAgo}&to=${formatKstDate(today)}` },
    { name: "대사 status 일치", path: "/reconciliation?status=matched" },
    {
      name: "대사 status 미결제, last 30 days",
      path: `/reconciliation?status=unpaid&from=${monthAgo}&to=${formatKstDate(today)}`,
    },
    { name: "대사 reason 금액", path: "/reconciliation?reason=amount" },
    { name: "청구서 page 1", path: "/bills" },
    ...(await merchantCases(handle)),
  ];
}

/** The merchant with the most bills: its page (approvals and totals) and /approvals filtered to it. */
async function merchantCases(handle: DatabaseHandle): Promise<PageCase[]> {
  const [busiest] = rowsOf<{ id: number; memberId: string; merchantId: string }>(
    await handle.db.execute(sql`
      SELECT m.id::int AS id, m.member_id AS "memberId", m.merchant_id AS "merchantId"
      FROM (SELECT member_id, merchant_id FROM bills GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1) b
      JOIN merchants m ON m.member_id = b.member_id AND m.merchant_id = b.merchant_id`),
  );
  // Without bills (the embedded data) no approval belongs to a merchant: nothing to measure.
  if (!busiest) return [];
  const query = `memberId=${encodeURIComponent(busiest.memberId)}&merchantId=${encodeURIComponent(busiest.merchantId)}`;
  return [
    { name: "merchant page with its approvals and totals", path: `/merchants/${busiest.id}` },
    { name: "approvals by merchant", path: `/approvals?${query}` },
  ];
}

function explainPages(databaseUrl: string, paths: string[]): ExplainedPage[] {
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/explain.ts", JSON.stringify(paths)],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", maxBuffer: 64 << 20 },
  );
  if (result.status !== 0) throw new Error(`bench/explain.ts failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function timePages(
  app: RunningServer,
  cookie: string,
  cases: PageCase[],
  requests: number,
  explained: ExplainedPage[] | null,
  log: (line: string) => void,
): Promise<PageFigures[]> {
  const figures: PageFigures[] = [];
  for (const page of cases) {
    const pageRequest = { method: "GET" as const, path: page.path, headers: cookie ? { cookie } : undefined };
    const accept = (status: number) => status === 200;
    // Untimed requests first: the first of a route loads its bundle, the next few warm its code.
    await runLoad({ origin: app.origin, requests: Array(5).fill(pageRequest), concurrency: 1, accept });
    const {
      samples: _samples,
      throughput: _throughput,
      seconds: _seconds,
      ...result
    } = await runLoad({
      origin: app.origin,
      requests: Array.from({ length: requests }, () => pageRequest),
      concurrency: 1,
      accept,
    });
    const sql = explained?.find((entry) => entry.path === page.path);
    const sqlMs = sql ? Math.max(sql.sqlMs, 0.01) : null;
    figures.push({
      name: page.name,
      path: page.path,
      ...result,
      sqlMs: sql ? sql.sqlMs : null,
      ratio: sqlMs === null ? null : Math.round((result.latencyMs.p50 / sqlMs) * 10) / 10,
      seqScans: sql?.seqScans ?? [],
      boundedSeqScans: sql?.boundedSeqScans ?? [],
    });
    const last = figures.at(-1)!;
    log(
      `  ${page.name}: p50 ${last.latencyMs.p50} ms, p95 ${last.latencyMs.p95} ms` +
        (last.sqlMs === null
          ? ""
          : `, SQL ${last.sqlMs} ms${last.seqScans.length > 0 ? ` (Seq Scan ${last.seqScans})` : ""}`) +
        (last.ok < last.requests ? ` — ${last.requests - last.ok} failed: ${last.firstFailure}` : ""),
    );
  }
  return figures;
}

export async function benchPages(
  app: RunningServer,
  cookie: string,
  target: { handle: DatabaseHandle; databaseUrl: string },
  sizes: PageSizes,
  log: (line: string) => void,
): Promise<PageFigures[]> {
  const cases = (await pageCases(target.handle, sizes)).filter(
    (page) => !sizes.pageNames || sizes.pageNames.some((name) => page.name.includes(name)),
  );
  const explained = explainPages(
    target.databaseUrl,
    cases.map((page) => page.path),
  );
  return timePages(app, cookie, cases, sizes.requests, explained, log);
}

/** The page list on the embedded database: seeded in a temporary directory, then served by PGlite. */
export async function benchEmbedded(
  appDir: string,
  port: number,
  logDir: string,
  sizes: PageSizes,
  log: (line: string) => void,
): Promise<{ data: TableSizes; pages: PageFigures[] }> {
  const directory = path.join(os.tmpdir(), `payssam-bench-pglite-${process.pid}`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  try {
    const handle = await openDatabase({ pgliteDir: directory, migrate: true });
    let cases: PageCase[];
    let data: TableSizes;
    let hasAccounts = false;
    try {
      const seeded = await seedBulk(handle, {
        approvals: sizes.embeddedApprovals,
        merchants: sizes.embeddedMerchants,
        progress: process.stdout.isTTY,
      });
      log(`  seeded in ${seeded.seconds} s`);
      cases = await pageCases(handle, sizes);
      data = await tableSizes(handle);
      const [auth] = rowsOf<{ present: boolean }>(
        await handle.db.execute(sql`SELECT to_regclass('auth_users') IS NOT NULL AS present`),
      );
      hasAccounts = auth.present;
    } finally {
      // PGlite is one process's: the server can open it only once this handle is closed.
      await handle.close();
    }
    // Made before the server starts: it will hold the directory. Without account tables the
    // dashboard has no sign-in to pass.
    if (hasAccounts) createBenchUser({ pgliteDir: directory });
    const app = await startApp(appDir, port, { pgliteDir: directory }, logDir);
    try {
      const cookie = await signIn(app, log);
      return { data, pages: await timePages(app, cookie, cases, sizes.requests, null, log) };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

import type { Sql } from "postgres";
import { type Database, openDatabase } from "@/db";
import { getAlertStatusCounts, getAlerts } from "@/db/queries/alert-outbox";
import { getApprovalsPage, getApprovalsSummary } from "@/db/queries/approvals";
import { getAuditLogPage } from "@/db/queries/audit-log-list";
import { getBillsPage, getMerchantApprovalsPage, getMerchantTotals } from "@/db/queries/bills";
import {
  countCallbackDeliveries,
  getCallbackDeliveriesPage,
  getLatestRefusedDeliveries,
  getMerchantDeliveries,
} from "@/db/queries/callback-deliveries";
import { getMerchant, getMerchantStatusCounts, getMerchantsPage, getMerchantTimeline } from "@/db/queries/merchants";
import {
  getMerchantMemos,
  getMerchantVersion,
  getNeedsActionCounts,
  getNeedsActionPage,
  getNeedsActionSummary,
} from "@/db/queries/needs-action";
import { getMerchantCountsByStatus, isDatabaseEmpty } from "@/db/queries/overview";
import { getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import { getRefusalDetails } from "@/db/queries/retry-deadlines";
import { parseAlertsSearch } from "@/lib/alerts/page-inputs";
import { parseApprovalsSearch } from "@/lib/dashboard/approval-filters";
import { parseAuditSearch } from "@/lib/dashboard/audit-filters";
import { parseBillsSearch } from "@/lib/dashboard/bill-filters";
import { parseCallbacksSearch } from "@/lib/dashboard/callback-filters";
import { parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
import { parseNeedsActionSearch } from "@/lib/dashboard/needs-action";
import { getDailyApprovals } from "@/lib/dashboard/overview";
import {
  parseReconciliationSearch,
  reconciliationListFilters,
  summaryRange,
} from "@/lib/dashboard/reconciliation-filters";
import { parseRetryDeadlinesSearch, retryPageSize } from "@/lib/dashboard/retry-deadlines";
import { getRetryEpisodes } from "@/lib/dashboard/retry-episodes";

// The SQL behind each benchmarked page, measured with EXPLAIN (ANALYZE, BUFFERS): the page's own
// query functions from db/queries run against a client that records every statement, and each
// recorded statement is explained with the same parameters. Run by bench/pages.ts as
//   node --conditions=react-server --import tsx bench/explain.ts <paths as JSON>
// (react-server: the query modules import "server-only"), with DATABASE_URL set.

type RawParams = Record<string, string>;

// What each page calls, as in its page.tsx (kept in step by hand: a page that changes its
// queries must change here too, or the benchmark measures something else).
const pageQueries: Record<string, (db: Database, params: RawParams) => Promise<unknown>[]> = {
  "/": (db) => [
    getMerchantCountsByStatus(db),
    getDailyApprovals(db, new Date()),
    getLatestRefusedDeliveries(db, 8),
    getNeedsActionSummary(db),
    getRetryEpisodes(db, 7),
    isDatabaseEmpty(db),
  ],
  "/approvals": (db, params) => {
    const { filters } = parseApprovalsSearch(params);
    return [getApprovalsPage(db, filters), getApprovalsSummary(db, filters)];
  },
  "/merchants": (db, params) => {
    const { filters } = parseMerchantsSearch(params);
    return [getMerchantsPage(db, filters), getMerchantStatusCounts(db, filters)];
  },
  "/callbacks": (db, params) => {
    const { filters } = parseCallbacksSearch(params);
    return [getCallbackDeliveriesPage(db, filters), countCallbackDeliveries(db, filters)];
  },
  "/needs-action": (db, params) => {
    const { filters } = parseNeedsActionSearch(params);
    return [getNeedsActionPage(db, filters), getNeedsActionCounts(db)];
  },
  "/audit": (db, params) => {
    const { filters } = parseAuditSearch(params);
    return [getAuditLogPage(db, filters)];
  },
  "/alerts": (db, params) => {
    const { filters } = parseAlertsSearch(params);
    return [getAlerts(db, filters.status), getAlertStatusCounts(db)];
  },
  "/reconciliation": (db, params) => {
    const { filters } = parseReconciliationSearch(params);
    return [
      getReconciliationSummary(db, summaryRange(filters)),
      getReconciliationsPage(db, reconciliationListFilters(filters)),
    ];
  },
  "/bills": (db, params) => {
    const { filters } = parseBillsSearch(params);
    return [
      getBillsPage(db, {
        ...filters,
        memberId: filters.memberId || undefined,
        merchantId: filters.merchantId || undefined,
        billId: filters.billId || undefined,
      }),
    ];
  },
  // A merchant's page: its record, history and memos, and its approvals with their totals.
  "/merchants/[id]": (db, params) => {
    const id = Number(params.id);
    return [
      getMerchant(db, id).then((merchant) =>
        merchant
          ? Promise.all([
              getMerchantTotals(db, merchant),
              getMerchantApprovalsPage(db, { memberId: merchant.memberId, merchantId: merchant.merchantId, size: 10 }),
            ])
          : null,
      ),
      getMerchantTimeline(db, id),
      getMerchantDeliveries(db, id),
      getMerchantMemos(db, id),
      getMerchantVersion(db, id),
    ];
  },
  "/retry-deadlines": (db, params) => {
    const { filters } = parseRetryDeadlinesSearch(params);
    return [
      getRetryEpisodes(db, filters.days).then(({ episodes }) =>
        getRefusalDetails(
          db,
          episodes.slice(0, retryPageSize).map((episode) => episode.lastRefusalId),
        ),
      ),
    ];
  },
};

export interface ExplainedPage {
  path: string;
  /** Planning + execution time of every statement, median of `repeat` runs, summed. */
  sqlMs: number;
  /** Big tables a Seq Scan reads through (see seqScanRowLimit), with the rows it read. */
  seqScans: string[];
  /** Seq Scans on big tables that stop early (a LIMIT): not a scan of the table. */
  boundedSeqScans: string[];
  statements: { sql: string; ms: number; seqScans: string[]; boundedSeqScans: string[] }[];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

interface ExplainOutput {
  Plan: PlanNode;
  "Planning Time": number;
  "Execution Time": number;
}

const bigTables = new Set(["approvals", "merchants"]);
// A Seq Scan under a LIMIT that stops after the capped count's 10,001 rows reads 1 % of a million:
// it is the planner's cheapest way to read 10,001 rows, not a scan of the table. One that reads
// more than this is flagged.
const seqScanRowLimit = 20_000;

interface SeqScan {
  table: string;
  rowsRead: number;
}

function seqScansOf(node: PlanNode): SeqScan[] {
  const own =
    node["Node Type"] === "Seq Scan" && bigTables.has(node["Relation Name"] ?? "")
      ? [
          {
            table: node["Relation Name"]!,
            rowsRead:
              ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1),
          },
        ]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScansOf)];
}

const describeScan = (scan: SeqScan) => `${scan.table} (${scan.rowsRead.toLocaleString("en")} rows read)`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const paths: string[] = JSON.parse(process.argv[2]);
  const repeat = Number(process.argv[3] ?? 5);
  const handle = await openDatabase({ url: process.env.DATABASE_URL!, migrate: false, poolMax: 1 });
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const recorded: { query: string; params: unknown[] }[] = [];
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, params?: unknown[], options?: object) => {
    recorded.push({ query, params: params ?? [] });
    return unsafe(query, params as never, options as never);
  }) as Sql["unsafe"];

  const explained: ExplainedPage[] = [];
  for (const path of paths) {
    const url = new URL(path, "http://bench");
    const detail = /^\/merchants\/(\d+)$/.exec(url.pathname);
    if (detail) url.searchParams.set("id", detail[1]);
    const queries = pageQueries[detail ? "/merchants/[id]" : url.pathname];
    if (!queries) throw new Error(`No query list for ${url.pathname} in bench/explain.ts`);
    recorded.length = 0;
    await Promise.all(queries(handle.db, Object.fromEntries(url.searchParams)));
    const statements = [...recorded];
    const measured: ExplainedPage["statements"] = [];
    for (const { query, params } of statements) {
      const times: number[] = [];
      let scans: SeqScan[] = [];
      for (let run = 0; run < repeat; run++) {
        const [row] = await unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, params as never);
        const [plan] = (row as unknown as { "QUERY PLAN": ExplainOutput[] })["QUERY PLAN"];
        times.push(plan["Planning Time"] + plan["Execution Time"]);
        scans = seqScansOf(plan.Plan);
      }
      measured.push({
        sql: query,
        ms: Math.round(median(times) * 100) / 100,
        seqScans: scans.filter((scan) => scan.rowsRead > seqScanRowLimit).map(describeScan),
        boundedSeqScans: scans.filter((scan) => scan.rowsRead <= seqScanRowLimit).map(describeScan),
      });
    }
    explained.push({
      path,
      sqlMs: Math.round(measured.reduce((sum, statement) => sum + statement.ms, 0) * 100) / 100,
      seqScans: measured.flatMap((statement) => statement.seqScans),
      boundedSeqScans: measured.flatMap((statement) => statement.boundedSeqScans),
      statements: measured,
    });
  }
  await handle.close();
  process.stdout.write(JSON.stringify(explained));
}

await main();

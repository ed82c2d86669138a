// `npx tsx scripts/measure-reconcile.ts --rate 1000 [--pass-only] [--out bench/results/x.json]`: a
// scale check for issue 17. Against DATABASE_URL (seeded with `db:seed -- --approvals N --merchants M
// --bills B --open-bills O`): the 대사 page's and a merchant's queries (p95 of 30 runs each), then one
// reconciliation pass over the open bills against the fake PaySsam on a real socket at --rate
// reads/s, with its duration against what the rate implies and the process's memory (RSS) sampled
// every second.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db";
import { getBillsPage, getMerchantApprovalsPage, getMerchantTotals } from "@/db/queries/bills";
import { getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import { env } from "@/lib/env";
import { startFakePayssam } from "@/lib/fake-payssam/server";
import { formatKstDate } from "@/lib/kst";
import { createPayssamClient } from "@/lib/payssam/client";
import { runReconciliationPass } from "@/lib/reconcile/run";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "1000" },
    port: { type: "string", default: "3262" },
    "pass-only": { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const rate = Number(values.rate);
const url = env().DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const handle = await openDatabase({ url, migrate: false, poolMax: 8 });
const { db } = handle;

async function p95(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  queries[label] = { p50: Number(times[14].toFixed(1)), p95: Number(times[28].toFixed(1)) };
  console.log(`${label}: p50 ${times[14].toFixed(1)} ms, p95 ${times[28].toFixed(1)} ms`);
}

const [counts] = rowsOf<{ bills: number; approvals: number; open: number }>(
  await db.execute(sql`select (select count(*)::int from bills) as bills, (select count(*)::int from approvals) as approvals,
    (select count(*)::int from reconciliations where next_read_at is not null) as open`),
);
console.log(`bills ${counts.bills}, approvals ${counts.approvals}, open bills ${counts.open}`);
const [busiest] = rowsOf<{ member_id: string; merchant_id: string; n: number }>(
  await db.execute(
    sql`select member_id, merchant_id, count(*)::int as n from bills group by 1, 2 order by 3 desc limit 1`,
  ),
);
const merchant = { memberId: busiest.member_id, merchantId: busiest.merchant_id };
const queries: Record<string, { p50: number; p95: number }> = {};
const today = formatKstDate(new Date());
const monthAgo = formatKstDate(new Date(Date.now() - 29 * 86_400_000));
if (!values["pass-only"]) {
  await p95("대사 summary, last 30 days", () => getReconciliationSummary(db, { from: monthAgo, to: today }));
  await p95("대사 summary, everything", () => getReconciliationSummary(db, {}));
  await p95("대사 list, first page", () => getReconciliationsPage(db, { size: 50 }));
  await p95("대사 list, status 일치 + 30 days", () =>
    getReconciliationsPage(db, { status: "matched", from: monthAgo, to: today, size: 50 }),
  );
  await p95(`merchant approvals (${busiest.n} bills)`, () => getMerchantApprovalsPage(db, { ...merchant, size: 50 }));
  await p95("merchant totals", () => getMerchantTotals(db, merchant));
  await p95("청구서 list, first page", () => getBillsPage(db, { size: 50 }));
}

const fake = await startFakePayssam({ port: Number(values.port), unknownAs: "W" });
const client = createPayssamClient({ base: fake.url, apiKey: "measure", ratePerSecond: rate });
// Sampled every second: flat memory means the pass holds a page of bills and a batch of results,
// not the whole work list.
const rssSamples: number[] = [];
const heapSamples: number[] = [];
const sampler = setInterval(() => {
  const memory = process.memoryUsage();
  rssSamples.push(memory.rss);
  heapSamples.push(memory.heapUsed);
}, 1000);
// CPU of this process (the pass, the client and the fake): a pass that cannot get this much of a
// core per second runs behind the rate whatever the database does.
const cpuBefore = process.cpuUsage();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const report = await runReconciliationPass({
  db,
  client,
  intervalMinutes: 15,
  alerts: false,
  // Enough reads in flight that the rate, not a read's round trip, sets the pace.
  concurrency: Math.max(8, Math.ceil(rate / 10)),
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuMsPerRead = Number(((cpu.user + cpu.system) / 1000 / Math.max(report.read, 1)).toFixed(2));
clearInterval(sampler);
const implied = report.read / rate;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const rss = { before: mib(rssBefore), min: mib(Math.min(...rssSamples)), max: mib(Math.max(...rssSamples)) };
const heap = { min: mib(Math.min(...heapSamples)), max: mib(Math.max(...heapSamples)) };
// The first and last tenth of the samples: growth over the pass shows as a difference here.
const tenth = Math.max(1, Math.floor(rssSamples.length / 10));
const average = (values: number[]) => mib(values.reduce((sum, value) => sum + value, 0) / values.length);
const rssTrend = { firstTenth: average(rssSamples.slice(0, tenth)), lastTenth: average(rssSamples.slice(-tenth)) };
const overPercent = Number(((seconds / implied - 1) * 100).toFixed(1));
console.log(
  `pass: ${report.read} reads in ${seconds.toFixed(1)} s at ${rate}/s (the rate implies ${implied.toFixed(1)} s: ` +
    `${overPercent} % over); fake served ${fake.fake.stats().reads}; RSS MiB ${JSON.stringify(rss)}, ` +
    `first/last tenth ${JSON.stringify(rssTrend)}, heap ${JSON.stringify(heap)}; CPU ${cpuMsPerRead} ms per read; statuses ${JSON.stringify(report.readStatuses)}`,
);
if (values.out) {
  const result = {
    at: new Date().toISOString(),
    counts,
    queries,
    pass: {
      rate,
      reads: report.read,
      seconds: Number(seconds.toFixed(1)),
      impliedSeconds: Number(implied.toFixed(1)),
      overPercent,
      status: report.status,
      readStatuses: report.readStatuses,
      rssMiB: rss,
      rssTrendMiB: rssTrend,
      heapUsedMiB: heap,
      cpuMsPerRead,
      rssSamplesMiB: rssSamples.map(mib),
    },
  };
  writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
}
await fake.close();
await handle.close();

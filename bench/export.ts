import { sql } from "drizzle-orm";
import { request } from "undici";
import { type DatabaseHandle, rowsOf } from "@/db";
import { formatKstDate } from "@/lib/kst";
import { processMemory, type RunningServer, resetPeakMemory } from "./servers";

// Exports at scale: a download's rows per second and the server's memory growth while it
// streams. benchExport takes any export URL, so each format (CSV today, Excel from issue 11)
// is measured the same way: `exportFilter(handle, rows)` gives the approvals filter that selects
// about `rows` rows, to put on whichever approvals export route.

export interface ExportFigures {
  path: string;
  format: "csv" | "xlsx" | "other";
  /** Data rows: counted in the CSV (lines less the header), else as the filter selects them. */
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  peakMb: number;
  growthMb: number;
}

/** The `from=` filter (KST date) that selects about the newest `rows` approvals, and how many it selects. */
export async function exportFilter(handle: DatabaseHandle, rows: number): Promise<{ query: string; rows: number }> {
  const [row] = rowsOf<{ dt: string }>(
    await handle.db.execute(
      sql`SELECT to_char(appr_dt at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS dt FROM approvals ORDER BY appr_dt DESC, id DESC OFFSET ${Math.max(rows - 1, 0)} LIMIT 1`,
    ),
  );
  if (!row) {
    const [all] = rowsOf<{ count: number }>(await handle.db.execute(sql`SELECT count(*)::int AS count FROM approvals`));
    return { query: "", rows: Number(all.count) };
  }
  const from = formatKstDate(new Date(row.dt));
  const [selected] = rowsOf<{ count: number }>(
    await handle.db.execute(
      sql`SELECT count(*)::int AS count FROM approvals WHERE appr_dt >= ((${from}::date)::timestamp - interval '9 hours') at time zone 'UTC'`,
    ),
  );
  return { query: `from=${from}`, rows: Number(selected.count) };
}

/** What the merchants export selects without a filter: every merchant not deleted. */
export async function liveMerchants(handle: DatabaseHandle): Promise<number> {
  const [row] = rowsOf<{ count: number }>(
    await handle.db.execute(sql`SELECT count(*)::int AS count FROM merchants WHERE NOT is_deleted`),
  );
  return Number(row.count);
}

/** Downloads `path` from the app: time to the last byte, rows, and the server's peak memory. */
export async function benchExport(
  app: RunningServer,
  cookie: string,
  target: { path: string; expectedRows: number },
  log: (line: string) => void,
): Promise<ExportFigures> {
  const before = processMemory(app.pid);
  const peakResettable = resetPeakMemory(app.pid);
  // Without a resettable peak, sample the resident size while the download runs.
  let sampledPeak = before.rssMb;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, processMemory(app.pid).rssMb);
  }, 20);
  const started = performance.now();
  let bytes = 0;
  let newlines = 0;
  let format: ExportFigures["format"] = "other";
  try {
    const answer = await request(`${app.origin}${target.path}`, { headers: cookie ? { cookie } : {} });
    if (answer.statusCode !== 200) throw new Error(`Export ${target.path} answered ${answer.statusCode}`);
    const type = String(answer.headers["content-type"] ?? "");
    format = type.includes("csv") ? "csv" : type.includes("spreadsheetml") ? "xlsx" : "other";
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (format === "csv") {
        for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) newlines++;
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = processMemory(app.pid);
  const peakMb = peakResettable ? after.peakMb : Math.max(sampledPeak, after.rssMb);
  // The CSV's header line is not a row.
  const rows = format === "csv" ? newlines - 1 : target.expectedRows;
  const figures: ExportFigures = {
    path: target.path,
    format,
    rows,
    bytes,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    rssBeforeMb: before.rssMb,
    peakMb,
    growthMb: Math.max(0, peakMb - before.rssMb),
  };
  log(
    `  ${format}: ${rows} rows, ${Math.round(bytes / 2 ** 20)} MB in ${figures.seconds} s (${figures.rowsPerSecond} rows/s); memory ${figures.rssBeforeMb} → peak ${peakMb} MB`,
  );
  return figures;
}

import { type Database, getDb } from "@/db";
import type { StaffAction } from "@/lib/audit/actions";
import { recordRequestAction } from "@/lib/audit/record";
import { authenticateRequest } from "@/lib/auth/session";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { formatKstDate } from "@/lib/kst";
import { logger } from "@/lib/logger";
import type { ExportFormat } from "./format";

// Every dashboard download (CSV and Excel, approvals and merchants) goes through here: sign-in
// check, the page's own URL parser, an audit entry, then the rows streamed a batch at a time.
// Each route file only names what it exports and in which format.

export interface ExportSpec<Filters, Row> {
  /** The list exported, in the file name, the log and the error message: `approvals`. */
  name: string;
  action: StaffAction;
  parse: (raw: RawSearchParams) => { filters: Filters; notes: string[] };
  /** The filters as the audit log records them. */
  queryString: (filters: Filters) => string;
  /** Every matching row in list order, a batch at a time. */
  batches: (db: Database, filters: Filters) => AsyncGenerator<Row[], void>;
  /** The format, or one made for the filters (a workbook whose summary sheet depends on them). */
  format: ExportFormat<Row> | ((db: Database, filters: Filters) => Promise<ExportFormat<Row>>);
}

// drizzle's error message lists the query's parameters (search text included); the database's own
// reason, its cause, does not.
function failure(name: string, error: unknown, when: string): Error {
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "unknown";
  logger.error({ event: "export", kind: name, reason }, `${name} export failed ${when}`);
  return new Error(`${name} export failed ${when}`);
}

export function exportHandler<Filters, Row>(spec: ExportSpec<Filters, Row>) {
  return async function exportRows(request: Request): Promise<Response> {
    // Any signed-in role may export; proxy.ts has only seen that a cookie exists.
    const { staff, denied } = await authenticateRequest(request);
    if (denied) return denied;
    const url = new URL(request.url);
    const { filters, notes } = spec.parse(Object.fromEntries(url.searchParams));
    // The page never links to a filter it could not use; a hand-made URL gets told rather than a
    // file of something other than what was asked for.
    if (notes.length > 0) {
      return Response.json(
        { code: "1002", message: "내보낼 조건을 이해하지 못했습니다.", errors: notes },
        { status: 400, headers: { "cache-control": "no-store" } },
      );
    }
    const db = await getDb();
    const format = typeof spec.format === "function" ? await spec.format(db, filters) : spec.format;
    const batches = spec.batches(db, filters);
    // The first batch before the answer starts: a failing query is then a plain 500, not a file.
    let first: IteratorResult<Row[], void>;
    try {
      first = await batches.next();
    } catch (error) {
      throw failure(spec.name, error, "before the first row");
    }
    await recordRequestAction(db, request.headers, {
      action: spec.action,
      actor: { id: staff.id, email: staff.email },
      target: spec.queryString(filters) || null,
      details: { format: format.extension },
    });

    const file = format.open();
    let pending: IteratorResult<Row[], void> | null = first;
    const nextBatch = async () => {
      const batch = pending ?? (await batches.next());
      pending = null;
      return batch;
    };
    // pull() asks for the next batch only when the client has taken the previous one, so a
    // million rows never sit in memory and a slow download slows the queries down with it.
    // A batch that fails errors the stream, and Next.js then aborts the connection (no final
    // chunk): the browser marks the download failed instead of keeping a short file that looks
    // complete. The error it logs carries no query parameters.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          // A zip may have no bytes ready after a batch: read on until it has some, since a
          // pull that enqueues nothing is not called again.
          for (;;) {
            const batch = await nextBatch();
            const bytes = batch.done ? await file.finish() : await file.write(batch.value);
            if (bytes.length > 0) controller.enqueue(bytes);
            if (batch.done) {
              controller.close();
              return;
            }
            if (bytes.length > 0) return;
          }
        } catch (error) {
          file.abort();
          controller.error(failure(spec.name, error, "mid-stream"));
        }
      },
      async cancel() {
        file.abort();
        await batches.return(undefined);
      },
    });

    return new Response(body, {
      headers: {
        "content-type": format.contentType,
        "content-disposition": `attachment; filename="${spec.name}-${formatKstDate(new Date())}.${format.extension}"`,
        "cache-control": "no-store",
      },
    });
  };
}

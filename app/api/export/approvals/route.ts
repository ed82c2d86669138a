// The dashboard's "CSV 내보내기": the approvals list with the URL's filters, streamed a batch at a time.
import { approvalsQueryString, parseApprovalsSearch } from "@/app/(dashboard)/approvals/search-params";
import { getDb } from "@/db";
import { approvalBatches } from "@/db/queries/approvals";
import { recordRequestAction } from "@/lib/audit/record";
import { authenticateRequest } from "@/lib/auth/session";
import { csvBom, csvLine } from "@/lib/dashboard/csv";
import { installmentText } from "@/lib/dashboard/labels";
import { formatKst, formatKstDate } from "@/lib/kst";
import { logger } from "@/lib/logger";
import { maskAccountNumber } from "@/lib/mask";
import { approvalStateLabels, payTypeText } from "@/lib/payssam/codes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const header = [
  "ID",
  "청구서 ID (billId)",
  "상태 코드",
  "상태",
  "승인일시 (KST)",
  "금액 (원)",
  "결제 수단",
  "카드사/은행",
  "카드/계좌 번호",
  "할부",
  "승인번호",
];

type ApprovalBatch = Awaited<ReturnType<ReturnType<typeof approvalBatches>["next"]>>;

const encoder = new TextEncoder();

function csvOf(batch: ApprovalBatch): Uint8Array {
  if (batch.done) return new Uint8Array();
  const lines = batch.value.map((approval) =>
    csvLine([
      approval.id,
      approval.billId,
      approval.apprState,
      approvalStateLabels[approval.apprState],
      formatKst(approval.apprDt),
      approval.apprPrice,
      approval.apprPayType ? payTypeText(approval.apprPayType) : "",
      approval.apprIssuer,
      approval.apprIssuerNum ? maskAccountNumber(approval.apprIssuerNum) : "",
      approval.apprMonthly === null ? "" : installmentText(approval.apprMonthly),
      approval.apprNum,
    ]),
  );
  return encoder.encode(lines.join(""));
}

// drizzle's error message lists the query's parameters (search text included); the database's own
// reason, its cause, does not.
function failure(error: unknown, when: string): Error {
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "unknown";
  logger.error({ event: "export", kind: "approvals", reason }, `approvals export failed ${when}`);
  return new Error(`approvals export failed ${when}`);
}

export async function GET(request: Request) {
  // Any signed-in role may export; proxy.ts has only seen that a cookie exists.
  const { staff, denied } = await authenticateRequest(request);
  if (denied) return denied;
  const url = new URL(request.url);
  const { filters, notes } = parseApprovalsSearch(Object.fromEntries(url.searchParams));
  // The page never links to a filter it could not use; a hand-made URL gets told rather than a
  // file of something other than what was asked for.
  if (notes.length > 0) {
    return Response.json(
      { code: "1002", message: "내보낼 조건을 이해하지 못했습니다.", errors: notes },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  const batches = approvalBatches(filters);
  // The first batch before the answer starts: a failing query is then a plain 500, not a file.
  let first: ApprovalBatch;
  try {
    first = await batches.next();
  } catch (error) {
    throw failure(error, "before the first row");
  }
  const db = await getDb();
  await recordRequestAction(db, request.headers, {
    action: "approvals_exported",
    actor: { id: staff.id, email: staff.email },
    target: approvalsQueryString(filters) || null,
    details: { format: "csv" },
  });

  // pull() asks for the next batch only when the client has taken the previous one, so a
  // million rows never sit in memory and a slow download slows the queries down with it.
  // A batch that fails errors the stream, and Next.js then aborts the connection (no final
  // chunk): the browser marks the download failed instead of keeping a short file that looks
  // complete. The error it logs carries no query parameters.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvBom + csvLine(header)));
      controller.enqueue(csvOf(first));
      if (first.done) controller.close();
    },
    async pull(controller) {
      let next: ApprovalBatch;
      try {
        next = await batches.next();
      } catch (error) {
        controller.error(failure(error, "mid-stream"));
        return;
      }
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(csvOf(next));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="approvals-${formatKstDate(new Date())}.csv"`,
      "cache-control": "no-store",
    },
  });
}

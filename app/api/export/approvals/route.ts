// The dashboard's "CSV 내보내기": the approvals list with the URL's filters, streamed a batch at a time.
import { parseApprovalsSearch } from "@/app/(dashboard)/approvals/search-params";
import { approvalBatches } from "@/db/queries/approvals";
import { authenticateRequest } from "@/lib/auth/session";
import { csvBom, csvLine } from "@/lib/dashboard/csv";
import { installmentText } from "@/lib/dashboard/labels";
import { formatKst, formatKstDate } from "@/lib/kst";
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

export async function GET(request: Request) {
  // Any signed-in role may export; proxy.ts has only seen that a cookie exists.
  const { denied } = await authenticateRequest(request);
  if (denied) return denied;
  const url = new URL(request.url);
  const { filters } = parseApprovalsSearch(Object.fromEntries(url.searchParams));
  const batches = approvalBatches(filters);
  const encoder = new TextEncoder();

  // pull() asks for the next batch only when the client has taken the previous one, so a
  // million rows never sit in memory and a slow download slows the queries down with it.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvBom + csvLine(header)));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((approval) =>
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
      controller.enqueue(encoder.encode(lines.join("")));
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

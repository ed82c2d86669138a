import Link from "next/link";
import { reconciliationStatusTones } from "@/components/reconciliation-status-badge";
import { Badge } from "@/components/ui/badges";
import type { ReconciliationSummary } from "@/db/queries/reconciliation";
import { formatWon } from "@/lib/money";
import { atRiskStatuses, reconciliationStatusLabels } from "@/lib/reconcile/statuses";

// The 대사 page's cards for the chosen range: first the won at risk (paid money not accounted for
// yet), then count and won per status, each a link that lists those bills.

export function SummaryCards({
  summary,
  hrefFor,
}: {
  summary: ReconciliationSummary;
  hrefFor: (status?: string) => string;
}) {
  const risky = atRiskStatuses.map((status) => reconciliationStatusLabels[status]).join(" + ");
  return (
    <section aria-labelledby="reconciliation-summary" className="mb-4">
      <h2 id="reconciliation-summary" className="sr-only">
        상태별 요약
      </h2>
      <div className="mb-3 grid gap-3 sm:grid-cols-2">
        <div
          className={`rounded-lg border p-4 shadow-sm ${summary.atRisk.count > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
          data-testid="at-risk"
        >
          <p className="text-sm font-semibold text-slate-800">위험 금액</p>
          <p className="text-xs text-slate-600">{risky}</p>
          <p className="mt-1 text-2xl font-bold break-all tabular-nums">{formatWon(summary.atRisk.amount)}</p>
          <p className="text-sm text-slate-700 tabular-nums">{summary.atRisk.count.toLocaleString("ko-KR")}건</p>
        </div>
        <Link
          href={hrefFor()}
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400"
        >
          <p className="text-sm font-semibold text-slate-800">전체 청구서</p>
          <p className="text-xs text-slate-600">기간 안에 발행된 청구서와 미등록 승인</p>
          <p className="mt-1 text-2xl font-bold break-all tabular-nums">{formatWon(summary.total.amount)}</p>
          <p className="text-sm text-slate-700 tabular-nums">{summary.total.count.toLocaleString("ko-KR")}건</p>
        </Link>
      </div>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-9">
        {summary.byStatus.map((row) => (
          <li key={row.status}>
            <Link
              href={hrefFor(row.status)}
              className="flex h-full flex-col items-start gap-1 rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-slate-400"
            >
              <Badge tone={reconciliationStatusTones[row.status]}>{reconciliationStatusLabels[row.status]}</Badge>
              <span className="text-lg font-bold tabular-nums">{row.count.toLocaleString("ko-KR")}건</span>
              <span className="text-xs break-all text-slate-700 tabular-nums">{formatWon(row.amount)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

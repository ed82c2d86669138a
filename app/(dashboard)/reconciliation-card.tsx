import Link from "next/link";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import { getDb } from "@/db";
import { getReconciliationSummary } from "@/db/queries/reconciliation";
import { addDays, formatKstDate } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { atRiskStatuses } from "@/lib/reconcile/statuses";

// The overview's 대사 card: the last 30 KST days of bills, the won not accounted for yet, and the
// statuses that need someone (each a link to those bills on the 대사 page).

const watched = [...atRiskStatuses, "unregistered"] as const;

export async function ReconciliationCard({ now }: { now: Date }) {
  const range = { from: formatKstDate(addDays(now, -29)), to: formatKstDate(now) };
  const summary = await getReconciliationSummary(await getDb(), range);
  const counts = new Map(summary.byStatus.map((row) => [row.status, row]));
  const href = (status?: string) =>
    `/reconciliation?${new URLSearchParams({ ...range, ...(status ? { status } : {}) })}`;
  return (
    <section
      aria-labelledby="reconciliation-card"
      className={`rounded-lg border p-4 shadow-sm sm:p-5 ${summary.atRisk.count > 0 ? "border-red-200 bg-white" : "border-slate-200 bg-white"}`}
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="reconciliation-card" className="text-sm font-semibold text-slate-700">
          대사 <span className="font-normal text-slate-500">(최근 30일 발행 청구서, PaySsam 기록과 비교)</span>
        </h2>
        <Link href={href()} className="text-xs text-blue-700 hover:underline">
          대사 화면
        </Link>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p>
          <span className="block text-xs text-slate-600">위험 금액 (불일치 + 콜백 누락 + 대사불능)</span>
          <span
            className={`text-2xl font-bold tabular-nums ${summary.atRisk.count > 0 ? "text-red-700" : "text-slate-900"}`}
            data-testid="overview-at-risk"
          >
            {formatWon(summary.atRisk.amount)}
          </span>
          <span className="ml-2 text-sm text-slate-600 tabular-nums">
            {summary.atRisk.count.toLocaleString("ko-KR")}건 / 전체 {summary.total.count.toLocaleString("ko-KR")}건
          </span>
        </p>
        <ul className="flex flex-wrap gap-2">
          {watched.map((status) => (
            <li key={status}>
              <Link
                href={href(status)}
                className="flex items-center gap-2 rounded-md border border-slate-200 px-2.5 py-1.5 hover:border-slate-400"
              >
                <ReconciliationStatusBadge status={status} />
                <span className="text-sm font-semibold tabular-nums">
                  {(counts.get(status)?.count ?? 0).toLocaleString("ko-KR")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

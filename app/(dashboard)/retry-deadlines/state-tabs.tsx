import Link from "next/link";
import { type RetryState, type RetrySummary, retryStateLabels } from "@/lib/callbacks/retry-deadlines";
import { type RetryFilters, retryQueryString } from "@/lib/dashboard/retry-deadlines";

const pill = (active: boolean) =>
  `flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm whitespace-nowrap ${
    active
      ? "border-slate-900 bg-slate-900 font-semibold text-white"
      : "border-slate-300 bg-white text-slate-700 hover:border-slate-500"
  }`;

/** 전체 / 재시도 중 / 마감 지남 / 해결됨, and the window (최근 N일). */
export function StateTabs({
  filters,
  summary,
  windows,
}: {
  filters: RetryFilters;
  summary: RetrySummary;
  windows: readonly number[];
}) {
  const states: { state: RetryState | undefined; label: string; count: number }[] = [
    { state: undefined, label: "전체", count: summary.retrying + summary.lost + summary.resolved },
    ...(["retrying", "lost", "resolved"] as const).map((state) => ({
      state,
      label: retryStateLabels[state],
      count: summary[state],
    })),
  ];
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <nav aria-label="상태">
        <ul className="flex flex-wrap gap-1.5">
          {states.map((tab) => {
            const active = filters.state === tab.state;
            return (
              <li key={tab.label}>
                <Link
                  href={`/retry-deadlines${retryQueryString(filters, { state: tab.state })}`}
                  aria-current={active ? "page" : undefined}
                  className={pill(active)}
                >
                  {tab.label}
                  <span
                    className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-600"}`}
                  >
                    {tab.count.toLocaleString("ko-KR")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label="기간">
        <ul className="flex flex-wrap gap-1.5">
          {windows.map((days) => {
            const active = filters.days === days;
            return (
              <li key={days}>
                <Link
                  href={`/retry-deadlines${retryQueryString(filters, { days })}`}
                  aria-current={active ? "page" : undefined}
                  className={pill(active)}
                >
                  최근 {days}일
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

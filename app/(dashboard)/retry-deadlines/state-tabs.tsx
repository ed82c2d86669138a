import { PillTabs } from "@/components/ui/pill-tabs";
import { type RetryState, type RetrySummary, retryStateLabels } from "@/lib/callbacks/retry-deadlines";
import { type RetryFilters, retryDeadlinesQueryString } from "@/lib/dashboard/retry-deadlines";

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
      <PillTabs
        label="상태"
        tabs={states.map((tab) => ({
          label: tab.label,
          href: `/retry-deadlines${retryDeadlinesQueryString(filters, { state: tab.state })}`,
          active: filters.state === tab.state,
          count: tab.count.toLocaleString("ko-KR"),
        }))}
      />
      <PillTabs
        label="기간"
        tabs={windows.map((days) => ({
          label: `최근 ${days}일`,
          href: `/retry-deadlines${retryDeadlinesQueryString(filters, { days })}`,
          active: filters.days === days,
        }))}
      />
    </div>
  );
}

import { choicesWithAll, TabStrips, tabStrip } from "@/components/ui/pill-tabs";
import { type RetrySummary, retryStateLabels } from "@/lib/callbacks/retry-deadlines";
import { type RetryFilters, retryDeadlinesList } from "@/lib/dashboard/retry-deadlines";

const states = ["retrying", "lost", "resolved"] as const;

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
  return (
    <TabStrips
      strips={[
        tabStrip({
          label: "상태",
          choices: choicesWithAll(
            summary.retrying + summary.lost + summary.resolved,
            states,
            (state) => retryStateLabels[state],
            (state) => summary[state],
          ),
          current: filters.state,
          href: (state) => retryDeadlinesList.link(filters, { state }),
        }),
        tabStrip({
          label: "기간",
          choices: windows.map((days) => ({ value: days, label: `최근 ${days}일` })),
          current: filters.days,
          href: (days) => retryDeadlinesList.link(filters, { days }),
        }),
      ]}
    />
  );
}

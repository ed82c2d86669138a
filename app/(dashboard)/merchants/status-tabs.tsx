import { PillTabs } from "@/components/ui/pill-tabs";
import type { ReviewStatus } from "@/db/schema";
import { type MerchantFilters, merchantsQueryString } from "@/lib/dashboard/merchant-filters";
import { reviewStatuses, reviewStatusLabels } from "@/lib/payssam/codes";

/** One tab per review status with its count under the current search; "전체" first. */
export function StatusTabs({
  filters,
  counts,
}: {
  filters: MerchantFilters;
  counts: Partial<Record<ReviewStatus, number>>;
}) {
  const total = reviewStatuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const tabs = [
    { status: undefined, label: "전체", count: total },
    ...reviewStatuses.map((status) => ({
      status,
      label: `${reviewStatusLabels[status]} (${status})`,
      count: counts[status] ?? 0,
    })),
  ];
  return (
    <div className="mb-4">
      <PillTabs
        label="심사 상태"
        tabs={tabs.map((tab) => ({
          label: tab.label,
          href: `/merchants${merchantsQueryString(filters, { status: tab.status })}`,
          active: filters.status === tab.status,
          count: tab.count.toLocaleString("ko-KR"),
        }))}
      />
    </div>
  );
}

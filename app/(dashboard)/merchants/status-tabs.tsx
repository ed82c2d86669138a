import { LinkTabs } from "@/components/ui/link-tabs";
import type { ReviewStatus } from "@/db/schema";
import { reviewStatuses, reviewStatusLabels } from "@/lib/payssam/codes";
import { type MerchantFilters, merchantsQueryString } from "./search-params";

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
    <LinkTabs
      label="심사 상태"
      tabs={tabs.map((tab) => ({
        label: tab.label,
        href: `/merchants${merchantsQueryString(filters, { status: tab.status })}`,
        active: filters.status === tab.status,
        count: tab.count,
      }))}
    />
  );
}

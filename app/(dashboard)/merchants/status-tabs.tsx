import { choicesWithAll, TabStrips, tabStrip } from "@/components/ui/pill-tabs";
import type { ReviewStatus } from "@/db/schema";
import { type MerchantFilters, merchantsList } from "@/lib/dashboard/merchant-filters";
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
  const choices = choicesWithAll(
    total,
    reviewStatuses,
    (status) => `${reviewStatusLabels[status]} (${status})`,
    (status) => counts[status] ?? 0,
  );
  return (
    <TabStrips
      strips={[
        tabStrip({
          label: "심사 상태",
          choices,
          current: filters.status,
          href: (status) => merchantsList.link(filters, { status }),
        }),
      ]}
    />
  );
}

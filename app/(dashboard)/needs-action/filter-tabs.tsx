import { choicesWithAll, TabStrips, tabStrip } from "@/components/ui/pill-tabs";
import type { CappedCount } from "@/db/queries/needs-action";
import { type NeedsActionFilters, needsActionList, needsActionStatuses } from "@/lib/dashboard/needs-action";
import { reviewStatusLabels } from "@/lib/payssam/codes";

/** 전체 / 반려 / 서류보완, and 모두 / 미확인만. */
export function FilterTabs({
  filters,
  counts,
}: {
  filters: NeedsActionFilters;
  counts: { total: CappedCount; R: CappedCount; S: CappedCount };
}) {
  return (
    <TabStrips
      strips={[
        tabStrip({
          label: "심사 상태",
          choices: choicesWithAll(
            counts.total,
            needsActionStatuses,
            (status) => `${reviewStatusLabels[status]} (${status})`,
            (status) => counts[status],
          ),
          current: filters.status,
          href: (status) => needsActionList.link(filters, { status }),
        }),
        tabStrip({
          label: "확인 여부",
          choices: [
            { value: "all" as const, label: "모두" },
            { value: "open" as const, label: "미확인만" },
          ],
          current: filters.show,
          href: (show) => needsActionList.link(filters, { show }),
        }),
      ]}
    />
  );
}

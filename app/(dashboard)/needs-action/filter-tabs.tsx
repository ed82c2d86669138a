import { PillTabs } from "@/components/ui/pill-tabs";
import type { CappedCount } from "@/db/queries/needs-action";
import { cappedCountText } from "@/lib/dashboard/counts";
import { type NeedsActionFilters, needsActionQueryString } from "@/lib/dashboard/needs-action";
import { reviewStatusLabels } from "@/lib/payssam/codes";

/** 전체 / 반려 / 서류보완, and 모두 / 미확인만. */
export function FilterTabs({
  filters,
  counts,
}: {
  filters: NeedsActionFilters;
  counts: { total: CappedCount; R: CappedCount; S: CappedCount };
}) {
  const statusTabs = [
    { status: undefined, label: "전체", count: counts.total },
    { status: "R" as const, label: `${reviewStatusLabels.R} (R)`, count: counts.R },
    { status: "S" as const, label: `${reviewStatusLabels.S} (S)`, count: counts.S },
  ];
  const showTabs = [
    { show: "all" as const, label: "모두" },
    { show: "open" as const, label: "미확인만" },
  ];
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <PillTabs
        label="심사 상태"
        tabs={statusTabs.map((tab) => ({
          label: tab.label,
          href: `/needs-action${needsActionQueryString(filters, { status: tab.status })}`,
          active: filters.status === tab.status,
          count: cappedCountText(tab.count),
        }))}
      />
      <PillTabs
        label="확인 여부"
        tabs={showTabs.map((tab) => ({
          label: tab.label,
          href: `/needs-action${needsActionQueryString(filters, { show: tab.show })}`,
          active: filters.show === tab.show,
        }))}
      />
    </div>
  );
}

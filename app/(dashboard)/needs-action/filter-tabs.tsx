import Link from "next/link";
import type { CappedCount } from "@/db/queries/needs-action";
import { cappedCountText } from "@/lib/dashboard/counts";
import { type NeedsActionFilters, needsActionQueryString } from "@/lib/dashboard/needs-action";
import { reviewStatusLabels } from "@/lib/payssam/codes";

const pill = (active: boolean) =>
  `flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm whitespace-nowrap ${
    active
      ? "border-slate-900 bg-slate-900 font-semibold text-white"
      : "border-slate-300 bg-white text-slate-700 hover:border-slate-500"
  }`;

const countBadge = (active: boolean, counted: CappedCount) => (
  <span
    className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-600"}`}
  >
    {cappedCountText(counted)}
  </span>
);

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
      <nav aria-label="심사 상태">
        <ul className="flex flex-wrap gap-1.5">
          {statusTabs.map((tab) => {
            const active = filters.status === tab.status;
            return (
              <li key={tab.label}>
                <Link
                  href={`/needs-action${needsActionQueryString(filters, { status: tab.status })}`}
                  aria-current={active ? "page" : undefined}
                  className={pill(active)}
                >
                  {tab.label}
                  {countBadge(active, tab.count)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label="확인 여부">
        <ul className="flex gap-1.5">
          {showTabs.map((tab) => {
            const active = filters.show === tab.show;
            return (
              <li key={tab.show}>
                <Link
                  href={`/needs-action${needsActionQueryString(filters, { show: tab.show })}`}
                  aria-current={active ? "page" : undefined}
                  className={pill(active)}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

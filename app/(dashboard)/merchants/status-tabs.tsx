import Link from "next/link";
import type { ReviewStatus } from "@/db/schema";
import { reviewStatuses, reviewStatusLabels } from "@/lib/payssam/codes";
import { type MerchantFilters, merchantsQueryString } from "@/lib/dashboard/merchant-filters";

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
    <nav aria-label="심사 상태" className="mb-4">
      <ul className="flex flex-wrap gap-1.5">
        {tabs.map((tab) => {
          const active = filters.status === tab.status;
          return (
            <li key={tab.label}>
              <Link
                href={`/merchants${merchantsQueryString(filters, { status: tab.status })}`}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm whitespace-nowrap ${
                  active
                    ? "border-slate-900 bg-slate-900 font-semibold text-white"
                    : "border-slate-300 bg-white text-slate-700 hover:border-slate-500"
                }`}
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
  );
}

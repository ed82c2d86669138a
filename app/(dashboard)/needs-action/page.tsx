import Link from "next/link";
import { Pagination, paginationHrefs } from "@/components/data-table/pagination";
import { ReviewStatusBadge } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { getNeedsActionCounts, getNeedsActionPage, type NeedsActionRow } from "@/db/queries/needs-action";
import { cappedCountText } from "@/lib/dashboard/counts";
import { type NeedsActionFilters, needsActionList } from "@/lib/dashboard/needs-action";
import { durationText } from "@/lib/duration";
import { formatKst } from "@/lib/kst";
import { listPage } from "../list-search";
import { AcknowledgeForm } from "./desk-forms";
import { FilterTabs } from "./filter-tabs";

export const dynamic = "force-dynamic";
export const metadata = { title: needsActionList.title };

export default listPage(needsActionList, ({ search }) => ({
  children: <NeedsActionResults filters={search.filters} />,
}));

async function NeedsActionResults({ filters }: { filters: NeedsActionFilters }) {
  const now = new Date();
  const db = await getDb();
  const [page, counts] = await Promise.all([getNeedsActionPage(db, filters), getNeedsActionCounts(db)]);
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">
        대기 <strong className="tabular-nums">{cappedCountText(counts.total)}곳</strong> · 아직 아무도 확인하지 않은{" "}
        <strong className="tabular-nums">{cappedCountText(counts.open)}곳</strong>
      </p>
      <FilterTabs filters={filters} counts={counts} />
      {page.rows.length === 0 ? (
        counts.total.count === 0 ? (
          <EmptyState title="조치가 필요한 가맹점이 없습니다.">
            PaySsam이 하위가맹점을 반려하거나 서류보완을 요청하면 여기에 나타납니다.
          </EmptyState>
        ) : (
          <EmptyState title="조건에 맞는 가맹점이 없습니다.">
            <Link href={needsActionList.href} className="font-medium text-blue-700 hover:underline">
              조건 모두 지우기
            </Link>
          </EmptyState>
        )
      ) : (
        <ul aria-label="조치가 필요한 가맹점" className="grid gap-3">
          {page.rows.map((merchant) => (
            <NeedsActionItem key={merchant.id} merchant={merchant} now={now} />
          ))}
        </ul>
      )}
      <Pagination
        {...paginationHrefs(needsActionList.href, needsActionList.queryString(filters), filters.page, page)}
      />
    </>
  );
}

function NeedsActionItem({ merchant, now }: { merchant: NeedsActionRow; now: Date }) {
  const name = [merchant.companyName ?? "(상호 없음)", merchant.branchName].filter(Boolean).join(" · ");
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <ReviewStatusBadge status={merchant.reviewStatus} />
            <Link href={`/merchants/${merchant.id}`} className="font-medium break-keep text-blue-700 hover:underline">
              {name}
            </Link>
          </div>
          <p className="mt-0.5 font-mono text-xs wrap-anywhere text-slate-500">
            {merchant.memberId} / {merchant.merchantId}
          </p>
          <p
            className="mt-2 line-clamp-2 text-sm break-keep wrap-anywhere text-slate-800"
            data-testid="review-message"
            title={merchant.reviewMessage ?? undefined}
          >
            {merchant.reviewMessage ?? <span className="text-slate-500">(심사 메시지 없음)</span>}
          </p>
        </div>
        <div className="flex shrink-0 flex-row flex-wrap items-start justify-between gap-3 sm:w-56 sm:flex-col sm:items-end">
          <p className="text-sm sm:text-right">
            <strong className="whitespace-nowrap text-slate-900">
              {durationText(now.getTime() - merchant.statusSince.getTime())}째
            </strong>
            <span className="block text-xs whitespace-nowrap text-slate-500 tabular-nums">
              {formatKst(merchant.statusSince)}부터
            </span>
          </p>
          {merchant.acknowledgedAt ? (
            <p className="text-xs text-emerald-800 sm:text-right" data-testid="acknowledged">
              <span className="font-semibold break-keep">✓ {merchant.acknowledgedByName ?? "직원"} 확인</span>
              <span className="block whitespace-nowrap tabular-nums">{formatKst(merchant.acknowledgedAt)}</span>
            </p>
          ) : (
            <AcknowledgeForm merchantId={merchant.id} version={merchant.version} label={name} />
          )}
        </div>
      </div>
    </li>
  );
}

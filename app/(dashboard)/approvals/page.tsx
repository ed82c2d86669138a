import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { FilterToolbar } from "@/components/data-table/filter-toolbar";
import { Pagination, paginationHrefs } from "@/components/data-table/pagination";
import { DownloadLink } from "@/components/ui/download-link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notices } from "@/components/ui/notices";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getApprovalsPage, getApprovalsSummary } from "@/db/queries/approvals";
import { requireUser } from "@/lib/auth/session";
import {
  type ApprovalFilters,
  approvalsFilterFields,
  approvalsQueryString,
  hasApprovalFilters,
  parseApprovalsSearch,
} from "@/lib/dashboard/approval-filters";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { exportPaths } from "@/lib/export/paths";
import { formatWon } from "@/lib/money";
import { ApprovalsTable } from "./approvals-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "결제 승인" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const { filters, notes, corrections } = parseApprovalsSearch(await searchParams);
  const query = approvalsQueryString(filters);
  return (
    <>
      <PageHeader
        title="결제 승인"
        description="PaySsam이 보낸 결제 승인 콜백입니다. 날짜는 모두 한국 시간(KST) 기준입니다."
      />
      <Notices notes={notes} corrections={corrections} />
      <FilterToolbar
        fields={approvalsFilterFields}
        actions={
          <>
            <DownloadLink href={`${exportPaths.approvalsCsv}${query}`} tone="secondary">
              CSV 내보내기
            </DownloadLink>
            <DownloadLink href={`${exportPaths.approvalsXlsx}${query}`}>엑셀 다운로드</DownloadLink>
          </>
        }
      />
      <Suspense key={JSON.stringify(filters)} fallback={<TableSkeleton />}>
        <ApprovalsResults filters={filters} query={query} />
      </Suspense>
    </>
  );
}

async function ApprovalsResults({ filters, query }: { filters: ApprovalFilters; query: string }) {
  const db = await getDb();
  const [page, summary] = await Promise.all([getApprovalsPage(db, filters), getApprovalsSummary(db, filters)]);
  if (page.rows.length === 0) {
    return hasApprovalFilters(filters) || filters.after || filters.before ? (
      <EmptyState title="조건에 맞는 결제 승인이 없습니다.">
        billId 앞부분만 입력하거나 날짜 범위를 넓혀 보세요.{" "}
        <Link href="/approvals" className="font-medium text-blue-700 hover:underline">
          조건 모두 지우기
        </Link>
      </EmptyState>
    ) : (
      <EmptyState title="아직 받은 결제 승인이 없습니다.">
        고객이 결제하면 PaySsam이 <code className="font-mono">/api/callbacks/approval</code>로 승인 결과를 보내고,
        여기에 나타납니다. 청구서(/bill)를 보낼 때 callbackUrl이 이 주소인지 확인하세요.
      </EmptyState>
    );
  }

  return (
    <>
      <p className="mb-3 text-sm text-slate-700" data-testid="approvals-summary">
        {summary.capped ? (
          <>
            <strong>{summary.count.toLocaleString("ko-KR")}건 이상</strong>
            <span className="text-slate-500"> · 1만 건이 넘으면 건수와 합계를 세지 않습니다. 기간을 좁혀 주세요.</span>
          </>
        ) : (
          <>
            <strong>{summary.count.toLocaleString("ko-KR")}건</strong> · 합계{" "}
            <strong>{formatWon(summary.sum ?? 0)}</strong>
          </>
        )}
      </p>
      <ApprovalsTable rows={page.rows} sort={filters.sort} />
      <Pagination {...paginationHrefs("/approvals", query, filters.page, page)} />
    </>
  );
}

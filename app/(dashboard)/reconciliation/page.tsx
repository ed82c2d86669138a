import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { FilterToolbar } from "@/components/data-table/filter-toolbar";
import { Pagination, paginationHrefs } from "@/components/data-table/pagination";
import { DownloadLink } from "@/components/ui/download-link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notices } from "@/components/ui/notices";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import { requireUser } from "@/lib/auth/session";
import {
  hasReconciliationFilters,
  parseReconciliationSearch,
  type ReconciliationPageFilters,
  reconciliationFilterFields,
  reconciliationListFilters,
  reconciliationQueryString,
  summaryRange,
} from "@/lib/dashboard/reconciliation-filters";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { exportPaths } from "@/lib/export/paths";
import { ReconcileNow } from "./reconcile-now";
import { ReconciliationTable } from "./reconciliation-table";
import { SummaryCards } from "./summary-cards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "대사" };

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const staff = await requireUser();
  const { filters, notes, corrections } = parseReconciliationSearch(await searchParams);
  const query = reconciliationQueryString(filters);
  return (
    <>
      <PageHeader
        title="대사"
        description="우리 청구서와 받은 콜백을 PaySsam의 기록(/bill/read)과 한 건씩 맞춰 봅니다. 날짜는 청구서 발행일, 한국 시간(KST) 기준입니다."
      />
      <ReconcileNow isAdmin={staff.role === "admin"} />
      <Notices notes={notes} corrections={corrections} />
      <FilterToolbar
        fields={reconciliationFilterFields}
        actions={
          <>
            <DownloadLink href={`${exportPaths.reconciliationCsv}${query}`} tone="secondary">
              CSV 내보내기
            </DownloadLink>
            <DownloadLink href={`${exportPaths.reconciliationXlsx}${query}`}>엑셀 다운로드</DownloadLink>
          </>
        }
      />
      <Suspense key={`summary${JSON.stringify(summaryRange(filters))}`} fallback={<Skeleton className="mb-4 h-40" />}>
        <Summary filters={filters} />
      </Suspense>
      <Suspense key={JSON.stringify(filters)} fallback={<TableSkeleton />}>
        <ReconciliationResults filters={filters} query={query} />
      </Suspense>
    </>
  );
}

async function Summary({ filters }: { filters: ReconciliationPageFilters }) {
  const summary = await getReconciliationSummary(await getDb(), summaryRange(filters));
  const hrefFor = (status?: string) =>
    `/reconciliation${reconciliationQueryString(filters, { status: status as ReconciliationPageFilters["status"], reason: undefined })}`;
  return <SummaryCards summary={summary} hrefFor={hrefFor} />;
}

async function ReconciliationResults({ filters, query }: { filters: ReconciliationPageFilters; query: string }) {
  const page = await getReconciliationsPage(await getDb(), reconciliationListFilters(filters));
  if (page.rows.length === 0) {
    return hasReconciliationFilters(filters) || filters.after || filters.before ? (
      <EmptyState title="조건에 맞는 청구서가 없습니다.">
        <Link href="/reconciliation" className="font-medium text-blue-700 hover:underline">
          조건 모두 지우기
        </Link>
      </EmptyState>
    ) : (
      <EmptyState title="아직 대사할 청구서가 없습니다.">
        <Link href="/bills" className="font-medium text-blue-700 hover:underline">
          청구서
        </Link>
        를 등록하면 대사가 PaySsam에서 한 건씩 조회해 상태를 매깁니다. 등록하지 않은 billId로 콜백이 오면 미등록으로
        나타납니다.
      </EmptyState>
    );
  }
  return (
    <>
      <ReconciliationTable rows={page.rows} />
      <Pagination {...paginationHrefs("/reconciliation", query, filters.page, page)} />
    </>
  );
}

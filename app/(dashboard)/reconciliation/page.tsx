import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EmptyList, ExportLinks, ListPage, PagedRows } from "@/components/data-table/list-page";
import { Skeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import {
  hasReconciliationFilters,
  parseReconciliationSearch,
  type ReconciliationPageFilters,
  reconciliationFilterFields,
  reconciliationListFilters,
  reconciliationQueryString,
  summaryRange,
} from "@/lib/dashboard/reconciliation-filters";
import { exportPaths } from "@/lib/export/paths";
import { type ListPageProps, openListPage } from "../list-search";
import { ReconcileNow } from "./reconcile-now";
import { ReconciliationTable } from "./reconciliation-table";
import { SummaryCards } from "./summary-cards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "대사" };

export default async function ReconciliationPage(props: ListPageProps) {
  const { staff, search } = await openListPage(props, parseReconciliationSearch);
  const { filters } = search;
  const query = reconciliationQueryString(filters);
  return (
    <ListPage
      title="대사"
      description="우리 청구서와 받은 콜백을 PaySsam의 기록(/bill/read)과 한 건씩 맞춰 봅니다. 날짜는 청구서 발행일, 한국 시간(KST) 기준입니다."
      search={search}
      top={<ReconcileNow isAdmin={staff.role === "admin"} />}
      fields={reconciliationFilterFields}
      actions={
        <ExportLinks
          csv={`${exportPaths.reconciliationCsv}${query}`}
          xlsx={`${exportPaths.reconciliationXlsx}${query}`}
        />
      }
      beforeResults={
        <Suspense key={`summary${JSON.stringify(summaryRange(filters))}`} fallback={<Skeleton className="mb-4 h-40" />}>
          <Summary filters={filters} />
        </Suspense>
      }
    >
      <ReconciliationResults filters={filters} query={query} />
    </ListPage>
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
  const empty = (
    <EmptyList
      narrowed={hasReconciliationFilters(filters) || Boolean(filters.after || filters.before)}
      clearHref="/reconciliation"
      noMatch="조건에 맞는 청구서가 없습니다."
      title="아직 대사할 청구서가 없습니다."
    >
      <Link href="/bills" className="font-medium text-blue-700 hover:underline">
        청구서
      </Link>
      를 등록하면 대사가 PaySsam에서 한 건씩 조회해 상태를 매깁니다. 등록하지 않은 billId로 콜백이 오면 미등록으로
      나타납니다.
    </EmptyList>
  );
  return (
    <PagedRows path="/reconciliation" query={query} page={filters.page} result={page} empty={empty}>
      <ReconciliationTable rows={page.rows} />
    </PagedRows>
  );
}

import Link from "next/link";
import { Suspense } from "react";
import { EmptyList, ExportLinks, PagedRows } from "@/components/data-table/list-page";
import { Skeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getReconciliationSummary, getReconciliationsPage } from "@/db/queries/reconciliation";
import {
  type ReconciliationPageFilters,
  reconciliationList,
  reconciliationListFilters,
  summaryRange,
} from "@/lib/dashboard/reconciliation-filters";
import { exportPaths } from "@/lib/export/paths";
import { listPage } from "../list-search";
import { ReconcileNow } from "./reconcile-now";
import { ReconciliationTable } from "./reconciliation-table";
import { SummaryCards } from "./summary-cards";

export const dynamic = "force-dynamic";
export const metadata = { title: reconciliationList.title };

export default listPage(reconciliationList, ({ staff, search: { filters } }) => {
  const query = reconciliationList.queryString(filters);
  return {
    top: <ReconcileNow isAdmin={staff.role === "admin"} />,
    actions: (
      <ExportLinks
        csv={`${exportPaths.reconciliationCsv}${query}`}
        xlsx={`${exportPaths.reconciliationXlsx}${query}`}
      />
    ),
    beforeResults: (
      <Suspense key={`summary${JSON.stringify(summaryRange(filters))}`} fallback={<Skeleton className="mb-4 h-40" />}>
        <Summary filters={filters} />
      </Suspense>
    ),
    children: <ReconciliationResults filters={filters} />,
  };
});

async function Summary({ filters }: { filters: ReconciliationPageFilters }) {
  const summary = await getReconciliationSummary(await getDb(), summaryRange(filters));
  const hrefFor = (status?: string) =>
    reconciliationList.link(filters, { status: status as ReconciliationPageFilters["status"], reason: undefined });
  return <SummaryCards summary={summary} hrefFor={hrefFor} />;
}

async function ReconciliationResults({ filters }: { filters: ReconciliationPageFilters }) {
  const page = await getReconciliationsPage(await getDb(), reconciliationListFilters(filters));
  const empty = (
    <EmptyList
      list={reconciliationList}
      filters={filters}
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
    <PagedRows list={reconciliationList} filters={filters} result={page} empty={empty}>
      <ReconciliationTable rows={page.rows} />
    </PagedRows>
  );
}

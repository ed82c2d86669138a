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
import { getMerchantStatusCounts, getMerchantsPage } from "@/db/queries/merchants";
import { requireUser } from "@/lib/auth/session";
import {
  type MerchantFilters,
  merchantsFilterFields,
  merchantsQueryString,
  parseMerchantsSearch,
} from "@/lib/dashboard/merchant-filters";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { exportPaths } from "@/lib/export/paths";
import { reviewStatusText } from "@/lib/payssam/codes";
import { MerchantsTable } from "./merchants-table";
import { StatusTabs } from "./status-tabs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "하위가맹점" };

export default async function MerchantsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const { filters, notes, corrections } = parseMerchantsSearch(await searchParams);
  return (
    <>
      <PageHeader
        title="하위가맹점"
        description="PaySsam 연동 결과 콜백으로 받은 하위가맹점과 심사 상태입니다. 반려(R)·서류보완(S)은 심사 메시지를 확인하세요."
      />
      <Notices notes={notes} corrections={corrections} />
      <FilterToolbar
        fields={merchantsFilterFields}
        actions={
          <DownloadLink href={`${exportPaths.merchantsXlsx}${merchantsQueryString(filters)}`}>
            엑셀 다운로드
          </DownloadLink>
        }
      />
      <Suspense key={JSON.stringify(filters)} fallback={<ResultsSkeleton />}>
        <MerchantsResults filters={filters} />
      </Suspense>
    </>
  );
}

function ResultsSkeleton() {
  return (
    <>
      <Skeleton className="mb-4 h-9 w-full" />
      <TableSkeleton />
    </>
  );
}

async function MerchantsResults({ filters }: { filters: MerchantFilters }) {
  const db = await getDb();
  const [page, counts] = await Promise.all([getMerchantsPage(db, filters), getMerchantStatusCounts(db, filters)]);
  const query = merchantsQueryString(filters);
  return (
    <>
      <StatusTabs filters={filters} counts={counts} />
      {page.rows.length === 0 ? (
        <MerchantsEmpty filters={filters} />
      ) : (
        <>
          <MerchantsTable rows={page.rows} sort={filters.sort} />
          <Pagination {...paginationHrefs("/merchants", query, filters.page, page)} />
        </>
      )}
    </>
  );
}

function MerchantsEmpty({ filters }: { filters: MerchantFilters }) {
  if (filters.q || filters.status || filters.after || filters.before) {
    return (
      <EmptyState
        title={
          filters.status && !filters.q
            ? `${reviewStatusText(filters.status)} 상태인 하위가맹점이 없습니다.`
            : "조건에 맞는 하위가맹점이 없습니다."
        }
      >
        검색어를 줄이거나 다른 심사 상태 탭을 보세요. 사업자등록번호는 하이픈 없이도 찾을 수 있습니다.{" "}
        {filters.deleted === "hide" ? "삭제된 가맹점은 ‘함께 보기’를 골라야 보입니다. " : null}
        <Link href="/merchants" className="font-medium text-blue-700 hover:underline">
          조건 모두 지우기
        </Link>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="아직 받은 하위가맹점이 없습니다.">
      PaySsam에 하위가맹점 연동(/auth/mapping)을 요청하면, 심사 상태가 바뀔 때마다{" "}
      <code className="font-mono">/api/callbacks/auth-mapping</code>으로 결과가 와서 여기에 나타납니다.
    </EmptyState>
  );
}

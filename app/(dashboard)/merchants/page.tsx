import { EmptyList, PagedRows } from "@/components/data-table/list-page";
import { DownloadLink } from "@/components/ui/download-link";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getMerchantStatusCounts, getMerchantsPage } from "@/db/queries/merchants";
import { type MerchantFilters, merchantsList } from "@/lib/dashboard/merchant-filters";
import { exportPaths } from "@/lib/export/paths";
import { reviewStatusText } from "@/lib/payssam/codes";
import { listPage } from "../list-search";
import { MerchantsTable } from "./merchants-table";
import { StatusTabs } from "./status-tabs";

export const dynamic = "force-dynamic";
export const metadata = { title: merchantsList.title };

export default listPage(merchantsList, ({ search }) => ({
  actions: (
    <DownloadLink href={`${exportPaths.merchantsXlsx}${merchantsList.queryString(search.filters)}`}>
      엑셀 다운로드
    </DownloadLink>
  ),
  fallback: (
    <>
      <Skeleton className="mb-4 h-9 w-full" />
      <TableSkeleton />
    </>
  ),
  children: <MerchantsResults filters={search.filters} />,
}));

async function MerchantsResults({ filters }: { filters: MerchantFilters }) {
  const db = await getDb();
  const [page, counts] = await Promise.all([getMerchantsPage(db, filters), getMerchantStatusCounts(db, filters)]);
  const empty = (
    <EmptyList
      list={merchantsList}
      filters={filters}
      noMatch={
        filters.status && !filters.q
          ? `${reviewStatusText(filters.status)} 상태인 하위가맹점이 없습니다.`
          : "조건에 맞는 하위가맹점이 없습니다."
      }
      tip={`검색어를 줄이거나 다른 심사 상태 탭을 보세요. 사업자등록번호는 하이픈 없이도 찾을 수 있습니다.${
        filters.deleted === "hide" ? " 삭제된 가맹점은 ‘함께 보기’를 골라야 보입니다." : ""
      }`}
      title="아직 받은 하위가맹점이 없습니다."
    >
      PaySsam에 하위가맹점 연동(/auth/mapping)을 요청하면, 심사 상태가 바뀔 때마다{" "}
      <code className="font-mono">/api/callbacks/auth-mapping</code>으로 결과가 와서 여기에 나타납니다.
    </EmptyList>
  );
  return (
    <>
      <StatusTabs filters={filters} counts={counts} />
      <PagedRows list={merchantsList} filters={filters} result={page} empty={empty}>
        <MerchantsTable rows={page.rows} sort={filters.sort} />
      </PagedRows>
    </>
  );
}

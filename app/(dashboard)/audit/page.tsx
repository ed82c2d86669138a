import { EmptyList, PagedRows } from "@/components/data-table/list-page";
import { getDb } from "@/db";
import { getAuditLogPage } from "@/db/queries/audit-log-list";
import { getMerchantNames } from "@/db/queries/merchant-names";
import { describeDetails, describeTarget, merchantIdOfTarget } from "@/lib/audit/describe";
import { type AuditFilters, auditList } from "@/lib/dashboard/audit-filters";
import { listPage } from "../list-search";
import { AuditTable } from "./audit-table";

export const dynamic = "force-dynamic";
export const metadata = { title: auditList.title };

export default listPage(auditList, ({ search }) => ({ children: <AuditResults filters={search.filters} /> }));

async function AuditResults({ filters }: { filters: AuditFilters }) {
  const db = await getDb();
  const page = await getAuditLogPage(db, filters);
  const merchantIds = page.rows.flatMap((row) => merchantIdOfTarget(row.target) ?? []);
  const lookups = { merchantNames: await getMerchantNames(db, merchantIds) };
  const rows = page.rows.map((row) => ({
    ...row,
    targetView: describeTarget(row.action, row.target, lookups),
    detailItems: describeDetails(row.details),
  }));
  const empty = (
    <EmptyList
      list={auditList}
      filters={filters}
      noMatch="조건에 맞는 기록이 없습니다."
      tip="작업·사용자 조건을 풀거나 날짜 범위를 넓혀 보세요."
      title="아직 기록이 없습니다."
    >
      로그인, 사용자 관리, 다시 처리, 내보내기가 여기에 남습니다.
    </EmptyList>
  );
  return (
    <PagedRows list={auditList} filters={filters} result={page} empty={empty}>
      <AuditTable rows={rows} />
    </PagedRows>
  );
}

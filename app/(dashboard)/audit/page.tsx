import type { Metadata } from "next";
import { EmptyList, ListPage, PagedRows } from "@/components/data-table/list-page";
import { AdminOnly } from "@/components/ui/admin-only";
import { getDb } from "@/db";
import { getAuditLogPage } from "@/db/queries/audit-log-list";
import { getMerchantNames } from "@/db/queries/merchant-names";
import { describeDetails, describeTarget, merchantIdOfTarget } from "@/lib/audit/describe";
import {
  type AuditFilters,
  auditFilterFields,
  auditQueryString,
  parseAuditSearch,
} from "@/lib/dashboard/audit-filters";
import { type ListPageProps, openListPage } from "../list-search";
import { AuditTable } from "./audit-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "감사 기록" };

export default async function AuditPage(props: ListPageProps) {
  const { staff, search } = await openListPage(props, parseAuditSearch);
  if (staff.role !== "admin") return <AdminOnly title="감사 기록" />;
  return (
    <ListPage
      title="감사 기록"
      description="누가 언제 어디서(접속 주소) 무엇을 했는지: 로그인과 실패, 사용자 관리, 다시 처리, 내보내기. 1년 이상 보관하며 고치거나 지울 수 없습니다."
      search={search}
      fields={auditFilterFields}
    >
      <AuditResults filters={search.filters} />
    </ListPage>
  );
}

async function AuditResults({ filters }: { filters: AuditFilters }) {
  const db = await getDb();
  const page = await getAuditLogPage(db, filters);
  const query = auditQueryString(filters);
  const merchantIds = page.rows.flatMap((row) => merchantIdOfTarget(row.target) ?? []);
  const lookups = { merchantNames: await getMerchantNames(db, merchantIds) };
  const rows = page.rows.map((row) => ({
    ...row,
    targetView: describeTarget(row.action, row.target, lookups),
    detailItems: describeDetails(row.details),
  }));
  const empty = (
    <EmptyList
      narrowed={Boolean(query || filters.after || filters.before)}
      clearHref="/audit"
      noMatch="조건에 맞는 기록이 없습니다."
      tip="작업·사용자 조건을 풀거나 날짜 범위를 넓혀 보세요."
      title="아직 기록이 없습니다."
    >
      로그인, 사용자 관리, 다시 처리, 내보내기가 여기에 남습니다.
    </EmptyList>
  );
  return (
    <PagedRows path="/audit" query={query} page={filters.page} result={page} empty={empty}>
      <AuditTable rows={rows} />
    </PagedRows>
  );
}

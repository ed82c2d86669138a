import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { FilterToolbar } from "@/components/data-table/filter-toolbar";
import { Pagination, paginationHrefs } from "@/components/data-table/pagination";
import { AdminOnly } from "@/components/ui/admin-only";
import { EmptyState } from "@/components/ui/empty-state";
import { Notices } from "@/components/ui/notices";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { getAuditLogPage } from "@/db/queries/audit-log-list";
import { getMerchantNames } from "@/db/queries/merchant-names";
import { describeDetails, describeTarget, merchantIdOfTarget } from "@/lib/audit/describe";
import { requireUser } from "@/lib/auth/session";
import {
  type AuditFilters,
  auditFilterFields,
  auditQueryString,
  parseAuditSearch,
} from "@/lib/dashboard/audit-filters";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { AuditTable } from "./audit-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "감사 기록" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const staff = await requireUser();
  if (staff.role !== "admin") return <AdminOnly title="감사 기록" />;
  const { filters, notes, corrections } = parseAuditSearch(await searchParams);
  return (
    <>
      <PageHeader
        title="감사 기록"
        description="누가 언제 어디서(접속 주소) 무엇을 했는지: 로그인과 실패, 사용자 관리, 다시 처리, 내보내기. 1년 이상 보관하며 고치거나 지울 수 없습니다."
      />
      <Notices notes={notes} corrections={corrections} />
      <FilterToolbar fields={auditFilterFields} />
      <Suspense key={JSON.stringify(filters)} fallback={<TableSkeleton />}>
        <AuditResults filters={filters} />
      </Suspense>
    </>
  );
}

async function AuditResults({ filters }: { filters: AuditFilters }) {
  const db = await getDb();
  const page = await getAuditLogPage(db, filters);
  const query = auditQueryString(filters);
  if (page.rows.length === 0) {
    return query || filters.after || filters.before ? (
      <EmptyState title="조건에 맞는 기록이 없습니다.">
        작업·사용자 조건을 풀거나 날짜 범위를 넓혀 보세요.{" "}
        <Link href="/audit" className="font-medium text-blue-700 hover:underline">
          조건 모두 지우기
        </Link>
      </EmptyState>
    ) : (
      <EmptyState title="아직 기록이 없습니다.">로그인, 사용자 관리, 다시 처리, 내보내기가 여기에 남습니다.</EmptyState>
    );
  }
  const merchantIds = page.rows.flatMap((row) => merchantIdOfTarget(row.target) ?? []);
  const lookups = { merchantNames: await getMerchantNames(db, merchantIds) };
  const rows = page.rows.map((row) => ({
    ...row,
    targetView: describeTarget(row.action, row.target, lookups),
    detailItems: describeDetails(row.details),
  }));
  return (
    <>
      <AuditTable rows={rows} />
      <Pagination {...paginationHrefs("/audit", query, filters.page, page)} />
    </>
  );
}

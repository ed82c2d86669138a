import { EmptyList, ExportLinks, PagedRows } from "@/components/data-table/list-page";
import { getDb } from "@/db";
import { getApprovalsPage, getApprovalsSummary } from "@/db/queries/approvals";
import { type ApprovalFilters, approvalsList } from "@/lib/dashboard/approval-filters";
import { exportPaths } from "@/lib/export/paths";
import { formatWon } from "@/lib/money";
import { listPage } from "../list-search";
import { ApprovalsTable } from "./approvals-table";
import { MerchantFilterNote } from "./merchant-filter-note";

export const dynamic = "force-dynamic";
export const metadata = { title: approvalsList.title };

export default listPage(approvalsList, ({ search: { filters } }) => {
  const query = approvalsList.queryString(filters);
  return {
    beforeToolbar:
      filters.memberId && filters.merchantId ? (
        <MerchantFilterNote
          memberId={filters.memberId}
          merchantId={filters.merchantId}
          clearHref={approvalsList.link(filters, { memberId: "", merchantId: "" })}
        />
      ) : null,
    actions: <ExportLinks csv={`${exportPaths.approvalsCsv}${query}`} xlsx={`${exportPaths.approvalsXlsx}${query}`} />,
    children: <ApprovalsResults filters={filters} />,
  };
});

async function ApprovalsResults({ filters }: { filters: ApprovalFilters }) {
  const db = await getDb();
  const [page, summary] = await Promise.all([getApprovalsPage(db, filters), getApprovalsSummary(db, filters)]);
  const empty = (
    <EmptyList
      list={approvalsList}
      filters={filters}
      noMatch="조건에 맞는 결제 승인이 없습니다."
      tip="billId 앞부분만 입력하거나 날짜 범위를 넓혀 보세요."
      title="아직 받은 결제 승인이 없습니다."
    >
      고객이 결제하면 PaySsam이 <code className="font-mono">/api/callbacks/approval</code>로 승인 결과를 보내고, 여기에
      나타납니다. 청구서(/bill)를 보낼 때 callbackUrl이 이 주소인지 확인하세요.
    </EmptyList>
  );
  return (
    <PagedRows list={approvalsList} filters={filters} result={page} empty={empty}>
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
    </PagedRows>
  );
}

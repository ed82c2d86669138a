import { Suspense } from "react";
import { EmptyList, PagedRows } from "@/components/data-table/list-page";
import { getDb } from "@/db";
import { countCallbackDeliveries, getCallbackDeliveriesPage } from "@/db/queries/callback-deliveries";
import { type CallbackFilters, callbacksList } from "@/lib/dashboard/callback-filters";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { listPage } from "../list-search";
import { CallbacksTable } from "./callbacks-table";
import { UnauthenticatedTotals } from "./unauthenticated-totals";

export const dynamic = "force-dynamic";
export const metadata = { title: callbacksList.title };

export default listPage(callbacksList, ({ search }) => ({
  beforeToolbar: (
    <Suspense fallback={null}>
      <UnauthenticatedTotals />
    </Suspense>
  ),
  children: <CallbacksResults filters={search.filters} />,
}));

async function CallbacksResults({ filters }: { filters: CallbackFilters }) {
  const db = await getDb();
  const [page, total] = await Promise.all([
    getCallbackDeliveriesPage(db, filters),
    countCallbackDeliveries(db, filters),
  ]);
  const empty = (
    <EmptyList
      list={callbacksList}
      filters={filters}
      noMatch="조건에 맞는 수신 기록이 없습니다."
      tip="결과·종류 조건을 풀거나 날짜 범위를 넓혀 보세요."
      title="아직 받은 콜백이 없습니다."
    >
      PaySsam에 콜백 주소로 <code className="font-mono">/api/callbacks/approval?token=…</code>와{" "}
      <code className="font-mono">/api/callbacks/auth-mapping?token=…</code>를 등록하면, 받은 모든 콜백이 여기에
      기록됩니다.
    </EmptyList>
  );
  return (
    <PagedRows list={callbacksList} filters={filters} result={page} empty={empty}>
      <p className="mb-3 text-sm text-slate-700">
        <strong>
          {total.count.toLocaleString("ko-KR")}건{total.capped ? " 이상" : ""}
        </strong>
        {total.capped ? <span className="text-slate-500"> · 1만 건이 넘으면 더 세지 않습니다.</span> : null}
      </p>
      <CallbacksTable rows={withRefusalSummaries(page.rows)} />
    </PagedRows>
  );
}

"use client";

import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { billFilterKeys } from "@/lib/dashboard/bill-filters";
import { billSourceLabels, reconciliationStatusLabels } from "@/lib/reconcile/statuses";

export function BillsToolbar() {
  const { values, setFilters, clearFilters, isPending } = useUrlFilters(billFilterKeys);
  const text = (key: (typeof billFilterKeys)[number]) => (value: string) =>
    setFilters({ [key]: value }, { typing: true });
  const choice = (key: (typeof billFilterKeys)[number]) => (value: string) => setFilters({ [key]: value });
  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <div className="col-span-2 xl:col-span-1">
          <TextFilter
            id="billId"
            label="청구서 ID"
            type="search"
            value={values.billId ?? ""}
            onChange={text("billId")}
            placeholder="앞부분만 입력해도 찾습니다"
          />
        </div>
        <TextFilter id="memberId" label="회원 코드" value={values.memberId ?? ""} onChange={text("memberId")} />
        <TextFilter id="merchantId" label="가맹점 코드" value={values.merchantId ?? ""} onChange={text("merchantId")} />
        <SelectFilter
          id="status"
          label="대사 상태"
          value={values.status ?? ""}
          onChange={choice("status")}
          options={[
            { value: "", label: "전체" },
            ...Object.entries(reconciliationStatusLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <SelectFilter
          id="source"
          label="등록 경로"
          value={values.source ?? ""}
          onChange={choice("source")}
          options={[
            { value: "", label: "전체" },
            ...Object.entries(billSourceLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <TextFilter
          id="from"
          label="발행일 시작 (KST)"
          type="date"
          value={values.from ?? ""}
          onChange={choice("from")}
        />
        <TextFilter id="to" label="발행일 끝 (KST)" type="date" value={values.to ?? ""} onChange={choice("to")} />
      </div>
      <PendingIndicator pending={isPending} />
      <div className="mt-3 flex justify-end">
        <button
          type="button"
          onClick={clearFilters}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          조건 초기화
        </button>
      </div>
    </search>
  );
}

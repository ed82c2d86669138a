"use client";

import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { DownloadLink } from "@/components/ui/download-link";
import { reconciliationFilterKeys } from "@/lib/dashboard/reconciliation-filters";
import { mismatchReasonLabels, reconciliationStatusLabels } from "@/lib/reconcile/statuses";

export function ReconciliationToolbar({ csvHref, xlsxHref }: { csvHref: string; xlsxHref: string }) {
  const { values, setFilters, clearFilters, isPending } = useUrlFilters(reconciliationFilterKeys);
  type Key = (typeof reconciliationFilterKeys)[number];
  const text = (key: Key) => (value: string) => setFilters({ [key]: value }, { typing: true });
  const choice = (key: Key) => (value: string) => setFilters({ [key]: value });
  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <TextFilter
          id="from"
          label="발행일 시작 (KST)"
          type="date"
          value={values.from ?? ""}
          onChange={choice("from")}
        />
        <TextFilter id="to" label="발행일 끝 (KST)" type="date" value={values.to ?? ""} onChange={choice("to")} />
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
          id="reason"
          label="불일치 사유"
          value={values.reason ?? ""}
          onChange={choice("reason")}
          options={[
            { value: "", label: "전체" },
            ...Object.entries(mismatchReasonLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <TextFilter id="memberId" label="회원 코드" value={values.memberId ?? ""} onChange={text("memberId")} />
        <TextFilter id="merchantId" label="가맹점 코드" value={values.merchantId ?? ""} onChange={text("merchantId")} />
        <TextFilter
          id="billId"
          label="청구서 ID"
          type="search"
          value={values.billId ?? ""}
          onChange={text("billId")}
          placeholder="앞부분"
        />
      </div>
      <PendingIndicator pending={isPending} />
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={clearFilters}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          조건 초기화
        </button>
        <DownloadLink href={csvHref} tone="secondary">
          CSV 내보내기
        </DownloadLink>
        <DownloadLink href={xlsxHref}>엑셀 다운로드</DownloadLink>
      </div>
    </search>
  );
}

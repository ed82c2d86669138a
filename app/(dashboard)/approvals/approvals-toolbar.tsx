"use client";

import { useState } from "react";
import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { DownloadLink } from "@/components/ui/download-link";
import { approvalFilterKeys } from "@/lib/dashboard/approval-filters";
import { installmentLabels } from "@/lib/dashboard/labels";
import { approvalStateLabels, approvalStates, payTypeLabels } from "@/lib/payssam/codes";

export function ApprovalsToolbar({ csvHref, xlsxHref }: { csvHref: string; xlsxHref: string }) {
  const { values, setFilters, clearFilters, isPending } = useUrlFilters(approvalFilterKeys);
  const text = (key: (typeof approvalFilterKeys)[number]) => (value: string) =>
    setFilters({ [key]: value }, { typing: true });
  const choice = (key: (typeof approvalFilterKeys)[number]) => (value: string) => setFilters({ [key]: value });
  // On a phone the billId search shows first and the other conditions fold away behind a button.
  const [showAll, setShowAll] = useState(false);
  const detailKeys = ["from", "to", "state", "payType", "issuer", "min", "max", "installment"] as const;
  const activeDetails = detailKeys.filter((key) => values[key]).length;

  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        <div className="col-span-2">
          <TextFilter
            id="billId"
            label="청구서 ID (billId)"
            type="search"
            value={values.billId ?? ""}
            onChange={text("billId")}
            placeholder="앞부분만 입력해도 찾습니다"
          />
        </div>
        <SelectFilter
          id="match"
          label="billId 일치"
          value={values.match ?? "prefix"}
          onChange={choice("match")}
          options={[
            { value: "prefix", label: "앞부분 일치" },
            { value: "exact", label: "정확히 일치" },
          ]}
        />
        <div id="approval-more-filters" className={`${showAll ? "contents" : "hidden"} md:contents`}>
          <SelectFilter
            id="state"
            label="승인 상태"
            value={values.state ?? ""}
            onChange={choice("state")}
            options={[
              { value: "", label: "전체" },
              ...approvalStates.map((state) => ({ value: state, label: `${approvalStateLabels[state]} (${state})` })),
            ]}
          />
          <TextFilter
            id="from"
            label="승인일 시작 (KST)"
            type="date"
            value={values.from ?? ""}
            onChange={choice("from")}
          />
          <TextFilter id="to" label="승인일 끝 (KST)" type="date" value={values.to ?? ""} onChange={choice("to")} />
          <SelectFilter
            id="payType"
            label="결제 수단"
            value={values.payType ?? ""}
            onChange={choice("payType")}
            options={[
              { value: "", label: "전체" },
              ...Object.entries(payTypeLabels).map(([code, label]) => ({ value: code, label: `${label} (${code})` })),
            ]}
          />
          <TextFilter
            id="issuer"
            label="카드사/은행"
            value={values.issuer ?? ""}
            onChange={text("issuer")}
            placeholder="예: 신한"
          />
          <TextFilter
            id="min"
            label="최소 금액 (원)"
            inputMode="numeric"
            value={values.min ?? ""}
            onChange={text("min")}
            placeholder="0"
          />
          <TextFilter
            id="max"
            label="최대 금액 (원)"
            inputMode="numeric"
            value={values.max ?? ""}
            onChange={text("max")}
            placeholder="제한 없음"
          />
          <SelectFilter
            id="installment"
            label="할부"
            value={values.installment ?? ""}
            onChange={choice("installment")}
            options={[
              { value: "", label: "전체" },
              { value: "lump", label: installmentLabels.lump },
              { value: "plan", label: `${installmentLabels.plan} (2개월 이상)` },
            ]}
          />
          <SelectFilter
            id="sort"
            label="정렬"
            value={values.sort ?? "dt_desc"}
            onChange={choice("sort")}
            options={[
              { value: "dt_desc", label: "승인일시 최신순" },
              { value: "dt_asc", label: "승인일시 오래된순" },
              { value: "price_desc", label: "금액 큰순" },
              { value: "price_asc", label: "금액 작은순" },
            ]}
          />
        </div>
      </div>
      <PendingIndicator pending={isPending} />
      <div className="mt-3 flex flex-wrap items-center justify-end gap-2">
        <button
          type="button"
          aria-expanded={showAll}
          aria-controls="approval-more-filters"
          onClick={() => setShowAll(!showAll)}
          className="mr-auto rounded-md px-2 py-1.5 text-sm font-medium text-blue-700 hover:bg-blue-50 md:hidden"
        >
          {showAll ? "조건 접기" : `조건 더 보기${activeDetails > 0 ? ` (${activeDetails}개 적용 중)` : ""}`}
        </button>
        <div className="flex gap-2">
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
      </div>
    </search>
  );
}

"use client";

import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { DownloadLink } from "@/components/ui/download-link";
import { merchantFilterKeys } from "@/lib/dashboard/merchant-filters";

export function MerchantsToolbar({ xlsxHref }: { xlsxHref: string }) {
  const { values, setFilters, isPending } = useUrlFilters(merchantFilterKeys);
  return (
    <search className="relative mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4">
      <div className="col-span-2">
        <TextFilter
          id="q"
          label="검색 (상호, 지점, 사업자등록번호, 가맹점 코드, 회원 코드)"
          type="search"
          value={values.q ?? ""}
          onChange={(value) => setFilters({ q: value }, { typing: true })}
          placeholder="예: 행복약국, 123-45-67890"
        />
      </div>
      <SelectFilter
        id="deleted"
        label="삭제된 가맹점"
        value={values.deleted ?? "hide"}
        onChange={(value) => setFilters({ deleted: value === "hide" ? null : value })}
        options={[
          { value: "hide", label: "숨기기" },
          { value: "show", label: "함께 보기" },
        ]}
      />
      <SelectFilter
        id="sort"
        label="정렬"
        value={values.sort ?? "updated_desc"}
        onChange={(value) => setFilters({ sort: value === "updated_desc" ? null : value })}
        options={[
          { value: "updated_desc", label: "최근 변경순" },
          { value: "updated_asc", label: "오래된 변경순" },
        ]}
      />
      <PendingIndicator pending={isPending} />
      <div className="col-span-2 flex justify-end md:col-span-4">
        <DownloadLink href={xlsxHref}>엑셀 다운로드</DownloadLink>
      </div>
    </search>
  );
}

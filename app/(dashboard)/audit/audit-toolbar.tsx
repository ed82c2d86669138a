"use client";

import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { staffActionNames, staffActions } from "@/lib/audit/actions";
import { auditFilterKeys } from "@/lib/audit/search-params";

export function AuditToolbar() {
  const { values, setFilters, isPending } = useUrlFilters(auditFilterKeys);
  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <SelectFilter
          id="action"
          label="작업"
          value={values.action ?? ""}
          onChange={(value) => setFilters({ action: value })}
          options={[
            { value: "", label: "전체" },
            ...staffActionNames.map((action) => ({ value: action, label: staffActions[action] })),
          ]}
        />
        <TextFilter
          id="actor"
          label="사용자 (이메일 일부)"
          type="search"
          value={values.actor ?? ""}
          onChange={(value) => setFilters({ actor: value }, { typing: true })}
          placeholder="예: ops@"
        />
        <TextFilter
          id="from"
          label="시작일 (KST)"
          type="date"
          value={values.from ?? ""}
          onChange={(value) => setFilters({ from: value })}
        />
        <TextFilter
          id="to"
          label="종료일 (KST)"
          type="date"
          value={values.to ?? ""}
          onChange={(value) => setFilters({ to: value })}
        />
      </div>
      <PendingIndicator pending={isPending} />
    </search>
  );
}

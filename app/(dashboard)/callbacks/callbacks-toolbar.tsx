"use client";

import { PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { callbackKind, deliveryOutcome } from "@/db/schema";
import { callbackFilterKeys } from "@/lib/dashboard/callback-filters";
import { callbackKindLabels, deliveryOutcomeLabels } from "@/lib/dashboard/labels";

export function CallbacksToolbar() {
  const { values, setFilters, isPending } = useUrlFilters(callbackFilterKeys);
  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <SelectFilter
          id="kind"
          label="종류"
          value={values.kind ?? ""}
          onChange={(value) => setFilters({ kind: value })}
          options={[
            { value: "", label: "전체" },
            ...callbackKind.enumValues.map((kind) => ({ value: kind, label: callbackKindLabels[kind] })),
          ]}
        />
        <SelectFilter
          id="outcome"
          label="결과"
          value={values.outcome ?? ""}
          onChange={(value) => setFilters({ outcome: value })}
          options={[
            { value: "", label: "전체" },
            ...deliveryOutcome.enumValues.map((outcome) => ({
              value: outcome,
              label: `${deliveryOutcomeLabels[outcome]} (${outcome})`,
            })),
          ]}
        />
        <TextFilter
          id="from"
          label="받은 날 시작 (KST)"
          type="date"
          value={values.from ?? ""}
          onChange={(value) => setFilters({ from: value })}
        />
        <TextFilter
          id="to"
          label="받은 날 끝 (KST)"
          type="date"
          value={values.to ?? ""}
          onChange={(value) => setFilters({ to: value })}
        />
        <div className="col-span-2 md:col-span-1">
          <TextFilter
            id="subject"
            label="대상 (billId 또는 회원/가맹점 코드)"
            type="search"
            value={values.subject ?? ""}
            onChange={(value) => setFilters({ subject: value }, { typing: true })}
            placeholder="정확히 일치"
          />
        </div>
      </div>
      <PendingIndicator pending={isPending} />
    </search>
  );
}

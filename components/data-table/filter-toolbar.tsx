"use client";

import { type ReactNode, useState } from "react";
import { DateRangeFilter, PendingIndicator, SelectFilter, TextFilter } from "@/components/data-table/filter-controls";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import { buttonLikeClass } from "@/components/ui/download-link";
import { type FilterField, fieldKeys, fitsHalfPhoneRow, foldingKeys } from "@/lib/dashboard/filter-fields";

// Every list page's toolbar, drawn from the page's filter description (lib/dashboard/*-filters.ts).
// The URL is the state: a change writes it and the server component parses it again.

const inputModes = { search: "search", text: "text", won: "numeric" } as const;
const foldedId = "toolbar-more-filters";

export function FilterToolbar({ fields, actions }: { fields: readonly FilterField[]; actions?: ReactNode }) {
  const keys = fields.flatMap(fieldKeys);
  const { values, setFilters, clearFilters, isPending } = useUrlFilters(keys);
  // On a phone the fields that fold wait behind a button, which counts the ones in use.
  const [showAll, setShowAll] = useState(false);
  const folded = foldingKeys(fields);
  const foldedInUse = folded.filter((key) => values[key]).length;
  const shown = fields.filter((field) => field.kind !== "tabs");

  function control(field: FilterField) {
    const span = field.wide ? "col-span-2" : "";
    switch (field.kind) {
      case "tabs":
        return null;
      case "select": {
        const fallback = field.all === undefined ? (field.options[0]?.value ?? "") : "";
        const options = field.all === undefined ? field.options : [{ value: "", label: field.all }, ...field.options];
        return (
          <div key={field.key} className={span || (fitsHalfPhoneRow(options) ? "" : "col-span-2 md:col-span-1")}>
            <SelectFilter
              id={field.key}
              label={field.label}
              value={values[field.key] ?? fallback}
              // The default is written as no parameter at all, so the URL stays short.
              onChange={(value) => setFilters({ [field.key]: value === fallback ? null : value })}
              options={options}
            />
          </div>
        );
      }
      case "date-range":
        return (
          <DateRangeFilter
            key={field.key}
            start={{ id: field.key, label: field.label, value: values[field.key] ?? "" }}
            end={{ id: field.end.key, label: field.end.label, value: values[field.end.key] ?? "" }}
            onChange={(start, end) => setFilters({ [field.key]: start, [field.end.key]: end })}
          />
        );
      default:
        return (
          <div key={field.key} className={span}>
            <TextFilter
              id={field.key}
              label={field.label}
              type={field.kind === "search" ? "search" : "text"}
              inputMode={inputModes[field.kind]}
              value={values[field.key] ?? ""}
              onChange={(value) => setFilters({ [field.key]: value }, { typing: true })}
              placeholder={field.placeholder}
            />
          </div>
        );
    }
  }

  return (
    <search className="relative mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        {shown.filter((field) => !field.folds).map(control)}
        {folded.length > 0 ? (
          <div id={foldedId} className={`${showAll ? "contents" : "hidden"} md:contents`}>
            {shown.filter((field) => field.folds).map(control)}
          </div>
        ) : null}
      </div>
      <PendingIndicator pending={isPending} />
      <div className="mt-3 flex flex-wrap items-center justify-end gap-2">
        {folded.length > 0 ? (
          <button
            type="button"
            aria-expanded={showAll}
            aria-controls={foldedId}
            onClick={() => setShowAll(!showAll)}
            className="mr-auto rounded-md px-2 py-1.5 text-sm font-medium text-blue-700 hover:bg-blue-50 md:hidden"
          >
            {showAll ? "조건 접기" : `조건 더 보기${foldedInUse > 0 ? ` (${foldedInUse}개 적용 중)` : ""}`}
          </button>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" onClick={clearFilters} className={buttonLikeClass("secondary")}>
            조건 초기화
          </button>
          {actions}
        </div>
      </div>
    </search>
  );
}

"use client";

import type { SortingState, Updater } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import type { MerchantListRow } from "@/db/queries/merchants";
import type { MerchantFilters } from "@/lib/dashboard/merchant-filters";
import { merchantColumns } from "./columns";

const sortKeys = ["sort"] as const;

export function MerchantsTable({ rows, sort }: { rows: MerchantListRow[]; sort: MerchantFilters["sort"] }) {
  const { setFilters } = useUrlFilters(sortKeys);
  const sorting: SortingState = [{ id: "updated", desc: sort === "updated_desc" }];
  function onSortingChange(updater: Updater<SortingState>) {
    const [next] = typeof updater === "function" ? updater(sorting) : updater;
    if (next) setFilters({ sort: next.desc ? null : "updated_asc" });
  }
  return (
    <DataTable
      caption="하위가맹점 목록"
      columns={merchantColumns}
      rows={rows}
      getRowId={(row) => String(row.id)}
      sorting={sorting}
      onSortingChange={onSortingChange}
    />
  );
}

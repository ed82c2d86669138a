"use client";

import { DataTable } from "@/components/data-table/data-table";
import { useUrlSorting } from "@/components/data-table/use-url-filters";
import type { MerchantListRow } from "@/db/queries/merchants";
import type { MerchantFilters } from "@/lib/dashboard/merchant-filters";
import { merchantColumns } from "./columns";

export function MerchantsTable({ rows, sort }: { rows: MerchantListRow[]; sort: MerchantFilters["sort"] }) {
  const sorting = useUrlSorting([{ id: "updated", desc: sort === "updated_desc" }], (next) =>
    next.desc ? null : "updated_asc",
  );
  return <DataTable caption="하위가맹점 목록" columns={merchantColumns} rows={rows} {...sorting} />;
}

"use client";

import type { SortingState, Updater } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { useUrlFilters } from "@/components/data-table/use-url-filters";
import type { ApprovalListRow } from "@/db/queries/approvals";
import type { ApprovalSort } from "@/lib/dashboard/approval-filters";
import { approvalColumns } from "./columns";

const sortKeys = ["sort"] as const;

function sortingOf(sort: ApprovalSort): SortingState {
  const [id, direction] = sort.split("_");
  return [{ id, desc: direction === "desc" }];
}

export function ApprovalsTable({ rows, sort }: { rows: ApprovalListRow[]; sort: ApprovalSort }) {
  const { setFilters } = useUrlFilters(sortKeys);
  const sorting = sortingOf(sort);
  function onSortingChange(updater: Updater<SortingState>) {
    const [next] = typeof updater === "function" ? updater(sorting) : updater;
    if (next) setFilters({ sort: `${next.id}_${next.desc ? "desc" : "asc"}` });
  }
  return (
    <DataTable
      caption="결제 승인 목록"
      columns={approvalColumns}
      rows={rows}
      getRowId={(row) => String(row.id)}
      sorting={sorting}
      onSortingChange={onSortingChange}
    />
  );
}

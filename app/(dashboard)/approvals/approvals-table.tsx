"use client";

import type { SortingState } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { useUrlSorting } from "@/components/data-table/use-url-filters";
import type { ApprovalListRow } from "@/db/queries/approvals";
import type { ApprovalSort } from "@/lib/dashboard/approval-filters";
import { approvalColumns } from "./columns";

function sortingOf(sort: ApprovalSort): SortingState {
  const [id, direction] = sort.split("_");
  return [{ id, desc: direction === "desc" }];
}

export function ApprovalsTable({ rows, sort }: { rows: ApprovalListRow[]; sort: ApprovalSort }) {
  const sorting = useUrlSorting(sortingOf(sort), (next) => `${next.id}_${next.desc ? "desc" : "asc"}`);
  return <DataTable caption="결제 승인 목록" columns={approvalColumns} rows={rows} {...sorting} />;
}

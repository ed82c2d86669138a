"use client";

import { DataTable } from "@/components/data-table/data-table";
import type { BillListRow } from "@/db/queries/bills";
import { billColumns } from "./columns";

export function BillsTable({ rows }: { rows: BillListRow[] }) {
  return <DataTable caption="청구서 목록" columns={billColumns} rows={rows} />;
}

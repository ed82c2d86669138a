"use client";

import { DataTable } from "@/components/data-table/data-table";
import type { ReconciliationListRow } from "@/db/queries/reconciliation";
import { reconciliationColumns } from "./columns";

export function ReconciliationTable({ rows }: { rows: ReconciliationListRow[] }) {
  return <DataTable caption="대사 목록" columns={reconciliationColumns} rows={rows} />;
}

"use client";

import { DataTable } from "@/components/data-table/data-table";
import { type AuditRow, auditColumns } from "./columns";

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable caption="감사 기록" columns={auditColumns} rows={rows} />;
}

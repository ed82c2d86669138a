"use client";

import { DataTable } from "@/components/data-table/data-table";
import type { AuditLogListRow } from "@/db/queries/audit-log-list";
import { auditColumns } from "./columns";

export function AuditTable({ rows }: { rows: AuditLogListRow[] }) {
  return <DataTable caption="감사 기록" columns={auditColumns} rows={rows} getRowId={(row) => String(row.id)} />;
}

"use client";

import { DataTable } from "@/components/data-table/data-table";
import type { CallbackDeliveryListRow } from "@/db/queries/callback-deliveries";
import { callbackColumns } from "./columns";

export function CallbacksTable({ rows }: { rows: CallbackDeliveryListRow[] }) {
  return (
    <DataTable caption="콜백 수신 기록" columns={callbackColumns} rows={rows} getRowId={(row) => String(row.id)} />
  );
}

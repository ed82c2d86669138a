"use client";

import { DataTable } from "@/components/data-table/data-table";
import type { CallbackDeliveryListRow } from "@/lib/dashboard/refusals";
import { callbackColumns } from "./columns";

export function CallbacksTable({ rows }: { rows: CallbackDeliveryListRow[] }) {
  return <DataTable caption="콜백 수신 기록" columns={callbackColumns} rows={rows} />;
}

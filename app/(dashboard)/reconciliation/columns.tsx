"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import type { ReconciliationListRow } from "@/db/queries/reconciliation";
import { differencesText } from "@/lib/export/reconciliation-columns";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { mismatchReasonLabels } from "@/lib/reconcile/statuses";

const column = createColumnHelper<ReconciliationListRow>();

function reasonText(row: ReconciliationListRow): string | null {
  if (row.reasons.length > 0) return row.reasons.map((reason) => mismatchReasonLabels[reason]).join(", ");
  return row.lastError;
}

export const reconciliationColumns = [
  column.accessor("billId", {
    header: "청구서 ID",
    cell: (info) => (
      <>
        <Link
          href={`/reconciliation/${encodeURIComponent(info.getValue())}`}
          className="font-mono font-medium text-blue-700 hover:underline"
        >
          {info.getValue()}
        </Link>
        <div className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
          {formatKst(info.row.original.issuedAt)}
        </div>
      </>
    ),
  }),
  column.accessor("status", {
    header: "상태",
    cell: (info) => <ReconciliationStatusBadge status={info.getValue()} />,
  }),
  column.display({
    id: "reason",
    header: "사유",
    cell: ({ row }) => {
      const text = reasonText(row.original);
      const differences = differencesText(row.original);
      if (!text && !differences) return <span className="text-slate-400">—</span>;
      return (
        <div className="max-w-xs text-xs break-keep">
          {text ? <p className="font-medium text-slate-800">{text}</p> : null}
          {differences ? <p className="whitespace-pre-line text-slate-600">{differences}</p> : null}
        </div>
      );
    },
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("amount", {
    header: "청구 금액",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatWon(info.getValue())}</span>,
    meta: { className: "text-right" },
  }),
  column.display({
    id: "merchant",
    header: "회원 / 가맹점 코드",
    cell: ({ row }) =>
      row.original.memberId ? (
        <span className="font-mono text-xs break-all">
          {row.original.memberId} / {row.original.merchantId}
        </span>
      ) : (
        <span className="text-xs text-slate-500">청구서 없음</span>
      ),
    meta: { className: "hidden lg:table-cell" },
  }),
  column.accessor("issuedAt", {
    header: "발행 일시 (KST)",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("lastReadAt", {
    header: "마지막 조회",
    cell: (info) => {
      const at = info.getValue();
      return at ? <span className="whitespace-nowrap tabular-nums">{formatKst(at)}</span> : "—";
    },
    meta: { className: "hidden xl:table-cell" },
  }),
];

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import type { BillListRow } from "@/db/queries/bills";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { billSourceLabels } from "@/lib/reconcile/statuses";

const column = createColumnHelper<BillListRow>();

export const billColumns = [
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
        {/* The issue time column is hidden on a phone. */}
        <div className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
          {formatKst(info.row.original.issuedAt)}
        </div>
      </>
    ),
  }),
  column.accessor("status", {
    header: "대사 상태",
    cell: (info) => {
      const status = info.getValue();
      return status ? <ReconciliationStatusBadge status={status} /> : "—";
    },
  }),
  column.accessor("price", {
    header: "금액",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatWon(info.getValue())}</span>,
    meta: { className: "text-right" },
  }),
  column.display({
    id: "merchant",
    header: "회원 / 가맹점 코드",
    cell: ({ row }) => (
      <Link
        href={`/bills?memberId=${encodeURIComponent(row.original.memberId)}&merchantId=${encodeURIComponent(row.original.merchantId)}`}
        className="font-mono text-xs break-all text-blue-700 hover:underline"
      >
        {row.original.memberId} / {row.original.merchantId}
      </Link>
    ),
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("issuedAt", {
    header: "발행 일시 (KST)",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("expireDate", {
    header: "만료일",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden lg:table-cell" },
  }),
  column.accessor("productName", {
    header: "상품명",
    cell: (info) => info.getValue() ?? "—",
    meta: { className: "hidden xl:table-cell" },
  }),
  column.accessor("orderRef", {
    header: "주문 번호",
    cell: (info) => <span className="font-mono text-xs">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden xl:table-cell" },
  }),
  column.accessor("source", {
    header: "등록 경로",
    cell: (info) => billSourceLabels[info.getValue()],
    meta: { className: "hidden lg:table-cell" },
  }),
];

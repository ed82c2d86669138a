"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { ApprovalStateBadge } from "@/components/ui/badges";
import type { ApprovalListRow } from "@/db/queries/approvals";
import { installmentText } from "@/lib/dashboard/labels";
import { formatKst } from "@/lib/kst";
import { maskAccountNumber } from "@/lib/mask";
import { formatWon } from "@/lib/money";
import { payTypeText } from "@/lib/payssam/codes";

const column = createColumnHelper<ApprovalListRow>();

export const approvalColumns = [
  column.accessor("billId", {
    header: "청구서 ID",
    enableSorting: false,
    cell: (info) => (
      <>
        {/* One line on a phone's card, cut with the whole billId in the title. */}
        <Link
          href={`/approvals/${info.row.original.id}`}
          title={info.getValue()}
          className="font-mono font-medium break-all text-blue-700 hover:underline max-sm:block max-sm:truncate"
        >
          {info.getValue()}
        </Link>
        {/* The time column is hidden on a phone. */}
        <div className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
          {formatKst(info.row.original.apprDt)}
        </div>
      </>
    ),
    meta: { card: "title" },
  }),
  column.accessor("apprState", {
    header: "상태",
    enableSorting: false,
    cell: (info) => <ApprovalStateBadge state={info.getValue()} />,
    meta: { card: "aside" },
  }),
  column.accessor("apprDt", {
    id: "dt",
    header: "승인일시 (KST)",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("apprPrice", {
    id: "price",
    header: "금액",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatWon(info.getValue())}</span>,
    meta: { className: "text-right", card: "aside" },
  }),
  column.accessor("apprPayType", {
    header: "결제 수단",
    enableSorting: false,
    cell: (info) => payTypeText(info.getValue()),
    meta: { className: "hidden lg:table-cell" },
  }),
  column.accessor("apprIssuer", {
    header: "카드사/은행",
    enableSorting: false,
    cell: (info) => info.getValue() ?? "—",
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("apprIssuerNum", {
    header: "카드/계좌 번호",
    enableSorting: false,
    cell: (info) => {
      const number = info.getValue();
      return number ? <span className="font-mono text-xs">{maskAccountNumber(number)}</span> : "—";
    },
    meta: { className: "hidden xl:table-cell" },
  }),
  column.accessor("apprMonthly", {
    header: "할부",
    enableSorting: false,
    cell: (info) => installmentText(info.getValue()),
    meta: { className: "hidden lg:table-cell" },
  }),
  column.accessor("apprNum", {
    header: "승인번호",
    enableSorting: false,
    cell: (info) => <span className="font-mono text-xs">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden xl:table-cell" },
  }),
];

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { OutcomeBadge } from "@/components/ui/badges";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import type { CallbackDeliveryListRow } from "@/lib/dashboard/refusals";
import { formatKst } from "@/lib/kst";

const column = createColumnHelper<CallbackDeliveryListRow>();

function subjectHref(delivery: CallbackDeliveryListRow): string | null {
  if (delivery.approvalId) return `/approvals/${delivery.approvalId}`;
  if (delivery.merchantId) return `/merchants/${delivery.merchantId}`;
  return null;
}

export const callbackColumns = [
  column.accessor("id", {
    header: "번호",
    enableSorting: false,
    cell: (info) => (
      <>
        <Link href={`/callbacks/${info.getValue()}`} className="font-mono font-medium text-blue-700 hover:underline">
          #{info.getValue()}
        </Link>
        {/* The time column is hidden on a phone. */}
        <div className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
          {formatKst(info.row.original.receivedAt)}
        </div>
      </>
    ),
  }),
  column.accessor("receivedAt", {
    header: "받은 시각 (KST)",
    enableSorting: false,
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("kind", {
    header: "종류",
    enableSorting: false,
    cell: (info) => <span className="whitespace-nowrap">{callbackKindLabels[info.getValue()]}</span>,
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("outcome", {
    header: "결과",
    enableSorting: false,
    cell: (info) => (
      <div className="flex flex-col items-start gap-1">
        <OutcomeBadge outcome={info.getValue()} />
        {info.row.original.reprocessOf ? (
          <span className="text-xs text-violet-700">#{info.row.original.reprocessOf} 재처리</span>
        ) : null}
      </div>
    ),
  }),
  column.accessor("subject", {
    header: "대상",
    enableSorting: false,
    cell: (info) => {
      const subject = info.getValue();
      if (!subject) return <span className="text-slate-400">—</span>;
      const href = subjectHref(info.row.original);
      return href ? (
        <Link href={href} className="font-mono text-xs break-all text-blue-700 hover:underline">
          {subject}
        </Link>
      ) : (
        <span className="font-mono text-xs break-all">{subject}</span>
      );
    },
  }),
  column.accessor("refusalSummary", {
    header: "거부 사유",
    enableSorting: false,
    cell: (info) => {
      const { errorCode } = info.row.original;
      const summary = info.getValue();
      if (!summary) return <span className="text-slate-400">—</span>;
      return (
        <p className="line-clamp-2 max-w-md text-xs break-keep text-red-800" title={summary}>
          {errorCode ? <span className="font-mono">[{errorCode}] </span> : null}
          {summary}
        </p>
      );
    },
    meta: { className: "hidden lg:table-cell" },
  }),
];

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { OutcomeBadge } from "@/components/ui/badges";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import type { CallbackDeliveryListRow } from "@/lib/dashboard/refusals";
import { actionWords, withParticle } from "@/lib/glossary";
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
      <div className="max-sm:flex max-sm:items-baseline max-sm:gap-2">
        <Link href={`/callbacks/${info.getValue()}`} className="font-mono font-medium text-blue-700 hover:underline">
          #{info.getValue()}
        </Link>
        {/* On a phone's card the time and kind columns are hidden: both show here. */}
        <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
          {formatKst(info.row.original.receivedAt)} · {callbackKindLabels[info.row.original.kind]}
        </span>
      </div>
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
          <span className="text-xs text-violet-700">
            {withParticle(`#${info.row.original.reprocessOf}`, "을/를")} {actionWords.reprocess}
          </span>
        ) : null}
      </div>
    ),
    meta: { card: "aside" },
  }),
  column.accessor("subject", {
    header: "대상",
    enableSorting: false,
    cell: (info) => {
      const subject = info.getValue();
      if (!subject) return <span className="text-slate-400">대상 불명</span>;
      const href = subjectHref(info.row.original);
      // One line on a phone's card, cut with the whole value in the title; wraps in a column.
      const text = (
        <span title={subject} className="font-mono text-xs break-all max-sm:block max-sm:truncate">
          {subject}
        </span>
      );
      return href ? (
        <Link href={href} className="block min-w-0 text-blue-700 hover:underline">
          {text}
        </Link>
      ) : (
        text
      );
    },
    meta: { card: "title" },
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

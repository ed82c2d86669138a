"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badges";
import type { AuditLogListRow } from "@/db/queries/audit-log-list";
import { type AuditDetail, type AuditTarget, actionLabel, isRefusal } from "@/lib/audit/describe";
import { formatKst } from "@/lib/kst";

/** A row as the page describes it (lib/audit/describe.ts): target in words, labelled details. */
export type AuditRow = AuditLogListRow & { targetView: AuditTarget | null; detailItems: AuditDetail[] };

const column = createColumnHelper<AuditRow>();

// On a phone's card: the action and time on the first line, then who, the target, the address
// and the details, each labelled.
export const auditColumns = [
  column.accessor("action", {
    header: "작업",
    enableSorting: false,
    cell: (info) => <ActionBadge action={info.getValue()} />,
    meta: { card: "title" },
  }),
  column.accessor("at", {
    header: "시각 (KST)",
    enableSorting: false,
    cell: (info) => <span className="whitespace-nowrap tabular-nums max-sm:text-xs">{formatKst(info.getValue())}</span>,
    meta: { card: "aside" },
  }),
  column.accessor("actorEmail", {
    header: "사용자",
    enableSorting: false,
    cell: (info) => (
      <span className="break-words">
        <PhoneLabel>사용자</PhoneLabel>
        <Actor email={info.getValue()} />
      </span>
    ),
  }),
  column.accessor("targetView", {
    header: "대상",
    enableSorting: false,
    cell: (info) => {
      const target = info.getValue();
      if (!target) return <span className="text-slate-400 max-sm:hidden">—</span>;
      return (
        <span className="break-keep wrap-anywhere">
          <PhoneLabel>대상</PhoneLabel>
          {target.href ? (
            <Link href={target.href} className="text-blue-700 hover:underline">
              {target.text}
            </Link>
          ) : (
            target.text
          )}
        </span>
      );
    },
  }),
  column.accessor("clientAddr", {
    header: "접속 주소",
    enableSorting: false,
    cell: (info) => (
      <span className="text-xs whitespace-nowrap">
        <PhoneLabel>접속 주소</PhoneLabel>
        <span className="font-mono">{info.getValue() ?? "—"}</span>
      </span>
    ),
  }),
  column.accessor("detailItems", {
    header: "내용",
    enableSorting: false,
    cell: (info) => {
      const items = info.getValue();
      if (items.length === 0) return <span className="text-slate-400 max-sm:hidden">—</span>;
      return (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-700">
          {items.map((item) => (
            <div key={item.label} className="contents">
              <dt className="text-slate-500">{item.label}</dt>
              <dd className="break-keep wrap-anywhere">{item.value}</dd>
            </div>
          ))}
        </dl>
      );
    },
  }),
];

/** A column's name before its value where there are no column headers: a phone's card. */
function PhoneLabel({ children }: { children: string }) {
  return <span className="mr-1 text-xs text-slate-500 sm:hidden">{children}</span>;
}

function ActionBadge({ action }: { action: string }) {
  return <Badge tone={isRefusal(action) ? "red" : "gray"}>{actionLabel(action)}</Badge>;
}

function Actor({ email }: { email: string | null }) {
  return email ?? <span className="text-slate-500">명령줄 (서버)</span>;
}

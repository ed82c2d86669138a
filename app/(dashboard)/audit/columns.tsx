"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badges";
import type { AuditLogListRow } from "@/db/queries/audit-log-list";
import { actionLabel, describeDetails, isRefusal } from "@/lib/audit/describe";
import { formatKst } from "@/lib/kst";

const column = createColumnHelper<AuditLogListRow>();

// On a phone two columns remain: when, what and who in the first; target, address and details
// in the second.
export const auditColumns = [
  column.accessor("at", {
    header: "시각 (KST)",
    enableSorting: false,
    cell: (info) => (
      <div className="flex flex-col items-start gap-1">
        <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>
        <span className="sm:hidden">
          <ActionBadge action={info.row.original.action} />
        </span>
        <span className="text-xs break-words text-slate-600 sm:hidden">
          <Actor email={info.row.original.actorEmail} />
        </span>
      </div>
    ),
  }),
  column.accessor("action", {
    header: "작업",
    enableSorting: false,
    cell: (info) => <ActionBadge action={info.getValue()} />,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("actorEmail", {
    header: "사용자",
    enableSorting: false,
    cell: (info) => (
      <span className="break-words">
        <Actor email={info.getValue()} />
      </span>
    ),
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("target", {
    header: "대상",
    enableSorting: false,
    cell: (info) => <span className="break-words">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("clientAddr", {
    header: "접속 주소",
    enableSorting: false,
    cell: (info) => <span className="font-mono text-xs whitespace-nowrap">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("details", {
    header: "내용",
    enableSorting: false,
    cell: (info) => (
      <ul className="text-xs break-words text-slate-600">
        {/* Below md the target and address columns are hidden: shown here instead. */}
        {info.row.original.target ? <li className="md:hidden">대상: {info.row.original.target}</li> : null}
        {info.row.original.clientAddr ? <li className="font-mono md:hidden">{info.row.original.clientAddr}</li> : null}
        {describeDetails(info.getValue()).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    ),
  }),
];

function ActionBadge({ action }: { action: string }) {
  return <Badge tone={isRefusal(action) ? "red" : "gray"}>{actionLabel(action)}</Badge>;
}

function Actor({ email }: { email: string | null }) {
  return email ?? <span className="text-slate-500">명령줄 (서버)</span>;
}

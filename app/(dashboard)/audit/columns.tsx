"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badges";
import type { AuditLogListRow } from "@/db/queries/audit-log-list";
import { actionLabel, describeDetails, isRefusal } from "@/lib/audit/describe";
import { formatKst } from "@/lib/kst";

const column = createColumnHelper<AuditLogListRow>();

export const auditColumns = [
  column.accessor("at", {
    header: "시각 (KST)",
    enableSorting: false,
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
  }),
  column.accessor("action", {
    header: "작업",
    enableSorting: false,
    cell: (info) => <Badge tone={isRefusal(info.getValue()) ? "red" : "gray"}>{actionLabel(info.getValue())}</Badge>,
  }),
  column.accessor("actorEmail", {
    header: "사용자",
    enableSorting: false,
    cell: (info) => (
      <span className="break-all">{info.getValue() ?? <span className="text-slate-500">명령줄 (서버)</span>}</span>
    ),
  }),
  column.accessor("target", {
    header: "대상",
    enableSorting: false,
    cell: (info) => <span className="break-all">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("clientAddr", {
    header: "접속 주소",
    enableSorting: false,
    cell: (info) => <span className="font-mono text-xs whitespace-nowrap">{info.getValue() ?? "—"}</span>,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("details", {
    header: "내용",
    enableSorting: false,
    cell: (info) => (
      <ul className="text-xs text-slate-600">
        {/* On a phone the target and address columns are hidden: shown here instead. */}
        {info.row.original.target ? <li className="md:hidden">대상: {info.row.original.target}</li> : null}
        {info.row.original.clientAddr ? <li className="sm:hidden">주소: {info.row.original.clientAddr}</li> : null}
        {describeDetails(info.getValue()).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    ),
  }),
];

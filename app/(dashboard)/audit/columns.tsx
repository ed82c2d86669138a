"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { columnsOf, KstTime } from "@/components/data-table/columns";
import { Badge } from "@/components/ui/badges";
import type { AuditLogListRow } from "@/db/queries/audit-log-list";
import { type AuditDetail, type AuditTarget, actionLabel, isRefusal } from "@/lib/audit/describe";

/** A row as the page describes it (lib/audit/describe.ts): target in words, labelled details. */
export type AuditRow = AuditLogListRow & { targetView: AuditTarget | null; detailItems: AuditDetail[] };

const column = columnsOf<AuditRow>();

// On a phone's card: the action and time on the first line, then who, the target, the address
// and the details, each labelled.
export const auditColumns = [
  column.badge("action", "작업", (action) => <ActionBadge action={action} />, { card: "title" }),
  column.field("at", "시각 (KST)", (at) => <KstTime at={at} className="max-sm:text-xs" />, { card: "aside" }),
  column.field("actorEmail", "사용자", (email) => (
    <Labelled label="사용자" className="break-words">
      <Actor email={email} />
    </Labelled>
  )),
  column.field("targetView", "대상", (target) =>
    target ? (
      <Labelled label="대상" className="break-keep wrap-anywhere">
        {target.href ? (
          <Link href={target.href} className="text-blue-700 hover:underline">
            {target.text}
          </Link>
        ) : (
          target.text
        )}
      </Labelled>
    ) : (
      <NoValue />
    ),
  ),
  column.field("clientAddr", "접속 주소", (address) => (
    <Labelled label="접속 주소" className="text-xs whitespace-nowrap">
      <span className="font-mono">{address ?? "—"}</span>
    </Labelled>
  )),
  column.field("detailItems", "내용", (items) =>
    items.length > 0 ? (
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-700">
        {items.map((item) => (
          <div key={item.label} className="contents">
            <dt className="text-slate-500">{item.label}</dt>
            <dd className="break-keep wrap-anywhere">{item.value}</dd>
          </div>
        ))}
      </dl>
    ) : (
      <NoValue />
    ),
  ),
];

/** An empty cell: a dash in a column, nothing on a phone's card. */
function NoValue() {
  return <span className="text-slate-400 max-sm:hidden">—</span>;
}

/** A cell whose column name shows before its value where there are no column headers: a phone's card. */
function Labelled({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <span className={className}>
      <span className="mr-1 text-xs text-slate-500 sm:hidden">{label}</span>
      {children}
    </span>
  );
}

function ActionBadge({ action }: { action: string }) {
  return <Badge tone={isRefusal(action) ? "red" : "gray"}>{actionLabel(action)}</Badge>;
}

function Actor({ email }: { email: string | null }) {
  return email ?? <span className="text-slate-500">명령줄 (서버)</span>;
}

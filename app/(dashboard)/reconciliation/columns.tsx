"use client";

import { columnsOf } from "@/components/data-table/columns";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import type { ReconciliationListRow } from "@/db/queries/reconciliation";
import { differencesText } from "@/lib/export/reconciliation-columns";
import { mismatchReasonLabels } from "@/lib/reconcile/statuses";

const column = columnsOf<ReconciliationListRow>();

function reasonText(row: ReconciliationListRow): string | null {
  if (row.reasons.length > 0) return row.reasons.map((reason) => mismatchReasonLabels[reason]).join(", ");
  return row.lastError;
}

function Reason({ row }: { row: ReconciliationListRow }) {
  const text = reasonText(row);
  const differences = differencesText(row);
  // On a phone's card an empty reason takes no line; in the table it is a cell like the others.
  if (!text && !differences) return <span className="text-slate-400 max-sm:hidden">—</span>;
  return (
    <div className="max-w-xs text-xs break-keep">
      {text ? <p className="font-medium text-slate-800">{text}</p> : null}
      {differences ? <p className="whitespace-pre-line text-slate-600">{differences}</p> : null}
    </div>
  );
}

export const reconciliationColumns = [
  column.identifierLink("billId", "청구서 ID", {
    href: (row) => `/reconciliation/${encodeURIComponent(row.billId)}`,
    time: (row) => row.issuedAt,
  }),
  column.badge("status", "상태", (status) => <ReconciliationStatusBadge status={status} />),
  // A phone's card shows what differs (the reason a 불일치 is listed); a narrow table leaves it to the bill's page.
  column.row("reason", "사유", (row) => <Reason row={row} />, { className: "sm:hidden md:table-cell" }),
  column.won("amount", "청구 금액"),
  column.row(
    "merchant",
    "회원 / 가맹점 코드",
    (row) =>
      row.memberId ? (
        <span className="font-mono text-xs break-all">
          {row.memberId} / {row.merchantId}
        </span>
      ) : (
        <span className="text-xs text-slate-500">청구서 없음</span>
      ),
    { className: "hidden lg:table-cell" },
  ),
  column.kstTime("issuedAt", "발행 일시 (KST)", { className: "hidden sm:table-cell" }),
  column.kstTime("lastReadAt", "마지막 조회", { className: "hidden xl:table-cell" }),
];

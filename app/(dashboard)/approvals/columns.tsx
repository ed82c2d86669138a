"use client";

import { columnsOf } from "@/components/data-table/columns";
import { ApprovalStateBadge } from "@/components/ui/badges";
import type { ApprovalListRow } from "@/db/queries/approvals";
import { installmentText } from "@/lib/dashboard/labels";
import { maskAccountNumber } from "@/lib/mask";
import { payTypeText } from "@/lib/payssam/codes";

const column = columnsOf<ApprovalListRow>();

export const approvalColumns = [
  column.identifierLink("billId", "청구서 ID", {
    href: (approval) => `/approvals/${approval.id}`,
    time: (approval) => approval.apprDt,
    truncate: true,
    card: "title",
  }),
  column.badge("apprState", "상태", (state) => <ApprovalStateBadge state={state} />, { card: "aside" }),
  column.kstTime("apprDt", "승인일시 (KST)", { id: "dt", sortable: true, className: "hidden sm:table-cell" }),
  column.won("apprPrice", "금액", { id: "price", sortable: true, card: "aside" }),
  column.field("apprPayType", "결제 수단", payTypeText, { className: "hidden lg:table-cell" }),
  column.text("apprIssuer", "카드사/은행", { className: "hidden md:table-cell" }),
  column.field(
    "apprIssuerNum",
    "카드/계좌 번호",
    (number) => (number ? <span className="font-mono text-xs">{maskAccountNumber(number)}</span> : "—"),
    { className: "hidden xl:table-cell" },
  ),
  column.field("apprMonthly", "할부", installmentText, { className: "hidden lg:table-cell" }),
  column.text("apprNum", "승인번호", { mono: true, className: "hidden xl:table-cell" }),
];

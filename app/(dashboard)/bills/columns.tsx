"use client";

import Link from "next/link";
import { columnsOf } from "@/components/data-table/columns";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import type { BillListRow } from "@/db/queries/bills";
import { billSourceLabels } from "@/lib/reconcile/statuses";

const column = columnsOf<BillListRow>();

export const billColumns = [
  column.identifierLink("billId", "청구서 ID", {
    href: (bill) => `/reconciliation/${encodeURIComponent(bill.billId)}`,
    time: (bill) => bill.issuedAt,
  }),
  column.badge("status", "대사 상태", (status) => (status ? <ReconciliationStatusBadge status={status} /> : "—")),
  column.won("price", "금액"),
  column.row(
    "merchant",
    "회원 / 가맹점 코드",
    (bill) => (
      <Link
        href={`/bills?memberId=${encodeURIComponent(bill.memberId)}&merchantId=${encodeURIComponent(bill.merchantId)}`}
        className="font-mono text-xs break-all text-blue-700 hover:underline"
      >
        {bill.memberId} / {bill.merchantId}
      </Link>
    ),
    { className: "hidden md:table-cell" },
  ),
  column.kstTime("issuedAt", "발행 일시 (KST)", { className: "hidden sm:table-cell" }),
  column.field("expireDate", "만료일", (day) => <span className="whitespace-nowrap tabular-nums">{day ?? "—"}</span>, {
    className: "hidden lg:table-cell",
  }),
  column.text("productName", "상품명", { className: "hidden xl:table-cell" }),
  column.text("orderRef", "주문 번호", { mono: true, className: "hidden xl:table-cell" }),
  column.field("source", "등록 경로", (source) => billSourceLabels[source], { className: "hidden lg:table-cell" }),
];

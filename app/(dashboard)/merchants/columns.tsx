"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Badge, ReviewStatusBadge } from "@/components/ui/badges";
import { Identifier } from "@/components/ui/identifier";
import type { MerchantListRow } from "@/db/queries/merchants";
import { formatBusinessNumber } from "@/lib/dashboard/business-number";
import { formatKst } from "@/lib/kst";

const column = createColumnHelper<MerchantListRow>();

// PaySsam fills the message for 반려 (R) and 서류보완 (S): the reason staff must act on.
const needsAction = (merchant: MerchantListRow) =>
  (merchant.reviewStatus === "R" || merchant.reviewStatus === "S") && Boolean(merchant.reviewMessage);

export const merchantColumns = [
  column.accessor("companyName", {
    header: "상호 / 지점",
    enableSorting: false,
    cell: (info) => {
      const merchant = info.row.original;
      return (
        <div className="min-w-40 max-sm:min-w-0">
          <Link href={`/merchants/${merchant.id}`} className="font-medium text-blue-700 hover:underline">
            {merchant.companyName ?? "(상호 없음)"}
            {merchant.branchName ? <span className="text-slate-600"> · {merchant.branchName}</span> : null}
          </Link>
          <div className="mt-0.5 text-xs text-slate-500">
            <Identifier value={`${merchant.memberId} / ${merchant.merchantId}`} truncate />
          </div>
          {/* On a phone the message column is hidden: the reason to act still shows, here. */}
          {needsAction(merchant) ? (
            <p
              className="mt-1 line-clamp-2 text-sm break-keep wrap-anywhere text-slate-800 sm:hidden"
              title={merchant.reviewMessage ?? undefined}
            >
              {merchant.reviewMessage}
            </p>
          ) : null}
        </div>
      );
    },
    meta: { card: "title" },
  }),
  column.accessor("businessNumber", {
    header: "사업자등록번호",
    enableSorting: false,
    cell: (info) => <span className="font-mono whitespace-nowrap">{formatBusinessNumber(info.getValue()) ?? "—"}</span>,
    meta: { className: "hidden md:table-cell" },
  }),
  column.accessor("reviewStatus", {
    header: "심사 상태",
    enableSorting: false,
    cell: (info) => (
      <div className="flex flex-col items-start gap-1">
        <ReviewStatusBadge status={info.getValue()} />
        {info.row.original.isDeleted ? <Badge tone="gray">삭제됨</Badge> : null}
      </div>
    ),
    meta: { card: "aside" },
  }),
  column.accessor("reviewMessage", {
    header: "심사 메시지",
    enableSorting: false,
    cell: (info) =>
      needsAction(info.row.original) ? (
        // Two lines at most: the whole message is on the merchant's page (and in the title).
        <p
          className="line-clamp-2 max-w-md text-sm break-keep wrap-anywhere text-slate-800"
          title={info.getValue() ?? undefined}
        >
          {info.getValue()}
        </p>
      ) : (
        <span className="text-slate-400">—</span>
      ),
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("updatedAt", {
    id: "updated",
    header: "최근 변경 (KST)",
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatKst(info.getValue())}</span>,
    meta: { className: "hidden lg:table-cell" },
  }),
];

"use client";

import Link from "next/link";
import { columnsOf } from "@/components/data-table/columns";
import { Badge, ReviewStatusBadge } from "@/components/ui/badges";
import { Identifier } from "@/components/ui/identifier";
import type { MerchantListRow } from "@/db/queries/merchants";
import { formatBusinessNumber } from "@/lib/dashboard/business-number";

const column = columnsOf<MerchantListRow>();

// PaySsam fills the message for 반려 (R) and 서류보완 (S): the reason staff must act on.
const needsAction = (merchant: MerchantListRow) =>
  (merchant.reviewStatus === "R" || merchant.reviewStatus === "S") && Boolean(merchant.reviewMessage);

export const merchantColumns = [
  column.field("companyName", "상호 / 지점", (_, merchant) => <NameCell merchant={merchant} />, { card: "title" }),
  column.field(
    "businessNumber",
    "사업자등록번호",
    (number) => <span className="font-mono whitespace-nowrap">{formatBusinessNumber(number) ?? "—"}</span>,
    { className: "hidden md:table-cell" },
  ),
  column.badge("reviewStatus", "심사 상태", (status) => <ReviewStatusBadge status={status} />, {
    note: (merchant) => (merchant.isDeleted ? <Badge tone="gray">삭제됨</Badge> : null),
    card: "aside",
  }),
  column.field(
    "reviewMessage",
    "심사 메시지",
    (message, merchant) =>
      needsAction(merchant) ? (
        // Two lines at most: the whole message is on the merchant's page (and in the title).
        <p
          className="line-clamp-2 max-w-md text-sm break-keep wrap-anywhere text-slate-800"
          title={message ?? undefined}
        >
          {message}
        </p>
      ) : (
        <span className="text-slate-400">—</span>
      ),
    { className: "hidden sm:table-cell" },
  ),
  column.kstTime("updatedAt", "최근 변경 (KST)", { id: "updated", sortable: true, className: "hidden lg:table-cell" }),
];

function NameCell({ merchant }: { merchant: MerchantListRow }) {
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
}

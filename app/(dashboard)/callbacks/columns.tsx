"use client";

import Link from "next/link";
import { columnsOf } from "@/components/data-table/columns";
import { ReprocessedFrom } from "@/components/delivery-list";
import { OutcomeBadge } from "@/components/ui/badges";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import type { CallbackDeliveryListRow } from "@/lib/dashboard/refusals";
import { formatKst } from "@/lib/kst";

const column = columnsOf<CallbackDeliveryListRow>();

function subjectHref(delivery: CallbackDeliveryListRow): string | null {
  if (delivery.approvalId) return `/approvals/${delivery.approvalId}`;
  if (delivery.merchantId) return `/merchants/${delivery.merchantId}`;
  return null;
}

export const callbackColumns = [
  column.field("id", "번호", (id, delivery) => (
    <div className="max-sm:flex max-sm:items-baseline max-sm:gap-2">
      <Link href={`/callbacks/${id}`} className="font-mono font-medium text-blue-700 hover:underline">
        #{id}
      </Link>
      {/* On a phone's card the time and kind columns are hidden: both show here. */}
      <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
        {formatKst(delivery.receivedAt)} · {callbackKindLabels[delivery.kind]}
      </span>
    </div>
  )),
  column.kstTime("receivedAt", "받은 시각 (KST)", { className: "hidden sm:table-cell" }),
  column.field("kind", "종류", (kind) => <span className="whitespace-nowrap">{callbackKindLabels[kind]}</span>, {
    className: "hidden md:table-cell",
  }),
  column.badge("outcome", "결과", (outcome) => <OutcomeBadge outcome={outcome} />, {
    note: (delivery) => <ReprocessedFrom deliveryId={delivery.reprocessOf} />,
    card: "aside",
  }),
  column.field("subject", "대상", (subject, delivery) => <Subject subject={subject} delivery={delivery} />, {
    card: "title",
  }),
  column.field(
    "refusalSummary",
    "거부 사유",
    (summary, { errorCode }) =>
      summary ? (
        <p className="line-clamp-2 max-w-md text-xs break-keep text-red-800" title={summary}>
          {errorCode ? <span className="font-mono">[{errorCode}] </span> : null}
          {summary}
        </p>
      ) : (
        <span className="text-slate-400">—</span>
      ),
    { className: "hidden lg:table-cell" },
  ),
];

function Subject({ subject, delivery }: { subject: string | null; delivery: CallbackDeliveryListRow }) {
  if (!subject) return <span className="text-slate-500">대상 불명</span>;
  const href = subjectHref(delivery);
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
}

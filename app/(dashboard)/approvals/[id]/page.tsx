import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DeliveryList } from "@/components/delivery-list";
import { ApprovalStateBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { DetailHeader, KstTimeText } from "@/components/ui/detail-header";
import { type Field, FieldList } from "@/components/ui/field-list";
import { Identifier } from "@/components/ui/identifier";
import { getDb } from "@/db";
import { getApproval } from "@/db/queries/approvals";
import { getApprovalDeliveries } from "@/db/queries/callback-deliveries";
import type { Approval, ApprovalState } from "@/db/schema";
import { signatureImageSrc } from "@/lib/dashboard/image";
import { installmentText } from "@/lib/dashboard/labels";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { formatKst } from "@/lib/kst";
import { maskAccountNumber } from "@/lib/mask";
import { formatWon } from "@/lib/money";
import { approvalFieldList, approvalFieldName } from "@/lib/payssam/approval";
import { cashTraderLabels, payTypeText } from "@/lib/payssam/codes";
import { openDetailPage } from "../../detail-id";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `결제 승인 #${(await params).id}` };
}

const mono = (text: string | null) => (text ? <Identifier value={text} /> : null);
const masked = (text: string | null) => (text ? <span className="font-mono">{maskAccountNumber(text)}</span> : null);

/** A stored field as the page shows it: by its rule (times, won, months, state) and how it is shown. */
function storedValue(field: (typeof approvalFieldList)[number], approval: Approval): ReactNode {
  const value = approval[field.column];
  if (value === null) return null;
  switch (field.rule.kind) {
    case "kstTime":
      return <KstTimeText at={value as Date} />;
    case "won":
      return <strong className="tabular-nums">{formatWon(value as number)}</strong>;
    case "months":
      return installmentText(value as number);
    case "code":
      return <ApprovalStateBadge state={value as ApprovalState} />;
  }
  const text = String(value);
  switch (field.shown) {
    case "mono":
      return mono(text);
    case "masked":
      return masked(text);
    case "payType":
      return payTypeText(text);
    case "cashTrader":
      return `${cashTraderLabels[text] ?? text} (${text})`;
    default:
      return text;
  }
}

export default async function ApprovalDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await openDetailPage(params);
  const db = await getDb();
  const [approval, deliveries] = await Promise.all([
    getApproval(db, id),
    getApprovalDeliveries(db, id).then(withRefusalSummaries),
  ]);
  if (!approval) notFound();

  const signature = signatureImageSrc(approval.apprSign);
  const fields: Field[] = [
    ...approvalFieldList
      .filter((field) => field.shown !== "own card")
      .map((field) => ({
        label: field.rule.kind === "secret" ? `${field.name} (가림)` : field.name,
        value: storedValue(field, approval),
      })),
    { label: "콜백 형식", value: approval.payloadVersion },
    { label: "수신 횟수", value: `${approval.deliveryCount.toLocaleString("ko-KR")}회` },
    { label: "처음 받은 시각", value: <KstTimeText at={approval.firstReceivedAt} /> },
    { label: "마지막 받은 시각", value: <KstTimeText at={approval.lastReceivedAt} /> },
  ];

  return (
    <>
      <DetailHeader
        back={{ href: "/approvals", label: "결제 승인 목록" }}
        title={`결제 승인 ${approval.billId}`}
        description={`#${approval.id} · ${formatKst(approval.apprDt)} KST · ${formatWon(approval.apprPrice)}`}
      />
      <div className="grid gap-4">
        <Card title="승인 정보">
          <FieldList fields={fields} />
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={`${approvalFieldName("udItem")} (udItem)`}>
            {approval.udItem === null ? (
              <p className="text-sm text-slate-500">이 승인에는 udItem이 없습니다.</p>
            ) : (
              <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
                {JSON.stringify(approval.udItem, null, 2)}
              </pre>
            )}
          </Card>
          <Card title={`${approvalFieldName("apprSign")} (apprSign)`}>
            {signature ? (
              // biome-ignore lint/performance/noImgElement: a data: URL of a checked JPEG/PNG, nothing to optimise
              <img
                src={signature}
                alt="고객 서명"
                className="max-h-48 max-w-full rounded border border-slate-200 bg-white"
              />
            ) : (
              <p className="text-sm text-slate-500">
                {approval.apprSign
                  ? "서명 값이 있지만 올바른 JPEG/PNG 이미지가 아니어서 표시하지 않습니다."
                  : "이 승인에는 서명이 없습니다."}
              </p>
            )}
          </Card>
        </div>
        {approval.extra ? (
          <Card title="추가 필드 (PaySsam이 보낸 알 수 없는 항목)">
            <pre className="max-h-60 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs">
              {JSON.stringify(approval.extra, null, 2)}
            </pre>
          </Card>
        ) : null}
        <Card title={`이 승인의 콜백 수신 기록 (${deliveries.length}건)`}>
          <DeliveryList deliveries={deliveries} empty="이 승인과 연결된 수신 기록이 없습니다." />
        </Card>
      </div>
    </>
  );
}

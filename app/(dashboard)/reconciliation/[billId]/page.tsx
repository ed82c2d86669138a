import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import { Card } from "@/components/ui/card";
import { DetailHeader, KstTimeText } from "@/components/ui/detail-header";
import { FieldList } from "@/components/ui/field-list";
import { getDb } from "@/db";
import { getBillTimeline } from "@/db/queries/reconciliation";
import { requireUser } from "@/lib/auth/session";
import { billIdPattern } from "@/lib/bills/bill";
import { differencesText } from "@/lib/export/reconciliation-columns";
import { formatWon } from "@/lib/money";
import { billSourceLabels, mismatchReasonLabels } from "@/lib/reconcile/statuses";
import { BillTimeline } from "./bill-timeline";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ billId: string }> }): Promise<Metadata> {
  return { title: `대사 · ${decodeURIComponent((await params).billId).slice(0, 20)}` };
}

export default async function BillTimelinePage({ params }: { params: Promise<{ billId: string }> }) {
  await requireUser();
  const billId = decodeURIComponent((await params).billId);
  if (!billIdPattern.test(billId)) notFound();
  const timeline = await getBillTimeline(await getDb(), billId);
  if (!timeline) notFound();
  const { bill, reconciliation, events } = timeline;
  const differences = reconciliation ? differencesText(reconciliation) : null;

  return (
    <>
      <DetailHeader
        back={{ href: "/reconciliation", label: "대사 목록" }}
        title={billId}
        facts={
          <>
            {reconciliation ? <ReconciliationStatusBadge status={reconciliation.status} /> : null}
            {bill ? (
              <span className="font-mono text-xs">
                {bill.memberId} / {bill.merchantId}
              </span>
            ) : (
              <span>등록된 청구서가 없는 billId입니다 (미등록).</span>
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="flex flex-col gap-4 lg:col-span-3">
          {bill ? (
            <Card title="청구서">
              <FieldList
                fields={[
                  { label: "금액", value: formatWon(bill.price) },
                  { label: "발행 일시", value: <KstTimeText at={bill.issuedAt} /> },
                  { label: "만료일", value: bill.expireDate },
                  { label: "회원 코드", value: <span className="font-mono">{bill.memberId}</span> },
                  { label: "가맹점 코드", value: <span className="font-mono">{bill.merchantId}</span> },
                  { label: "주문 번호", value: bill.orderRef },
                  { label: "상품명", value: bill.productName },
                  { label: "등록 경로", value: billSourceLabels[bill.source] },
                ]}
              />
            </Card>
          ) : null}
          {reconciliation ? (
            <Card title="대사 결과">
              <FieldList
                fields={[
                  { label: "상태", value: <ReconciliationStatusBadge status={reconciliation.status} /> },
                  {
                    label: "불일치 사유",
                    value: reconciliation.reasons.map((reason) => mismatchReasonLabels[reason]).join(", "),
                  },
                  {
                    label: "차이 (우리 / PaySsam)",
                    value: differences ? <span className="whitespace-pre-line">{differences}</span> : null,
                  },
                  { label: "조회 실패 사유", value: reconciliation.lastError },
                  { label: "상태 시작", value: <KstTimeText at={reconciliation.statusSince} /> },
                  {
                    label: "마지막 조회",
                    value: reconciliation.lastReadAt ? <KstTimeText at={reconciliation.lastReadAt} /> : null,
                  },
                  {
                    label: "다음 조회",
                    value: reconciliation.nextReadAt ? (
                      <KstTimeText at={reconciliation.nextReadAt} />
                    ) : (
                      "더 조회하지 않음"
                    ),
                  },
                  {
                    label: "승인",
                    value: reconciliation.approvalId ? (
                      <Link href={`/approvals/${reconciliation.approvalId}`} className="text-blue-700 hover:underline">
                        승인 #{reconciliation.approvalId}
                      </Link>
                    ) : null,
                  },
                ]}
              />
            </Card>
          ) : null}
        </div>
        <Card title="대사 이력 (오래된 순)" className="lg:col-span-2 lg:self-start">
          <BillTimeline events={events} />
        </Card>
      </div>
    </>
  );
}

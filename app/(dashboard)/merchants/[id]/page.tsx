import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryList } from "@/components/delivery-list";
import { Badge, ReviewStatusBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { DetailHeader, KstTimeText } from "@/components/ui/detail-header";
import { FieldList } from "@/components/ui/field-list";
import { Identifier } from "@/components/ui/identifier";
import { getDb } from "@/db";
import { getMerchantDeliveries } from "@/db/queries/callback-deliveries";
import { getMerchant, getMerchantTimeline } from "@/db/queries/merchants";
import { getMerchantMemos, getMerchantVersion } from "@/db/queries/needs-action";
import { formatBusinessNumber } from "@/lib/dashboard/business-number";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { durationText } from "@/lib/duration";
import { formatKst } from "@/lib/kst";
import { openDetailPage } from "../../detail-id";
import { AcknowledgeForm, MemoForm, UndoAcknowledgeForm } from "../../needs-action/desk-forms";
import { MerchantApprovals } from "./merchant-approvals";
import { MerchantTimeline } from "./merchant-timeline";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `하위가맹점 #${(await params).id}` };
}

export default async function MerchantDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await openDetailPage(params);
  const db = await getDb();
  const [merchant, timeline, deliveries, memos, version] = await Promise.all([
    getMerchant(db, id),
    getMerchantTimeline(db, id),
    getMerchantDeliveries(db, id).then(withRefusalSummaries),
    getMerchantMemos(db, id),
    getMerchantVersion(db, id),
  ]);
  if (!merchant || version === null) notFound();
  const now = new Date();

  const name = [merchant.companyName ?? "(상호 없음)", merchant.branchName].filter(Boolean).join(" · ");
  const needsAction = (merchant.reviewStatus === "R" || merchant.reviewStatus === "S") && !merchant.isDeleted;

  return (
    <>
      <DetailHeader
        back={{ href: "/merchants", label: "하위가맹점 목록" }}
        title={name}
        facts={
          <>
            <ReviewStatusBadge status={merchant.reviewStatus} />
            {merchant.isDeleted ? <Badge tone="gray">삭제됨</Badge> : null}
            <span className="text-xs">
              <Identifier value={merchant.memberId} /> / <Identifier value={merchant.merchantId} />
            </span>
          </>
        }
      />
      {needsAction ? (
        <div
          role="note"
          className={`mb-4 rounded-lg border p-4 ${merchant.reviewStatus === "R" ? "border-red-200 bg-red-50 text-red-900" : "border-orange-200 bg-orange-50 text-orange-900"}`}
        >
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="text-sm font-semibold">
                {merchant.reviewStatus === "R" ? "반려 사유" : "보완 요청 서류"}{" "}
                <span className="block font-normal sm:inline">
                  <span className="hidden sm:inline">· </span>
                  <span className="whitespace-nowrap">
                    {durationText(now.getTime() - merchant.statusSince.getTime())}째 대기
                  </span>{" "}
                  <span className="whitespace-nowrap tabular-nums">({formatKst(merchant.statusSince)}부터)</span>
                </span>
              </p>
              <p className="mt-1 text-sm break-keep wrap-anywhere whitespace-pre-line" data-testid="review-message">
                {merchant.reviewMessage ?? "(심사 메시지 없음)"}
              </p>
            </div>
            <div className="shrink-0">
              {merchant.acknowledgedAt ? (
                <div className="flex flex-col items-start gap-2 sm:items-end">
                  <p className="text-sm" data-testid="acknowledged">
                    <span className="font-semibold break-keep">✓ {merchant.acknowledgedByName ?? "직원"} 확인</span>
                    <span className="block text-xs whitespace-nowrap tabular-nums">
                      {formatKst(merchant.acknowledgedAt)} KST
                    </span>
                  </p>
                  <UndoAcknowledgeForm merchantId={merchant.id} label={name} />
                </div>
              ) : (
                <AcknowledgeForm merchantId={merchant.id} version={version} label={name} />
              )}
            </div>
          </div>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-5">
        <Card title="가맹점 정보" className="lg:col-span-3">
          <FieldList
            fields={[
              { label: "상호", value: merchant.companyName },
              { label: "지점", value: merchant.branchName },
              {
                label: "사업자등록번호",
                value: merchant.businessNumber ? (
                  <span className="font-mono">{formatBusinessNumber(merchant.businessNumber)}</span>
                ) : null,
              },
              { label: "심사 상태", value: <ReviewStatusBadge status={merchant.reviewStatus} /> },
              {
                label: "심사 메시지",
                // Shown in full above when the merchant waits in R or S; once is enough.
                value:
                  needsAction && merchant.reviewMessage ? (
                    "위 내용 참고"
                  ) : merchant.reviewMessage ? (
                    <span className="break-keep wrap-anywhere">{merchant.reviewMessage}</span>
                  ) : null,
              },
              { label: "삭제 여부", value: merchant.isDeleted ? "삭제됨 (Y)" : "사용 중 (N)" },
              { label: "회원 코드 (memberId)", value: <Identifier value={merchant.memberId} /> },
              { label: "가맹점 코드 (merchantId)", value: <Identifier value={merchant.merchantId} /> },
              {
                label: "PaySsam 회원 ID",
                value: merchant.payssamMemberId ? <Identifier value={merchant.payssamMemberId} /> : null,
              },
              { label: "처음 받은 시각", value: <KstTimeText at={merchant.firstSeenAt} /> },
              { label: "최근 변경 시각", value: <KstTimeText at={merchant.updatedAt} /> },
              {
                label: "추가 필드",
                value: merchant.extra ? (
                  <pre className="overflow-auto font-mono text-xs">{JSON.stringify(merchant.extra, null, 2)}</pre>
                ) : null,
              },
            ]}
          />
        </Card>
        <Card title="심사 이력과 메모" className="lg:col-span-2">
          <div id="memo" className="mb-4">
            <MemoForm merchantId={merchant.id} />
          </div>
          <MerchantTimeline timeline={timeline} memos={memos} />
        </Card>
      </div>
      <MerchantApprovals merchant={{ memberId: merchant.memberId, merchantId: merchant.merchantId }} />
      <Card title="이 가맹점의 콜백 수신 기록" className="mt-4">
        <DeliveryList deliveries={deliveries} empty="이 가맹점과 연결된 수신 기록이 없습니다." />
      </Card>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryList } from "@/components/delivery-list";
import { OutcomeBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { DetailHeader } from "@/components/ui/detail-header";
import { FieldList } from "@/components/ui/field-list";
import { Identifier } from "@/components/ui/identifier";
import { getDb } from "@/db";
import { getCallbackDelivery, getReprocessResults } from "@/db/queries/callback-deliveries";
import { previewReprocess } from "@/lib/callbacks/reprocess";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { actionWords, particle } from "@/lib/glossary";
import { formatKst } from "@/lib/kst";
import { maskRawBody } from "@/lib/mask";
import { openDetailPage } from "../../detail-id";
import { RefusalCard } from "./refusal-card";
import { ReprocessPanel } from "./reprocess-panel";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `콜백 수신 #${(await params).id}` };
}

/** JSON bodies indented for reading; anything else exactly as stored. */
function readableBody(rawBody: string): { text: string; pretty: boolean } {
  const masked = maskRawBody(rawBody);
  try {
    return { text: JSON.stringify(JSON.parse(masked), null, 2), pretty: true };
  } catch {
    return { text: masked, pretty: false };
  }
}

export default async function CallbackDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, id } = await openDetailPage(params);
  const db = await getDb();
  const [delivery, reprocessResults] = await Promise.all([
    getCallbackDelivery(db, id),
    getReprocessResults(db, id).then(withRefusalSummaries),
  ]);
  if (!delivery) notFound();
  // What 다시 처리 would do now, shown before anyone is asked to confirm it.
  const reprocessPreview = delivery.outcome === "rejected" ? await previewReprocess(db, delivery.id) : null;
  const body = delivery.rawBody === null ? null : readableBody(delivery.rawBody);

  return (
    <>
      <DetailHeader
        back={{ href: "/callbacks", label: "콜백 수신 기록" }}
        title={`콜백 수신 #${delivery.id}`}
        facts={
          <>
            <OutcomeBadge outcome={delivery.outcome} />
            <span>{callbackKindLabels[delivery.kind]}</span>
            <span className="tabular-nums">{formatKst(delivery.receivedAt)} KST</span>
          </>
        }
      />
      {delivery.reprocessOf ? (
        <p className="mb-4 rounded-md border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900">
          수신{" "}
          <Link href={`/callbacks/${delivery.reprocessOf}`} className="font-mono font-medium underline">
            #{delivery.reprocessOf}
          </Link>
          {particle(`#${delivery.reprocessOf}`, "을/를")} 운영자가 {actionWords.reprocess}한 결과입니다.
        </p>
      ) : null}
      <div className="grid gap-4">
        {delivery.errorCode ? <RefusalCard delivery={delivery} /> : null}
        {delivery.outcome === "rejected" && reprocessPreview ? (
          <Card title={actionWords.reprocess}>
            <ReprocessPanel deliveryId={delivery.id} preview={reprocessPreview} isAdmin={staff.role === "admin"} />
          </Card>
        ) : null}
        <Card title="수신 정보">
          <FieldList
            fields={[
              { label: "결과", value: <OutcomeBadge outcome={delivery.outcome} /> },
              { label: "응답 HTTP 상태", value: String(delivery.httpStatus) },
              { label: "오류 코드", value: delivery.errorCode },
              { label: "종류", value: `${callbackKindLabels[delivery.kind]} (${delivery.kind})` },
              { label: "받은 주소", value: <span className="font-mono">{delivery.endpoint}</span> },
              { label: "받은 시각", value: `${formatKst(delivery.receivedAt)} KST` },
              { label: "대상", value: delivery.subject ? <Identifier value={delivery.subject} /> : null },
              {
                label: "연결된 결제 승인",
                value: delivery.approvalId ? (
                  <Link href={`/approvals/${delivery.approvalId}`} className="text-blue-700 hover:underline">
                    #{delivery.approvalId}
                  </Link>
                ) : null,
              },
              {
                label: "연결된 하위가맹점",
                value: delivery.merchantId ? (
                  <Link href={`/merchants/${delivery.merchantId}`} className="text-blue-700 hover:underline">
                    #{delivery.merchantId}
                  </Link>
                ) : null,
              },
              { label: "보낸 곳 IP", value: delivery.remoteAddr },
              { label: "본문 크기", value: `${delivery.bodyBytes.toLocaleString("ko-KR")} bytes` },
            ]}
          />
        </Card>
        {body ? (
          <Card title={`받은 본문${body.pretty ? " (JSON 정리, API 키는 가림)" : " (받은 그대로, API 키는 가림)"}`}>
            {/* A long body scrolls inside this box: focusable, so a keyboard can scroll it too. */}
            <section
              aria-label="받은 본문"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
              tabIndex={0}
              className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            >
              <pre
                data-testid="raw-body"
                className="p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
              >
                {body.text}
              </pre>
            </section>
          </Card>
        ) : (
          <Card title="받은 본문">
            <p data-testid="raw-body-pruned" className="text-sm text-slate-600">
              보관 기간(RETENTION_DAYS)이 지나 본문을 삭제했습니다
              {delivery.bodyPrunedAt ? ` (${formatKst(delivery.bodyPrunedAt)} KST)` : ""}. 수신 결과와 연결된
              승인·가맹점 기록은 그대로 남아 있습니다.
            </p>
          </Card>
        )}
        {reprocessResults.length > 0 ? (
          <Card title="다시 처리한 결과">
            <DeliveryList deliveries={reprocessResults} empty="" />
          </Card>
        ) : null}
      </div>
    </>
  );
}

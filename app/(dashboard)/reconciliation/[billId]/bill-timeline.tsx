import Link from "next/link";
import type { ReactNode } from "react";
import { DeliveryLink } from "@/components/delivery-list";
import { ReconciliationStatusBadge } from "@/components/reconciliation-status-badge";
import { Badge, OutcomeBadge } from "@/components/ui/badges";
import { Timeline, TimelineItem } from "@/components/ui/timeline";
import type { TimelineEvent } from "@/db/queries/reconciliation";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { approvalStateText } from "@/lib/payssam/codes";
import { billReadOutcomeLabels, mismatchReasonLabels } from "@/lib/reconcile/statuses";

// One bill's life in order: issued, each callback delivery, each /bill/read and what PaySsam said,
// an approval recovered without a callback, and each status it entered.

function said(event: Extract<TimelineEvent, { kind: "read" }>): string | null {
  if (!event.said) return null;
  const parts = [
    event.said.apprState ? `상태 ${approvalStateText(event.said.apprState as "F")}` : null,
    event.said.apprPrice !== null ? `금액 ${formatWon(event.said.apprPrice)}` : null,
    event.said.apprNum ? `승인번호 ${event.said.apprNum}` : null,
    event.said.apprDt ? `승인 ${formatKst(new Date(event.said.apprDt))}` : null,
  ];
  return parts.filter(Boolean).join(" · ") || null;
}

/** What happened, in bold, and its particulars beside it. */
function EventLine({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-semibold">{title}</span>
      {children}
    </div>
  );
}

function ApprovalLink({ approvalId }: { approvalId: number }) {
  return (
    <Link href={`/approvals/${approvalId}`} className="text-xs text-blue-700 hover:underline">
      승인 #{approvalId}
    </Link>
  );
}

function EventBody({ event }: { event: TimelineEvent }) {
  switch (event.kind) {
    case "issued":
      return (
        <p className="text-sm">
          <span className="font-semibold">청구서 발행</span> · {formatWon(event.price)}
        </p>
      );
    case "callback":
      return (
        <EventLine title="콜백 수신">
          <OutcomeBadge outcome={event.outcome} />
          <DeliveryLink deliveryId={event.deliveryId} />
          {event.approvalId ? <ApprovalLink approvalId={event.approvalId} /> : null}
        </EventLine>
      );
    case "recovered":
      return (
        <EventLine title="콜백 없이 승인 복구">
          <Badge tone="orange">대사로 저장</Badge>
          <ApprovalLink approvalId={event.approvalId} />
        </EventLine>
      );
    case "read":
      return <ReadEvent event={event} />;
    case "status":
      return (
        <EventLine title="상태 변경">
          <ReconciliationStatusBadge status={event.status} />
          {event.reasons.length > 0 ? (
            <span className="text-xs text-slate-700">
              사유: {event.reasons.map((reason) => mismatchReasonLabels[reason]).join(", ")}
            </span>
          ) : null}
        </EventLine>
      );
  }
}

function ReadEvent({ event }: { event: Extract<TimelineEvent, { kind: "read" }> }) {
  const text = said(event);
  return (
    <div className="text-sm">
      <EventLine title="PaySsam 조회">
        <Badge tone={event.outcome === "read" ? "blue" : "red"}>{billReadOutcomeLabels[event.outcome]}</Badge>
        <span className="text-xs text-slate-500 tabular-nums">
          {event.code ? `코드 ${event.code} · ` : ""}
          {event.httpStatus ? `HTTP ${event.httpStatus} · ` : ""}
          {event.durationMs.toLocaleString("ko-KR")}ms
        </span>
      </EventLine>
      {text ? <p className="mt-0.5 text-slate-700">{text}</p> : null}
      {event.message ? <p className="mt-0.5 text-xs break-keep text-slate-600">{event.message}</p> : null}
      {event.error ? <p className="mt-0.5 text-xs break-all text-red-700">{event.error}</p> : null}
      {event.unreadable && event.unreadable.length > 0 ? (
        <p className="mt-0.5 text-xs break-all text-red-700">
          읽지 못한 항목: {event.unreadable.map((item) => `${item.path} (${item.message})`).join(", ")}
        </p>
      ) : null}
    </div>
  );
}

const dots: Record<TimelineEvent["kind"], string> = {
  issued: "bg-slate-900",
  callback: "bg-blue-600",
  recovered: "bg-orange-500",
  read: "bg-slate-400",
  status: "bg-violet-600",
};

function eventKey(event: TimelineEvent): string {
  switch (event.kind) {
    case "callback":
      return `callback-${event.deliveryId}`;
    case "read":
      return `read-${event.readId}`;
    case "recovered":
      return `recovered-${event.approvalId}`;
    default:
      return `${event.kind}-${event.at.getTime()}-${event.kind === "status" ? event.status : ""}`;
  }
}

export function BillTimeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">기록된 일이 없습니다.</p>;
  return (
    <Timeline label="대사 이력">
      {events.map((event) => (
        <TimelineItem key={eventKey(event)} dot={dots[event.kind]} at={event.at}>
          <EventBody event={event} />
        </TimelineItem>
      ))}
    </Timeline>
  );
}

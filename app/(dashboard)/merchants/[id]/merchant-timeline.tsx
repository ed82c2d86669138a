import { DeliveryLink } from "@/components/delivery-list";
import { Badge, ReviewStatusBadge } from "@/components/ui/badges";
import { Timeline, TimelineItem } from "@/components/ui/timeline";
import type { getMerchantTimeline } from "@/db/queries/merchants";
import type { MerchantMemo } from "@/db/schema";

type StatusChange = Awaited<ReturnType<typeof getMerchantTimeline>>[number];

type Entry = { at: Date; change: StatusChange; memo?: never } | { at: Date; memo: MerchantMemo; change?: never };

/** PaySsam's review-status changes and the staff's memos, newest first, in one line of time. */
export function MerchantTimeline({ timeline, memos }: { timeline: StatusChange[]; memos: MerchantMemo[] }) {
  const entries: Entry[] = [
    ...timeline.map((change) => ({ at: change.receivedAt, change })),
    ...memos.map((memo) => ({ at: memo.createdAt, memo })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  if (entries.length === 0) return <p className="text-sm text-slate-500">기록된 상태 변경과 메모가 없습니다.</p>;
  return (
    <Timeline label="심사 이력과 메모">
      {entries.map((entry) =>
        entry.change ? (
          <TimelineItem
            key={`change-${entry.change.id}`}
            dot="bg-slate-400"
            at={entry.change.receivedAt}
            detail={
              entry.change.reviewMessage ? (
                // Two lines at most: the current message is shown in full above, each one in its delivery.
                <p
                  className="mt-1 line-clamp-2 text-sm break-keep wrap-anywhere text-slate-800"
                  title={entry.change.reviewMessage}
                >
                  {entry.change.reviewMessage}
                </p>
              ) : null
            }
          >
            <div className="flex flex-wrap items-center gap-2">
              <ReviewStatusBadge status={entry.change.reviewStatus} />
              {entry.change.isDeleted ? <Badge tone="gray">삭제됨</Badge> : null}
              <DeliveryLink deliveryId={entry.change.deliveryId} />
            </div>
          </TimelineItem>
        ) : (
          <TimelineItem
            key={`memo-${entry.memo.id}`}
            dot="bg-amber-400"
            at={entry.memo.createdAt}
            testId="memo"
            detail={
              <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-sm break-keep wrap-anywhere whitespace-pre-line text-slate-900">
                {entry.memo.body}
              </p>
            }
          >
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone="amber">메모</Badge>
              <span className="text-xs font-medium break-keep text-slate-700">{entry.memo.authorName}</span>
            </div>
          </TimelineItem>
        ),
      )}
    </Timeline>
  );
}

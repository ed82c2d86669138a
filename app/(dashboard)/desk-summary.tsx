import Link from "next/link";
import type { CappedCount } from "@/db/queries/needs-action";
import { type RetrySummary, timeLeftText } from "@/lib/callbacks/retry-deadlines";
import { cappedCountText } from "@/lib/dashboard/counts";
import { formatKst } from "@/lib/kst";

/** What needs staff now: merchants to call, and refused callbacks racing PaySsam's deadline. */
export function DeskSummary({
  needsAction,
  retry,
  now,
}: {
  needsAction: { total: CappedCount; open: CappedCount };
  retry: RetrySummary;
  now: Date;
}) {
  const urgent = retry.lost > 0;
  return (
    <section aria-labelledby="desk" className="grid gap-3 sm:grid-cols-2">
      <h2 id="desk" className="sr-only">
        지금 챙길 일
      </h2>
      <Link
        href="/needs-action?show=open"
        className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400"
        data-testid="desk-needs-action"
      >
        <span className="text-sm font-semibold text-slate-700">조치 필요 가맹점</span>
        <span className="text-2xl font-bold tabular-nums">
          {cappedCountText(needsAction.open)}곳 <span className="text-base font-medium text-slate-600">미확인</span>
        </span>
        <span className="text-xs break-keep text-slate-600">
          반려·서류보완 대기 {cappedCountText(needsAction.total)}곳 중 아직 아무도 확인하지 않은 곳
        </span>
      </Link>
      <Link
        href={urgent ? "/retry-deadlines?state=lost" : "/retry-deadlines"}
        className={`flex flex-col gap-1 rounded-lg border p-4 shadow-sm hover:border-slate-400 ${urgent ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
        data-testid="desk-retry-deadlines"
      >
        <span className="text-sm font-semibold text-slate-700">재시도 마감 (최근 7일)</span>
        <span className="text-2xl font-bold tabular-nums">
          {retry.retrying.toLocaleString("ko-KR")}건{" "}
          <span className="text-base font-medium text-slate-600">재시도 중</span>
          {retry.lost > 0 ? (
            <span className="ml-2 text-base font-semibold whitespace-nowrap text-red-700">
              마감 지남 {retry.lost.toLocaleString("ko-KR")}건
            </span>
          ) : null}
        </span>
        <span className="text-xs break-keep text-slate-600">
          {retry.earliestDeadline ? (
            <>
              가장 이른 마감 <span className="whitespace-nowrap tabular-nums">{formatKst(retry.earliestDeadline)}</span>{" "}
              <strong className="whitespace-nowrap">({timeLeftText(retry.earliestDeadline, now)})</strong>
            </>
          ) : (
            "PaySsam이 다시 보내고 있는 거부 건이 없습니다."
          )}
        </span>
      </Link>
    </section>
  );
}

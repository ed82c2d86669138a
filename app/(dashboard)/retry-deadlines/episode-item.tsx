import Link from "next/link";
import { DeliveryLink } from "@/components/delivery-list";
import { Badge, type Tone } from "@/components/ui/badges";
import { type RetryEpisode, type RetryState, retryStateLabels, timeLeftText } from "@/lib/callbacks/retry-deadlines";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import { formatKst } from "@/lib/kst";

const stateTones: Record<RetryState, Tone> = { retrying: "amber", lost: "red", resolved: "green" };
const frames: Record<RetryState, string> = {
  retrying: "border-amber-200 bg-white",
  lost: "border-red-300 bg-red-50/60",
  resolved: "border-slate-200 bg-white",
};

/** One subject's refusals: since when, how often, why, and what is left of PaySsam's 24 hours. */
export function EpisodeItem({ episode, reason, now }: { episode: RetryEpisode; reason: string | null; now: Date }) {
  const subjectLink = episode.subject ? `/callbacks?subject=${encodeURIComponent(episode.subject)}` : null;
  return (
    <li
      className={`rounded-lg border p-4 shadow-sm ${frames[episode.state]}`}
      data-testid="retry-episode"
      data-state={episode.state}
    >
      <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={stateTones[episode.state]}>{retryStateLabels[episode.state]}</Badge>
            <span className="text-xs text-slate-600">{callbackKindLabels[episode.kind]}</span>
            {subjectLink ? (
              <Link
                href={subjectLink}
                className="font-mono text-sm font-medium wrap-anywhere text-blue-700 hover:underline"
              >
                {episode.subject}
              </Link>
            ) : (
              <span className="text-sm text-slate-600">대상 불명 (본문에서 billId·가맹점을 읽지 못함)</span>
            )}
          </div>
          {reason ? (
            <p
              className="mt-2 line-clamp-2 text-sm break-keep wrap-anywhere text-red-800"
              title={reason}
              data-testid="retry-reason"
            >
              {reason}
            </p>
          ) : null}
          <p className="mt-2 text-xs text-slate-600">
            처음 거부 <span className="whitespace-nowrap tabular-nums">{formatKst(episode.firstRefusedAt)}</span> · 시도{" "}
            <span className="whitespace-nowrap tabular-nums">{episode.attempts.toLocaleString("ko-KR")}회</span> ·
            마지막{" "}
            <DeliveryLink
              deliveryId={episode.lastRefusalId}
              className="font-mono whitespace-nowrap text-blue-700 hover:underline"
            />
          </p>
        </div>
        <div className="shrink-0 text-sm md:w-60 md:text-right">
          {episode.state === "resolved" && episode.resolution ? (
            <p className="text-emerald-800">
              <span className="font-semibold">
                {episode.resolution.byReprocessing ? "다시 처리로 해결" : "재전송으로 해결"}
              </span>
              <span className="block text-xs whitespace-nowrap tabular-nums">{formatKst(episode.resolution.at)}</span>
              <DeliveryLink deliveryId={episode.resolution.deliveryId} />
            </p>
          ) : (
            <p className={episode.state === "lost" ? "text-red-800" : "text-amber-900"}>
              <span className="text-xs">마감</span>{" "}
              <span className="whitespace-nowrap tabular-nums">{formatKst(episode.deadline)}</span>
              <strong className="block whitespace-nowrap">{timeLeftText(episode.deadline, now)}</strong>
            </p>
          )}
        </div>
      </div>
    </li>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { getRefusalDetails } from "@/db/queries/retry-deadlines";
import { summarizeEpisodes, timeLeftText } from "@/lib/callbacks/retry-deadlines";
import { type RetryFilters, retryDeadlinesList, retryPageSize, retryWindows } from "@/lib/dashboard/retry-deadlines";
import { getRetryEpisodes, refusalReadCap } from "@/lib/dashboard/retry-episodes";
import { formatKst } from "@/lib/kst";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";
import { listPage } from "../list-search";
import { EpisodeItem } from "./episode-item";
import { StateTabs } from "./state-tabs";

export const dynamic = "force-dynamic";
export const metadata = { title: retryDeadlinesList.title };

export default listPage(retryDeadlinesList, ({ search }) => ({ children: <RetryResults filters={search.filters} /> }));

function EarliestDeadline({ deadline, now }: { deadline: Date | null; now: Date }) {
  if (!deadline) return <>PaySsam이 다시 보내고 있는 거부 건이 없습니다.</>;
  return (
    <>
      가장 이른 마감 <span className="whitespace-nowrap tabular-nums">{formatKst(deadline)}</span>{" "}
      <strong className="whitespace-nowrap">({timeLeftText(deadline, now)})</strong>
    </>
  );
}

async function RetryResults({ filters }: { filters: RetryFilters }) {
  const now = new Date();
  const db = await getDb();
  const window = await getRetryEpisodes(db, filters.days, now);
  const summary = summarizeEpisodes(window.episodes);
  const shown = filters.state ? window.episodes.filter((episode) => episode.state === filters.state) : window.episodes;
  const pages = Math.max(1, Math.ceil(shown.length / retryPageSize));
  const pageNumber = Math.min(filters.p, pages);
  const slice = shown.slice((pageNumber - 1) * retryPageSize, pageNumber * retryPageSize);
  const details = await getRefusalDetails(
    db,
    slice.map((episode) => episode.lastRefusalId),
  );

  return (
    <>
      <ul className="mb-2 grid grid-cols-3 gap-2 sm:mb-4 sm:gap-3" aria-label="요약">
        <li className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-950 sm:p-4">
          <p className="text-xs sm:text-sm">재시도 중</p>
          <p className="text-xl font-bold tabular-nums sm:text-2xl">{summary.retrying.toLocaleString("ko-KR")}건</p>
          <p className="mt-1 hidden text-xs break-keep sm:block">
            <EarliestDeadline deadline={summary.earliestDeadline} now={now} />
          </p>
        </li>
        <li
          className={`rounded-lg border p-3 sm:p-4 ${summary.lost > 0 ? "border-red-300 bg-red-50 text-red-950" : "border-slate-200 bg-white"}`}
        >
          <p className="text-xs sm:text-sm">
            마감 지남 <span className="hidden sm:inline">(받지 못함)</span>
          </p>
          <p className="text-xl font-bold tabular-nums sm:text-2xl">{summary.lost.toLocaleString("ko-KR")}건</p>
          <p className="mt-1 hidden text-xs break-keep sm:block">
            PaySsam이 더는 보내지 않습니다. PaySsam에 다시 보내 달라고 요청하거나 데이터를 직접 확인하세요.
          </p>
        </li>
        <li className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
          <p className="text-xs text-slate-700 sm:text-sm">해결됨</p>
          <p className="text-xl font-bold tabular-nums sm:text-2xl">{summary.resolved.toLocaleString("ko-KR")}건</p>
          <p className="mt-1 hidden text-xs break-keep text-slate-600 sm:block">
            재전송이나 다시 처리로 나중에 저장된 건입니다.
          </p>
        </li>
      </ul>
      <p className="mb-4 text-xs break-keep text-amber-950 sm:hidden">
        <EarliestDeadline deadline={summary.earliestDeadline} now={now} />
        {summary.lost > 0 ? " 마감 지난 건은 PaySsam이 더는 보내지 않습니다." : null}
      </p>
      <StateTabs filters={filters} summary={summary} windows={retryWindows} />
      {window.capped ? (
        <p
          role="status"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          거부가 너무 많아 최근 {refusalReadCap.toLocaleString("ko-KR")}건만 살펴봤습니다. 기간을 줄이면 정확해집니다.
        </p>
      ) : null}
      {slice.length === 0 ? (
        window.episodes.length === 0 ? (
          <EmptyState title={`최근 ${filters.days}일 동안 거부된 콜백이 없습니다.`}>
            PaySsam이 보낸 콜백을 모두 받아 저장했습니다. 거부가 생기면 여기서 마감까지 남은 시간을 볼 수 있습니다.
          </EmptyState>
        ) : (
          <EmptyState title="이 상태의 건이 없습니다.">
            <Link
              href={retryDeadlinesList.link(filters, { state: undefined })}
              className="font-medium text-blue-700 hover:underline"
            >
              모든 상태 보기
            </Link>
          </EmptyState>
        )
      ) : (
        <ul aria-label="거부된 콜백" className="grid gap-3">
          {slice.map((episode) => {
            const detail = details.get(episode.lastRefusalId);
            const reason = detail
              ? explainRefusal({
                  errorCode: detail.errorCode,
                  errorMessage: detail.errorMessage,
                  errors: detail.errors,
                  rawBody: detail.rawBody,
                  bodyBytes: detail.bodyBytes,
                }).summary
              : null;
            return (
              <EpisodeItem
                key={`${episode.key}-${episode.lastRefusalId}`}
                episode={episode}
                reason={reason}
                now={now}
              />
            );
          })}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label="페이지 이동" className="mt-4 flex flex-wrap items-center justify-between gap-2">
          <span className="text-sm text-slate-600">
            {pageNumber} / {pages} 페이지
          </span>
          <div className="flex gap-2">
            {pageNumber > 1 ? (
              <Link
                rel="prev"
                href={retryDeadlinesList.link(filters, { p: pageNumber - 1 })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                ‹ 이전
              </Link>
            ) : null}
            {pageNumber < pages ? (
              <Link
                rel="next"
                href={retryDeadlinesList.link(filters, { p: pageNumber + 1 })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                다음 ›
              </Link>
            ) : null}
          </div>
        </nav>
      ) : null}
    </>
  );
}

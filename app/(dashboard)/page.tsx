import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DeliveryList } from "@/components/delivery-list";
import { ActionButton } from "@/components/ui/action-button";
import { ReviewStatusBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getLatestRefusedDeliveries } from "@/db/queries/callback-deliveries";
import { getNeedsActionSummary } from "@/db/queries/needs-action";
import { getMerchantCountsByStatus, isDatabaseEmpty } from "@/db/queries/overview";
import { requireUser } from "@/lib/auth/session";
import { summarizeEpisodes } from "@/lib/callbacks/retry-deadlines";
import { getDailyApprovals, overviewWindows, totalsSince } from "@/lib/dashboard/overview";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { getRetryEpisodes } from "@/lib/dashboard/retry-episodes";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { formatKst, formatKstDate } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { reviewStatuses } from "@/lib/payssam/codes";
import { DailyApprovalsChart } from "./daily-approvals-chart";
import { seedDemoAction } from "./demo-actions";
import { DeskSummary } from "./desk-summary";
import { ReconciliationCard } from "./reconciliation-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "개요" };

const demoNotices = {
  seeded: "데모 데이터를 넣었습니다. 최근 60일 동안의 가맹점 심사 이력, 결제 승인, 거부된 콜백을 둘러보세요.",
  exists: "이미 데이터가 있어 데모 데이터를 넣지 않았습니다.",
} as const;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const staff = await requireUser();
  const demo = z
    .enum(["seeded", "exists"])
    .optional()
    .catch(undefined)
    .parse((await searchParams).demo);
  const now = new Date();
  const windows = overviewWindows(now);
  const db = await getDb();
  const [merchantCounts, days, refused, needsAction, retryWindow, empty] = await Promise.all([
    getMerchantCountsByStatus(db),
    getDailyApprovals(db, now),
    getLatestRefusedDeliveries(db, 8).then(withRefusalSummaries),
    getNeedsActionSummary(db),
    getRetryEpisodes(db, 7, now),
    isDatabaseEmpty(db),
  ]);
  const today = formatKstDate(now);
  const periods = [
    { label: "오늘", since: windows.today },
    { label: "최근 7일", since: windows.week },
    { label: "최근 30일", since: windows.month },
  ].map((period) => ({
    ...period,
    ...totalsSince(days, period.since),
    href: `/approvals?state=F&from=${formatKstDate(period.since)}&to=${today}`,
  }));
  const noApprovals = days.every((day) => day.count === 0);

  return (
    <>
      <PageHeader title="개요" description={`${formatKst(now)} KST 기준`} />
      <div className="grid gap-4">
        {demo ? (
          <p
            role="status"
            className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm break-keep text-emerald-900"
          >
            {demoNotices[demo]}
          </p>
        ) : null}
        {empty && staff.role === "admin" ? (
          <section
            aria-labelledby="demo-data"
            className="rounded-lg border border-blue-200 bg-blue-50 p-4 text-blue-950 sm:p-5"
          >
            <h2 id="demo-data" className="text-sm font-semibold">
              아직 받은 콜백이 없습니다
            </h2>
            <p className="mt-1 mb-3 text-sm break-keep">
              둘러보려면 데모 데이터를 넣어 보세요. 최근 60일 동안 PaySsam이 보냈을 법한 가맹점 심사 이력, 결제 승인,
              거부된 콜백을 실제 콜백과 같은 처리 경로로 저장합니다. 데이터가 하나도 없을 때 한 번만 넣을 수 있습니다.
            </p>
            <ActionButton
              action={seedDemoAction}
              label="데모 데이터 넣기"
              pendingLabel="데모 데이터를 넣는 중…"
              pendingNotice="가맹점 300곳과 결제 승인 3,000건을 실제 콜백과 같은 경로로 넣고, 청구서 3,000여 건을 가짜 PaySsam과 대사합니다. 30초~1분 걸립니다."
              look="blue"
            />
          </section>
        ) : null}
        <DeskSummary needsAction={needsAction} retry={summarizeEpisodes(retryWindow.episodes)} now={now} />
        <ReconciliationCard now={now} />
        <section aria-labelledby="merchant-counts">
          <h2 id="merchant-counts" className="mb-2 text-sm font-semibold text-slate-700">
            하위가맹점 심사 상태 <span className="font-normal text-slate-500">(삭제된 가맹점 제외)</span>
          </h2>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
            {reviewStatuses.map((status) => (
              <li key={status}>
                <Link
                  href={`/merchants?status=${status}`}
                  className="flex h-full flex-col items-start gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400"
                >
                  <ReviewStatusBadge status={status} />
                  <span className="text-2xl font-bold tabular-nums">
                    {(merchantCounts[status] ?? 0).toLocaleString("ko-KR")}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="approval-totals">
          <h2 id="approval-totals" className="mb-2 text-sm font-semibold text-slate-700">
            결제 승인 <span className="font-normal text-slate-500">(승인 상태 F, 한국 시간 기준)</span>
          </h2>
          <ul className="grid grid-cols-3 gap-2 sm:gap-3">
            {periods.map((period) => (
              <li key={period.label}>
                <Link
                  href={period.href}
                  className="flex h-full flex-col gap-1 rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-slate-400 sm:p-4"
                >
                  <span className="text-xs text-slate-600 sm:text-sm">{period.label}</span>
                  <span className="text-lg font-bold tabular-nums sm:text-2xl">
                    {period.count.toLocaleString("ko-KR")}건
                  </span>
                  <span className="text-xs break-all text-slate-700 tabular-nums sm:text-sm">
                    {formatWon(period.sum)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <div className="grid gap-4 xl:grid-cols-5">
          <Card title="최근 30일 일별 승인 건수" className="flex min-w-0 flex-col xl:col-span-3">
            {noApprovals ? (
              <p className="py-10 text-center text-sm text-slate-500">
                최근 30일 동안 받은 승인이 없습니다. 고객이 결제하면 PaySsam의 승인 콜백이 여기에 모입니다.
              </p>
            ) : (
              <div className="min-h-0 min-w-0 flex-1">
                <DailyApprovalsChart days={days} />
              </div>
            )}
          </Card>
          <Card
            title={
              <span className="flex items-center justify-between">
                최근 거부된 콜백
                <Link href="/callbacks?outcome=rejected" className="text-xs font-normal text-blue-700 hover:underline">
                  모두 보기
                </Link>
              </span>
            }
            className="xl:col-span-2"
          >
            <DeliveryList
              deliveries={refused}
              empty="거부되거나 인증에 실패한 콜백이 없습니다. 모든 콜백이 정상 처리되었습니다."
            />
          </Card>
        </div>
      </div>
    </>
  );
}

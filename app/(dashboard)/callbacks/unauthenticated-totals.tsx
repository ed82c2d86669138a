import Link from "next/link";
import { getDb } from "@/db";
import { getUnauthenticatedRequestTotals } from "@/db/queries/unauthenticated-requests";
import { unauthenticatedLogCap } from "@/lib/callbacks/unauthenticated";

/** Strangers' requests (no or a wrong ?token=): most are only counted, so the count is shown here. */
export async function UnauthenticatedTotals() {
  const { received, logged } = await getUnauthenticatedRequestTotals(await getDb(), 24);
  if (received === 0) {
    return <p className="mb-3 text-sm text-slate-600">최근 24시간 토큰 없는/틀린 요청 없음</p>;
  }
  return (
    <p className="mb-3 text-sm text-slate-700" data-testid="unauthenticated-totals">
      최근 24시간 토큰 없는/틀린 요청 <strong>{received.toLocaleString("ko-KR")}건</strong>, 기록{" "}
      <strong>{logged.toLocaleString("ko-KR")}건</strong>{" "}
      <Link href="/callbacks?outcome=unauthorized" className="font-medium text-blue-700 hover:underline">
        기록 보기
      </Link>
      {received > logged ? (
        <span className="block text-slate-500">
          분당 {unauthenticatedLogCap}건까지만 본문 앞부분(4 KiB)과 함께 기록하고, 나머지는 건수만 셉니다.
        </span>
      ) : null}
    </p>
  );
}

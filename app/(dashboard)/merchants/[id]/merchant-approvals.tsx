import Link from "next/link";
import { ApprovalStateBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { getMerchantApprovalsPage, getMerchantTotals, type MerchantKey } from "@/db/queries/bills";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { approvalStateText } from "@/lib/payssam/codes";

// A merchant's payments. An approval callback names no merchant: its billId does, through the bills
// we registered (청구서), so this lists the approvals of this merchant's bills, its latest first,
// with totals per approval state. The whole list is /approvals filtered by the merchant.

const shown = 10;

export async function MerchantApprovals({ merchant }: { merchant: MerchantKey }) {
  const db = await getDb();
  const [totals, page] = await Promise.all([
    getMerchantTotals(db, merchant),
    getMerchantApprovalsPage(db, { ...merchant, size: shown }),
  ]);
  const query = new URLSearchParams({ memberId: merchant.memberId, merchantId: merchant.merchantId });
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center justify-between gap-2">
          이 가맹점의 결제 승인
          {page.rows.length > 0 ? (
            <Link href={`/approvals?${query}`} className="text-xs font-normal text-blue-700 hover:underline">
              모두 보기
            </Link>
          ) : null}
        </span>
      }
      className="mt-4"
    >
      <dl className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="이 가맹점의 합계">
        <div className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-600">
            <Link href={`/bills?${query}`} className="text-blue-700 hover:underline">
              청구서
            </Link>
          </dt>
          <dd className="font-bold tabular-nums">{totals.bills.toLocaleString("ko-KR")}건</dd>
          <dd className="text-xs break-all text-slate-700 tabular-nums">{formatWon(totals.billed)}</dd>
        </div>
        {totals.byState.map((row) => (
          <div key={row.apprState} className="rounded-md border border-slate-200 px-3 py-2">
            <dt className="text-xs text-slate-600">승인 {approvalStateText(row.apprState)}</dt>
            <dd className="font-bold tabular-nums">{row.count.toLocaleString("ko-KR")}건</dd>
            <dd className="text-xs break-all text-slate-700 tabular-nums">{formatWon(row.sum)}</dd>
          </div>
        ))}
      </dl>
      {page.rows.length === 0 ? (
        <p className="text-sm break-keep text-slate-500">
          {totals.bills === 0
            ? "이 가맹점의 청구서가 등록되지 않아 승인을 이 가맹점과 연결할 수 없습니다. 청구서 화면에서 등록하세요."
            : "이 가맹점의 청구서로 받은 승인이 아직 없습니다."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="최근 결제 승인">
          {page.rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm">
              <span className="flex min-w-0 items-center gap-2">
                <Link
                  href={`/approvals/${row.id}`}
                  className="font-mono font-medium break-all text-blue-700 hover:underline"
                >
                  {row.billId}
                </Link>
                <ApprovalStateBadge state={row.apprState} />
              </span>
              <span className="flex items-center gap-3">
                <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums">{formatKst(row.apprDt)}</span>
                <span className="font-medium whitespace-nowrap tabular-nums">{formatWon(row.apprPrice)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

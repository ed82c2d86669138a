import { ActionButton } from "@/components/ui/action-button";
import { reconciliationOff } from "@/lib/reconcile/configured";
import { reconcileNowAction } from "./actions";

// Above the 대사 page: how to turn reconciliation on while it is off (PAYSSAM_API_BASE or the key
// unset), and for admins the 지금 대사 button while it is on.
export function ReconcileNow({ isAdmin }: { isAdmin: boolean }) {
  const off = reconciliationOff();
  if (off) {
    return (
      <div
        role="note"
        className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm break-keep text-amber-950"
      >
        <p className="font-semibold">대사가 꺼져 있습니다</p>
        <p className="mt-1">{off.korean}</p>
        <p className="mt-1">
          <code className="font-mono">PAYSSAM_API_BASE</code>는 PaySsam API 주소입니다 (검수 환경{" "}
          <code className="font-mono break-all">https://stg.paymint.co.kr/partner</code>, 운영 주소는 검수 때 PaySsam에
          확인). 설정하고 서버를 다시 시작하면 <code className="font-mono">RECONCILE_INTERVAL_MINUTES</code>(기본
          15분)마다 등록된 청구서를 PaySsam에서 조회해 대사합니다. 그 전까지 상태는 청구서 등록과 콜백만으로 정해집니다.
        </p>
      </div>
    );
  }
  if (!isAdmin) return null;
  return (
    <div className="mb-4 flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:justify-between">
      <p className="text-sm break-keep text-slate-700">
        대사는 정해진 간격으로 저절로 돕니다. 지금 바로 한 번 돌리려면 누르세요 (기록에 남습니다).
      </p>
      <ActionButton
        action={reconcileNowAction}
        label="지금 대사"
        pendingLabel="대사 중…"
        pendingNotice="PaySsam에서 청구서를 한 건씩 조회하고 있습니다. 건수에 따라 몇 분 걸릴 수 있습니다."
        look="blue"
      />
    </div>
  );
}

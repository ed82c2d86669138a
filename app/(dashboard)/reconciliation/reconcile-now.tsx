import { env } from "@/lib/env";

// Above the 대사 page: how to turn reconciliation on when it is off (PAYSSAM_API_BASE unset),
// and, for admins, the 지금 대사 button when it is on.
export function ReconcileNow({ isAdmin }: { isAdmin: boolean }) {
  const config = env();
  if (!config.PAYSSAM_API_BASE || !config.PAYSSAM_API_KEY) {
    return (
      <div
        role="note"
        className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm break-keep text-amber-950"
      >
        <p className="font-semibold">대사가 꺼져 있습니다</p>
        <p className="mt-1">
          서버 환경 변수 <code className="font-mono">PAYSSAM_API_BASE</code>(PaySsam API 주소, 검수 환경은{" "}
          <code className="font-mono break-all">https://stg.paymint.co.kr/partner</code>, 운영 주소는 검수 때 PaySsam에
          확인)와 <code className="font-mono">PAYSSAM_API_KEY</code>(파트너 API 키)를 설정하고 서버를 다시 시작하면,{" "}
          <code className="font-mono">RECONCILE_INTERVAL_MINUTES</code>(기본 15분)마다 등록된 청구서를 PaySsam에서
          조회해 대사합니다. 그 전까지 목록의 상태는 청구서 등록과 콜백만으로 정해집니다.
        </p>
      </div>
    );
  }
  return isAdmin ? null : null;
}

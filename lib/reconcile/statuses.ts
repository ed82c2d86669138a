import {
  type BillReadOutcome,
  type BillSource,
  type MismatchReason,
  mismatchReason,
  type ReconciliationStatus,
  reconciliationStatus,
} from "@/db/bills-schema";

// Korean names of the reconciliation codes (the 대사 page, its export, the alerts), built on the
// schema's enums so a code list exists once.

export const reconciliationStatuses = reconciliationStatus.enumValues;
export const mismatchReasons = mismatchReason.enumValues;

export const reconciliationStatusLabels: Record<ReconciliationStatus, string> = {
  matched: "일치",
  mismatch: "불일치",
  missing_callback: "콜백 누락",
  unpaid: "미결제",
  expired: "만료",
  cancelled: "취소",
  destroyed: "파기",
  unregistered: "미등록",
  unreadable: "대사불능",
};

export const mismatchReasonLabels: Record<MismatchReason, string> = {
  amount: "금액",
  state: "상태",
  approval_number: "승인번호",
  approval_time: "승인 시각",
};

export const billReadOutcomeLabels: Record<BillReadOutcome, string> = {
  read: "조회됨",
  not_found: "PaySsam에 없음",
  refused: "PaySsam 오류 응답",
  failed: "연결 실패",
  garbage: "읽을 수 없는 응답",
};

export const billSourceLabels: Record<BillSource, string> = {
  api: "API",
  upload: "업로드",
  demo: "데모",
};

/** The statuses whose won is at risk: paid money we cannot account for yet. */
export const atRiskStatuses = [
  "mismatch",
  "missing_callback",
  "unreadable",
] as const satisfies readonly ReconciliationStatus[];

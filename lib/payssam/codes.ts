import type { ApprovalState, ReviewStatus } from "@/db/schema";
import { approvalState, reviewStatus } from "@/db/schema";

// Korean names for PaySsam's codes. The code lists themselves come from the schema's enums.

export const reviewStatuses = reviewStatus.enumValues;
export const approvalStates = approvalState.enumValues;

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  N: "심사없음",
  W: "작성중",
  P: "심사중",
  R: "반려",
  S: "서류보완",
  O: "개시",
};

export const approvalStateLabels: Record<ApprovalState, string> = {
  F: "승인",
  W: "대기",
  C: "취소",
  D: "파기",
};

// The set PaySsam's docs mention; it is open, so an unknown code is shown as sent.
export const payTypeLabels: Record<string, string> = {
  CARD_VAN: "카드결제",
  KEYIN: "수기결제",
  OFFLINE_CARD: "현장 카드결제",
  OFFLINE_CASH: "현장 현금결제",
  CARD_RP: "정기결제(자동)",
};

export const cashTraderLabels: Record<string, string> = {
  "0": "소득공제",
  "1": "지출증빙",
  personal: "소득공제",
  corporate: "지출증빙",
};

/** `심사중 (P)` */
export function reviewStatusText(status: ReviewStatus): string {
  return `${reviewStatusLabels[status]} (${status})`;
}

/** `승인 (F)` */
export function approvalStateText(state: ApprovalState): string {
  return `${approvalStateLabels[state]} (${state})`;
}

export function payTypeText(payType: string | null): string {
  if (!payType) return "—";
  const label = payTypeLabels[payType];
  return label ? `${label} (${payType})` : payType;
}

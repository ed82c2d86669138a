import type { CallbackKind, DeliveryOutcome } from "@/db/schema";

// Korean names for the callback log's own codes (PaySsam's codes are in lib/payssam/codes.ts).

export const callbackKindLabels: Record<CallbackKind, string> = {
  auth_mapping: "하위가맹점 연동",
  approval: "결제 승인",
  unknown: "알 수 없음",
};

export const deliveryOutcomeLabels: Record<DeliveryOutcome, string> = {
  accepted: "정상 처리",
  duplicate: "중복 수신",
  rejected: "거부",
  unauthorized: "인증 실패",
};

export const installmentLabels = { lump: "일시불", plan: "할부" } as const;

export function installmentText(months: number | null): string {
  if (months === null) return "—";
  return months <= 1 ? "일시불" : `${months}개월`;
}

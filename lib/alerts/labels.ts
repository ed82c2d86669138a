import type { AlertKind, AlertStatus } from "@/db/schema";

// Korean names for the /alerts page.

export const alertKindLabels: Record<AlertKind, string> = {
  review_status: "반려·서류보완",
  refusal: "콜백 거부",
  deadline: "재시도 마감 4시간 전",
  unauthenticated: "토큰 오류 요약",
  missing_callback: "콜백 누락",
  mismatch: "대사 불일치",
  reconciliation_stopped: "대사 중단",
};

export const alertStatusLabels: Record<AlertStatus, string> = {
  pending: "대기",
  sent: "보냄",
  failed: "실패",
};

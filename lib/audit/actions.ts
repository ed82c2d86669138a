// Every staff action the audit log records, with its Korean label for the audit page. Stored as
// text (audit_log.action), so adding one here needs no migration.
export const staffActions = {
  sign_in: "로그인",
  sign_in_failed: "로그인 실패",
  sign_out: "로그아웃",
  first_admin_created: "첫 관리자 생성",
  first_admin_refused: "첫 관리자 생성 거부",
  user_created: "사용자 추가",
  user_disabled: "사용자 비활성화",
  user_enabled: "사용자 활성화",
  user_removed: "사용자 삭제",
  user_role_changed: "권한 변경",
  user_sessions_revoked: "세션 종료",
  callback_reprocessed: "다시 처리",
  approvals_exported: "승인 내역 내보내기",
  merchants_exported: "가맹점 내보내기",
  merchant_acknowledged: "조치 필요 확인",
  merchant_acknowledgement_undone: "확인 취소",
  merchant_memo_added: "가맹점 메모 추가",
  demo_data_seeded: "데모 데이터 넣기",
  alert_resent: "알림 다시 보내기",
} as const;

export type StaffAction = keyof typeof staffActions;

export const staffActionNames = Object.keys(staffActions) as [StaffAction, ...StaffAction[]];

export function isStaffAction(value: unknown): value is StaffAction {
  return typeof value === "string" && Object.hasOwn(staffActions, value);
}

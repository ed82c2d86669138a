import { isStaffRole, staffRoleLabels } from "@/lib/auth/roles";
import { isStaffAction, staffActions } from "./actions";

// How an audit row reads on the audit page, in Korean. Unknown actions and detail keys (a newer
// version's, or a row written by hand) show as stored rather than disappear.

export function actionLabel(action: string): string {
  return isStaffAction(action) ? staffActions[action] : action;
}

/** Actions that are refusals: the page marks them. */
export function isRefusal(action: string): boolean {
  return action === "sign_in_failed" || action === "first_admin_refused";
}

const reasonLabels: Record<string, string> = {
  "wrong-email-or-password": "이메일 또는 비밀번호 틀림",
  throttled: "시도 제한에 걸림",
  disabled: "비활성 계정",
  "wrong-setup-code": "설정 코드 틀림",
};

const throttleLabels: Record<string, string> = {
  "account-client": "이 계정·주소의 연속 실패",
  client: "이 주소의 전체 실패",
  "account-under-attack": "이 계정에 실패 집중",
};

const detailLabels: Record<string, string> = {
  reason: "사유",
  throttle: "제한",
  retryAfterSeconds: "대기",
  role: "역할",
  format: "형식",
  via: "경로",
  deliveryId: "원래 수신",
  newDeliveryId: "새 수신",
};

function detailValue(key: string, value: unknown): string {
  if (key === "reason" && typeof value === "string") return reasonLabels[value] ?? value;
  if (key === "throttle" && typeof value === "string") return throttleLabels[value] ?? value;
  if (key === "retryAfterSeconds" && typeof value === "number") return `${value}초`;
  if (key === "role" && isStaffRole(value)) return staffRoleLabels[value];
  if ((key === "deliveryId" || key === "newDeliveryId") && typeof value === "number") return `#${value}`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `사유: 이메일 또는 비밀번호 틀림` lines for a row's details. */
export function describeDetails(details: Record<string, unknown> | null): string[] {
  if (!details) return [];
  return Object.entries(details).map(([key, value]) => `${detailLabels[key] ?? key}: ${detailValue(key, value)}`);
}

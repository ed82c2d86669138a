import type { ApprovalState, ReviewStatus } from "@/db/schema";
import { isStaffRole, staffRoleLabels } from "@/lib/auth/roles";
import { formatKst } from "@/lib/kst";
import { approvalStateLabels, payTypeText, reviewStatusLabels } from "@/lib/payssam/codes";
import { isStaffAction, type StaffAction, staffActions } from "./actions";

// How an audit row reads on the audit page, in Korean: the one place that says, per audited
// action, what its target is (with a link where there is a page for it) and what its details
// mean. Unknown actions and detail keys (a newer version's, or a row written by hand) show as
// stored rather than disappear.

export function actionLabel(action: string): string {
  return isStaffAction(action) ? staffActions[action] : action;
}

/** Actions that are refusals: the page marks them. */
export function isRefusal(action: string): boolean {
  return action === "sign_in_failed" || action === "first_admin_refused";
}

export interface AuditTarget {
  text: string;
  href?: string;
}

/** What the page knows beyond the row: merchant names by id. */
export interface AuditLookups {
  merchantNames: ReadonlyMap<number, string>;
}

const isApprovalState = (value: unknown): value is ApprovalState =>
  typeof value === "string" && Object.hasOwn(approvalStateLabels, value);
const isReviewStatus = (value: unknown): value is ReviewStatus =>
  typeof value === "string" && Object.hasOwn(reviewStatusLabels, value);

const merchantTarget = /^merchant #(\d+)$/;
const numberTarget = /^#(\d+)$/;

/** The merchant row id a target names (`merchant #691`), to look its name up. */
export function merchantIdOfTarget(target: string | null): number | null {
  const id = target ? merchantTarget.exec(target)?.[1] : undefined;
  return id ? Number(id) : null;
}

type TargetReader = (target: string, lookups: AuditLookups) => AuditTarget;

const userTarget: TargetReader = (email) => ({ text: email, href: "/users" });
const merchantPage: TargetReader = (target, { merchantNames }) => {
  const id = merchantIdOfTarget(target);
  if (id === null) return { text: target };
  return { text: merchantNames.get(id) ?? `하위가맹점 #${id}`, href: `/merchants/${id}` };
};
const exportFilter =
  (list: string, path: string): TargetReader =>
  (target) => {
    // Exports store the list's query string as it was written into the page's URL ("?state=D").
    const query = target.replace(/^\?/, "");
    return { text: `${list}: ${describeFilterQuery(query)}`, href: `${path}?${query}` };
  };

/** Per action, how its stored target reads and where it leads. */
const targetReaders: Partial<Record<StaffAction, TargetReader>> = {
  first_admin_created: userTarget,
  user_created: userTarget,
  user_disabled: userTarget,
  user_enabled: userTarget,
  user_removed: userTarget,
  user_role_changed: userTarget,
  user_sessions_revoked: userTarget,
  callback_reprocessed: (target) => {
    const id = numberTarget.exec(target)?.[1];
    return id ? { text: `수신 #${id}`, href: `/callbacks/${id}` } : { text: target };
  },
  alert_resent: (target) => ({ text: `알림 ${target}`, href: "/alerts" }),
  approvals_exported: exportFilter("결제 승인", "/approvals"),
  merchants_exported: exportFilter("하위가맹점", "/merchants"),
  merchant_acknowledged: merchantPage,
  merchant_acknowledgement_undone: merchantPage,
  merchant_memo_added: merchantPage,
  demo_data_seeded: () => ({ text: "데모 데이터", href: "/" }),
};

/** The row's target in words; an export without filters is the whole list. */
export function describeTarget(action: string, target: string | null, lookups: AuditLookups): AuditTarget | null {
  if (!target) {
    if (action === "approvals_exported") return { text: "결제 승인: 전체", href: "/approvals" };
    if (action === "merchants_exported") return { text: "하위가맹점: 전체", href: "/merchants" };
    return null;
  }
  const reader = isStaffAction(action) ? targetReaders[action] : undefined;
  return reader ? reader(target, lookups) : { text: target };
}

const filterKeyLabels: Record<string, string> = {
  billId: "billId",
  match: "검색 방식",
  from: "시작일",
  to: "종료일",
  state: "상태",
  payType: "결제 수단",
  issuer: "카드사/은행",
  min: "최소 금액",
  max: "최대 금액",
  installment: "할부",
  status: "심사 상태",
  q: "검색어",
  deleted: "삭제된 가맹점",
};

function filterValue(key: string, value: string): string {
  if (key === "state" && isApprovalState(value)) return approvalStateLabels[value];
  if (key === "status" && isReviewStatus(value)) return reviewStatusLabels[value];
  if (key === "payType") return payTypeText(value);
  if (key === "match") return value === "exact" ? "정확히 일치" : "앞부분 일치";
  if (key === "installment") return value === "plan" ? "할부" : "일시불";
  if (key === "deleted") return "포함";
  if (key === "min" || key === "max") return `${Number(value).toLocaleString("ko-KR")}원`;
  return value;
}

/** `상태 반려 · 시작일 2026-12-01` for an export's query string; sorting and paging left out. */
export function describeFilterQuery(query: string): string {
  const parts = [...new URLSearchParams(query)]
    .filter(([key]) => Object.hasOwn(filterKeyLabels, key))
    .map(([key, value]) => `${filterKeyLabels[key]} ${filterValue(key, value)}`);
  return parts.length > 0 ? parts.join(" · ") : "전체";
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
  alertId: "알림",
  memoId: "메모 번호",
  length: "글자 수",
  reviewStatus: "그때 심사 상태",
  memberId: "회원 코드",
  merchantId: "가맹점 코드",
  seed: "시드",
  deliveries: "콜백",
  merchants: "하위가맹점",
  approvals: "결제 승인",
  acknowledgedBy: "취소한 확인",
  acknowledgedAt: "확인했던 시각",
};

const count = (unit: string) => (value: unknown) =>
  typeof value === "number" ? `${value.toLocaleString("ko-KR")}${unit}` : undefined;

const detailValues: Record<string, (value: unknown) => string | undefined> = {
  reason: (value) => (typeof value === "string" ? reasonLabels[value] : undefined),
  throttle: (value) => (typeof value === "string" ? throttleLabels[value] : undefined),
  retryAfterSeconds: count("초"),
  role: (value) => (isStaffRole(value) ? staffRoleLabels[value] : undefined),
  format: (value) => (typeof value === "string" ? value.toUpperCase() : undefined),
  deliveryId: (value) => (typeof value === "number" ? `#${value}` : undefined),
  newDeliveryId: (value) => (typeof value === "number" ? `#${value}` : undefined),
  alertId: (value) => (typeof value === "number" ? `#${value}` : undefined),
  memoId: (value) => (typeof value === "number" ? `#${value}` : undefined),
  length: count("자"),
  reviewStatus: (value) => (isReviewStatus(value) ? reviewStatusLabels[value] : undefined),
  deliveries: count("건"),
  merchants: count("곳"),
  approvals: count("건"),
  acknowledgedAt: (value) => (typeof value === "string" ? `${formatKst(new Date(value))} KST` : undefined),
};

export interface AuditDetail {
  label: string;
  value: string;
}

/** A row's details as labelled Korean values (`사유` `이메일 또는 비밀번호 틀림`). */
export function describeDetails(details: Record<string, unknown> | null): AuditDetail[] {
  if (!details) return [];
  return Object.entries(details).map(([key, value]) => ({
    label: detailLabels[key] ?? key,
    value: detailValues[key]?.(value) ?? (typeof value === "string" ? value : JSON.stringify(value)),
  }));
}

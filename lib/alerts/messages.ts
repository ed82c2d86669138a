import type { CallbackKind, ReviewStatus } from "@/db/schema";
import { retryWindowMs, timeLeftText } from "@/lib/callbacks/retry-deadlines";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import { formatKst } from "@/lib/kst";
import { redactSecrets } from "@/lib/mask";
import { reviewStatusText } from "@/lib/payssam/codes";

// The Korean text of each alert and the JSON posted for it. The body is Slack's incoming-webhook
// shape, {"text": "..."}: Slack, Mattermost, Discord's /slack endpoint and Teams' workflows accept it.

export type AlertMessage =
  | {
      kind: "review_status";
      /** The merchant's row id, for its page. */
      merchantRowId: number | null;
      subject: string | null;
      companyName: string | null;
      branchName: string | null;
      reviewStatus: ReviewStatus;
      reviewMessage: string | null;
    }
  | {
      kind: "refusal" | "deadline";
      callbackKind: CallbackKind;
      subject: string;
      firstRefusedAt: Date;
      attempts: number;
      /** The last refusal explained in Korean (lib/payssam/refusal-explanations.ts). */
      reason: string;
    }
  | { kind: "unauthenticated"; since: Date; received: number; threshold: number }
  | {
      kind: "missing_callback" | "mismatch";
      billId: string;
      memberId: string | null;
      merchantId: string | null;
      /** Whole won, as PaySsam's read says (콜백 누락) or as the bill says (불일치). */
      amount: number;
      /** 불일치: what disagrees, in Korean (lib/reconcile/statuses.ts). */
      reasons: string[];
    }
  | { kind: "reconciliation_stopped"; failures: number; lastError: string; since: Date };

export interface MessageContext {
  /** The dashboard's origin for links, or null for paths only. */
  origin: string | null;
  now: Date;
  /** Every callback token and API key: redacted wherever they would appear. */
  secrets: readonly string[];
}

export interface WebhookBody {
  text: string;
}

const textLimit = 300;

// Text from a callback is PaySsam's (or a stranger's): it must not ping a channel (<!channel>,
// @everyone, <@id>), nor carry a link a colleague might click, and a 10,000-character message is cut.
// Angle brackets become full-width and "@" is followed by a zero-width space in every field, which
// leaves no Slack control sequence or mention of any flavour. A field that could still be read as a
// link ([t](u) in Mattermost and Discord, a bare URL or domain everywhere) is set in inline code,
// where none of them renders one; a backtick or a line break, which would end the code, is replaced.
const linkLike = /[[\]`]|:\/\/|www\.|[\p{L}\p{N}-]+\.[a-z]{2,}/iu;

function quoted(value: string | null): string {
  if (value === null || value.trim() === "") return "(없음)";
  const clipped = value.length > textLimit ? `${value.slice(0, textLimit)}…` : value;
  const inert = clipped.replace(/</g, "＜").replace(/>/g, "＞").replace(/@/g, "@\u200b");
  if (!linkLike.test(clipped)) return inert;
  return `\`${inert.replace(/`/g, "ˋ").replace(/[\r\n]+/g, " ")}\``;
}

function link(context: MessageContext, path: string): string {
  return `${context.origin ?? ""}${path}`;
}

export function alertText(message: AlertMessage, context: MessageContext): string {
  const lines = linesFor(message, context);
  // Last, over the whole text: whatever a field carried, no token or API key leaves the app.
  return redactSecrets(lines.join("\n"), context.secrets);
}

export function webhookBody(message: AlertMessage, context: MessageContext): WebhookBody {
  return { text: alertText(message, context) };
}

function linesFor(message: AlertMessage, context: MessageContext): string[] {
  switch (message.kind) {
    case "review_status": {
      const path = message.merchantRowId === null ? "/needs-action" : `/merchants/${message.merchantRowId}`;
      return [
        `[페이민트] 하위가맹점 ${reviewStatusText(message.reviewStatus)}: ${quoted(message.companyName)} ${quoted(message.branchName)}`,
        `메시지: ${quoted(message.reviewMessage)}`,
        `가맹점: ${quoted(message.subject)}`,
        `보기: ${link(context, path)}`,
      ];
    }
    case "refusal":
    case "deadline": {
      const deadline = new Date(message.firstRefusedAt.getTime() + retryWindowMs);
      const what = `${callbackKindLabels[message.callbackKind]} ${quoted(message.subject)}`;
      const headline =
        message.kind === "refusal"
          ? `[페이민트] 콜백 거부: ${what}`
          : `[페이민트] 재시도 마감 ${timeLeftText(deadline, context.now)}, 아직 해결되지 않음: ${what}`;
      return [
        headline,
        `사유: ${quoted(message.reason)}`,
        `PaySsam 재시도 마감: ${formatKst(deadline)} KST (${timeLeftText(deadline, context.now)}), 첫 거부 ${formatKst(message.firstRefusedAt)} KST, 시도 ${message.attempts}회`,
        `보기: ${link(context, "/retry-deadlines")}`,
      ];
    }
    case "unauthenticated":
      return [
        `[페이민트] 토큰이 없거나 틀린 콜백 요청 ${message.received.toLocaleString("ko-KR")}건 (${formatKst(message.since)} KST부터 1시간, 기준 ${message.threshold.toLocaleString("ko-KR")}건)`,
        "콜백 주소가 알려졌거나 PaySsam에 등록한 토큰이 CALLBACK_TOKEN과 다를 수 있습니다.",
        `보기: ${link(context, "/callbacks?outcome=unauthorized")}`,
      ];
    case "missing_callback":
    case "mismatch":
      return [
        message.kind === "missing_callback"
          ? `[페이민트] 콜백 누락: 청구서 ${quoted(message.billId)} 결제가 PaySsam에 있으나 콜백이 오지 않아 대사로 복구했습니다`
          : `[페이민트] 대사 불일치: 청구서 ${quoted(message.billId)} (${message.reasons.map(quoted).join(", ")})`,
        `가맹점: ${quoted(message.memberId)} / ${quoted(message.merchantId)}, 금액 ${message.amount.toLocaleString("ko-KR")}원`,
        `보기: ${link(context, `/reconciliation?billId=${encodeURIComponent(message.billId)}`)}`,
      ];
    case "reconciliation_stopped":
      return [
        `[페이민트] 대사 중단: PaySsam 조회가 연속 ${message.failures}회 실패해 이번 대사를 멈췄습니다 (${formatKst(message.since)} KST)`,
        `마지막 오류: ${quoted(message.lastError)}`,
        "다음 예정된 대사에서 다시 시도합니다. PAYSSAM_API_BASE와 PaySsam 상태를 확인하세요.",
        `보기: ${link(context, "/reconciliation")}`,
      ];
  }
}

import type { z } from "zod";
import { approvalStates } from "./codes";
import {
  anyJson,
  extraMembers,
  installmentMonths,
  optionalKstTimestamp,
  optionalText,
  payloadObject,
  requiredCode,
  requiredKstTimestamp,
  requiredText,
  wonAmount,
} from "./fields";

// The payment approval sync callback (callbackSyncApproval, SyncApprovalRequest), v2 camelCase.
// The v1 snake_case shape is renamed to these keys first (see v1ApprovalKeys).

const approvalFields = {
  apiKey: optionalText,
  billId: requiredText(20),
  apprPayType: optionalText,
  apprCardType: optionalText,
  apprDt: requiredKstTimestamp,
  apprOriginDt: optionalKstTimestamp,
  apprPrice: wonAmount,
  apprIssuer: optionalText,
  apprIssuerCd: optionalText,
  apprIssuerNum: optionalText,
  apprAcquirerCd: optionalText,
  apprAcquirerNm: optionalText,
  apprNum: optionalText,
  apprOriginNum: optionalText,
  apprResCd: optionalText,
  apprMonthly: installmentMonths,
  apprState: requiredCode(approvalStates, "F 승인, W 대기, C 취소, D 파기"),
  apprCashNum: optionalText,
  apprCashTrader: optionalText,
  apprCashIssuanceNumber: optionalText,
  apprCardMerchantNum: optionalText,
  catId: optionalText,
  udItem: anyJson,
  dscTxNum: optionalText,
  cardType: optionalText,
  apprSign: optionalText,
};

const knownApprovalKeys = Object.keys(approvalFields);

export const approvalCallbackSchema = payloadObject(approvalFields, "must be a JSON object").transform((approval) => {
  const known = Object.fromEntries(knownApprovalKeys.map((key) => [key, approval[key as keyof typeof approval]]));
  return {
    ...(known as { [Key in keyof typeof approvalFields]: z.output<(typeof approvalFields)[Key]> }),
    extra: extraMembers(approval, knownApprovalKeys),
  };
});

export type ApprovalCallback = z.output<typeof approvalCallbackSchema>;

/** v1 (snake_case) key → v2 key. Older integrations receive this shape of the same callback. */
export const v1ApprovalKeys: Record<string, keyof typeof approvalFields> = {
  apikey: "apiKey",
  bill_id: "billId",
  appr_pay_type: "apprPayType",
  appr_card_type: "apprCardType",
  appr_dt: "apprDt",
  appr_origin_dt: "apprOriginDt",
  appr_price: "apprPrice",
  appr_num: "apprNum",
  appr_origin_num: "apprOriginNum",
  appr_state: "apprState",
  appr_issuer: "apprIssuer",
  appr_issuer_cd: "apprIssuerCd",
  appr_issuer_num: "apprIssuerNum",
  appr_acquirer_cd: "apprAcquirerCd",
  appr_acquirer_nm: "apprAcquirerNm",
  appr_res_cd: "apprResCd",
  appr_monthly: "apprMonthly",
  appr_cash_num: "apprCashNum",
  appr_cash_trader: "apprCashTrader",
  appr_cash_issuance_number: "apprCashIssuanceNumber",
};

const v2KeyToV1 = Object.fromEntries(Object.entries(v1ApprovalKeys).map(([v1, v2]) => [v2, v1]));

export function isV1Approval(payload: Record<string, unknown>): boolean {
  return !("billId" in payload) && ("bill_id" in payload || "appr_state" in payload || "apikey" in payload);
}

/** The payload with v1 keys renamed to v2; v2 payloads are returned as they are. */
export function toV2ApprovalKeys(payload: Record<string, unknown>): Record<string, unknown> {
  if (!isV1Approval(payload)) return payload;
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [v1ApprovalKeys[key] ?? key, value]));
}

/** The key the sender used for a v2 field, so errors name what was actually sent. */
export function sentApprovalKey(v2Key: string, version: "v1" | "v2"): string {
  return version === "v1" ? (v2KeyToV1[v2Key] ?? v2Key) : v2Key;
}

/** The apiKey as sent, in either shape, or null. */
export function approvalApiKey(payload: Record<string, unknown>): string | null {
  const key = payload.apiKey ?? payload.apikey;
  return typeof key === "string" && key !== "" ? key : null;
}

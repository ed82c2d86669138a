import type { z } from "zod";
import type { Approval } from "@/db/schema";
import { approvalStateLabels, approvalStates } from "./codes";
import {
  extraMembers,
  type FieldDescription,
  type FieldValue,
  fieldReader,
  fieldSchema,
  payloadObject,
} from "./fields";

// The payment approval sync callback (callbackSyncApproval, SyncApprovalRequest). Every field is
// described once, here: its v2 (camelCase) key, its v1 (snake_case) key, the approvals column it
// is stored in, its Korean name and what it accepts. The zod schema, the v1 renaming, the Korean
// names of refusals, exports and the detail page, and the bulk seed's mapping come from this table.

const optionalText = { kind: "text", required: false } as const;

/**
 * How the detail page shows a stored value beyond its rule: in a fixed-width font (codes, numbers),
 * masked (card, account and cash-receipt numbers are personal data), through a code table, or on a
 * card of its own (the signature image, udItem).
 */
export type ApprovalFieldShown = "plain" | "mono" | "masked" | "payType" | "cashTrader" | "own card";

interface ApprovalFieldSpec extends FieldDescription {
  /** The key older (v1, snake_case) integrations send; null where v1 has no such field. */
  v1: string | null;
  column: keyof Approval;
  shown?: ApprovalFieldShown;
}

// In PaySsam's order: the schema checks the fields in this order, and a refusal names the first.
const approvalFields = {
  apiKey: { v1: "apikey", column: "apiKeyMasked", name: "API 키", rule: { kind: "secret" }, shown: "mono" },
  billId: {
    v1: "bill_id",
    column: "billId",
    name: "청구서 ID",
    rule: { kind: "text", required: true, maxLength: 20 },
    shown: "mono",
  },
  apprPayType: { v1: "appr_pay_type", column: "apprPayType", name: "결제 수단", rule: optionalText, shown: "payType" },
  apprCardType: { v1: "appr_card_type", column: "apprCardType", name: "카드 구분", rule: optionalText },
  apprDt: { v1: "appr_dt", column: "apprDt", name: "승인 일시", rule: { kind: "kstTime", required: true } },
  apprOriginDt: {
    v1: "appr_origin_dt",
    column: "apprOriginDt",
    name: "원거래 일시",
    rule: { kind: "kstTime", required: false },
  },
  apprPrice: { v1: "appr_price", column: "apprPrice", name: "결제 금액", rule: { kind: "won" } },
  apprIssuer: { v1: "appr_issuer", column: "apprIssuer", name: "카드사/은행", rule: optionalText },
  apprIssuerCd: {
    v1: "appr_issuer_cd",
    column: "apprIssuerCd",
    name: "카드사/은행 코드",
    rule: optionalText,
    shown: "mono",
  },
  apprIssuerNum: {
    v1: "appr_issuer_num",
    column: "apprIssuerNum",
    name: "카드/계좌 번호",
    rule: optionalText,
    shown: "masked",
  },
  apprAcquirerCd: {
    v1: "appr_acquirer_cd",
    column: "apprAcquirerCd",
    name: "매입사 코드",
    rule: optionalText,
    shown: "mono",
  },
  apprAcquirerNm: { v1: "appr_acquirer_nm", column: "apprAcquirerNm", name: "매입사", rule: optionalText },
  apprNum: { v1: "appr_num", column: "apprNum", name: "승인번호", rule: optionalText, shown: "mono" },
  apprOriginNum: {
    v1: "appr_origin_num",
    column: "apprOriginNum",
    name: "원거래 승인번호",
    rule: optionalText,
    shown: "mono",
  },
  apprResCd: { v1: "appr_res_cd", column: "apprResCd", name: "응답 코드", rule: optionalText, shown: "mono" },
  apprMonthly: { v1: "appr_monthly", column: "apprMonthly", name: "할부 개월", rule: { kind: "months" } },
  apprState: {
    v1: "appr_state",
    column: "apprState",
    name: "승인 상태",
    rule: { kind: "code", codes: approvalStates, labels: approvalStateLabels },
  },
  // The cash-receipt identifier is a phone or business number: personal data, masked like a card.
  apprCashNum: {
    v1: "appr_cash_num",
    column: "apprCashNum",
    name: "현금영수증 식별번호",
    rule: optionalText,
    shown: "masked",
  },
  apprCashTrader: {
    v1: "appr_cash_trader",
    column: "apprCashTrader",
    name: "현금영수증 구분",
    rule: optionalText,
    shown: "cashTrader",
  },
  apprCashIssuanceNumber: {
    v1: "appr_cash_issuance_number",
    column: "apprCashIssuanceNumber",
    name: "현금영수증 승인번호",
    rule: optionalText,
    shown: "mono",
  },
  apprCardMerchantNum: {
    v1: null,
    column: "apprCardMerchantNum",
    name: "카드 가맹점번호",
    rule: optionalText,
    shown: "mono",
  },
  catId: { v1: null, column: "catId", name: "단말기 ID", rule: optionalText, shown: "mono" },
  udItem: { v1: null, column: "udItem", name: "사용자 정의 항목", rule: { kind: "json" }, shown: "own card" },
  dscTxNum: { v1: null, column: "dscTxNum", name: "거래 고유번호", rule: optionalText, shown: "mono" },
  cardType: { v1: null, column: "cardType", name: "카드 종류", rule: optionalText },
  apprSign: { v1: null, column: "apprSign", name: "서명", rule: optionalText, shown: "own card" },
} as const satisfies Record<string, ApprovalFieldSpec>;

export type ApprovalField = keyof typeof approvalFields;

/** The approval callback's fields in PaySsam's order, each with its key. */
export const approvalFieldList = Object.entries(approvalFields).map(([key, spec]) => ({
  key: key as ApprovalField,
  ...(spec as ApprovalFieldSpec),
}));

/** The approval callback's fields by their v2 (camelCase) key. */
export const approvalFieldDescriptions: Record<string, FieldDescription> = approvalFields;

/** The Korean name of an approval field, as the detail page, the exports and refusals call it. */
export function approvalFieldName(field: ApprovalField): string {
  return approvalFields[field].name;
}

type ApprovalShape = { [Key in ApprovalField]: z.ZodType<FieldValue<(typeof approvalFields)[Key]["rule"]>, unknown> };

const approvalShape = Object.fromEntries(
  approvalFieldList.map((field) => [field.key, fieldSchema(field.rule)]),
) as ApprovalShape;

const knownApprovalKeys = approvalFieldList.map((field) => field.key);

export const approvalCallbackSchema = payloadObject(approvalShape, "must be a JSON object").transform((approval) => {
  const known = Object.fromEntries(knownApprovalKeys.map((key) => [key, approval[key]]));
  return {
    ...(known as { [Key in ApprovalField]: FieldValue<(typeof approvalFields)[Key]["rule"]> }),
    extra: extraMembers(approval, knownApprovalKeys),
  };
});

export type ApprovalCallback = z.output<typeof approvalCallbackSchema>;

const approvalReaders = approvalFieldList.map((field) => [field.key, fieldReader(field.rule)] as const);
const knownApprovalKeySet = new Set<string>(knownApprovalKeys);

/**
 * An approval payload (v2 keys) parsed as approvalCallbackSchema parses it. Every accepted callback
 * takes this path, so it runs the fields' own readers directly, in the schema's order, without
 * zod's per-field machinery (about 80 µs of a callback's CPU). The schema still decides every
 * refusal: at the first field a reader refuses, or for anything but a plain object (or one with an
 * own __proto__ member, which zod's object copy treats differently), the schema parses the payload
 * and its issues are the answer's. test/property/approval-parse.property.test.ts holds both paths
 * to the same result.
 */
export function parseApprovalCallback(payload: unknown): z.ZodSafeParseResult<ApprovalCallback> {
  return approvalByReaders(payload) ?? approvalCallbackSchema.safeParse(payload);
}

function approvalByReaders(payload: unknown): z.ZodSafeParseSuccess<ApprovalCallback> | null {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  if (Object.hasOwn(payload, "__proto__")) return null;
  const members = payload as Record<string, unknown>;
  const approval: Record<string, unknown> = {};
  for (const [key, reader] of approvalReaders) {
    const member = members[key];
    const reading = reader(member === undefined ? null : member);
    if (!reading.ok) return null;
    approval[key] = reading.value;
  }
  let extra: Record<string, unknown> | null = null;
  for (const key in members) {
    if (!Object.hasOwn(members, key) || knownApprovalKeySet.has(key) || members[key] === undefined) continue;
    extra ??= {};
    extra[key] = members[key];
  }
  approval.extra = extra;
  return { success: true, data: approval as ApprovalCallback };
}

/** v1 (snake_case) key → v2 key. Older integrations receive this shape of the same callback. */
export const v1ApprovalKeys: Record<string, ApprovalField> = Object.fromEntries(
  approvalFieldList.flatMap((field) => (field.v1 === null ? [] : [[field.v1, field.key]])),
);

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
  if (version === "v2" || !Object.hasOwn(approvalFields, v2Key)) return v2Key;
  return approvalFields[v2Key as ApprovalField].v1 ?? v2Key;
}

/** The apiKey as sent, in either shape, or null. */
export function approvalApiKey(payload: Record<string, unknown>): string | null {
  const key = payload.apiKey ?? payload.apikey;
  return typeof key === "string" && key !== "" ? key : null;
}

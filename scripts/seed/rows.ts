import { isDeepStrictEqual } from "node:util";
import type { ApprovalState } from "@/db/schema";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { parseKstCompact } from "@/lib/kst";
import { maskSecret } from "@/lib/mask";
import { errorCodes } from "@/lib/payssam/answers";
import { type ApprovalCallback, approvalCallbackSchema } from "@/lib/payssam/approval";
import type { AuthMappingPayload, SimulatedMerchant } from "@/lib/simulator";

// Row mapping: what the receiver would store for a simulated payload, as the values of one COPY
// row per table (in the column order of copy.ts).

// PaySsam's senders, as the log's remote address shows them.
export const senderAddresses = ["211.43.14.101", "211.43.14.102", "121.254.175.36"] as const;

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const text = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);
const kstInstant = (value: unknown): Date | null => (text(value) === null ? null : parseKstCompact(String(value)));

/**
 * What the receiver stores for a simulated payload. approvalCallbackSchema is the authority, but
 * at ~25 µs a parse it would be a sixth of the seed's time, so this direct mapping is used instead
 * and checked against the schema on the first rows of every run (see checkedApproval).
 */
export function storedApproval(payload: Record<string, unknown>): ApprovalCallback {
  const month = text(payload.apprMonthly);
  return {
    apiKey: text(payload.apiKey),
    billId: String(payload.billId),
    apprPayType: text(payload.apprPayType),
    apprCardType: text(payload.apprCardType),
    apprDt: kstInstant(payload.apprDt)!,
    apprOriginDt: kstInstant(payload.apprOriginDt),
    apprPrice: Number(payload.apprPrice),
    apprIssuer: text(payload.apprIssuer),
    apprIssuerCd: text(payload.apprIssuerCd),
    apprIssuerNum: text(payload.apprIssuerNum),
    apprAcquirerCd: text(payload.apprAcquirerCd),
    apprAcquirerNm: text(payload.apprAcquirerNm),
    apprNum: text(payload.apprNum),
    apprOriginNum: text(payload.apprOriginNum),
    apprResCd: text(payload.apprResCd),
    apprMonthly: month === null ? null : Number(month),
    apprState: payload.apprState as ApprovalState,
    apprCashNum: text(payload.apprCashNum),
    apprCashTrader: text(payload.apprCashTrader),
    apprCashIssuanceNumber: text(payload.apprCashIssuanceNumber),
    apprCardMerchantNum: text(payload.apprCardMerchantNum),
    catId: text(payload.catId),
    udItem: payload.udItem ?? null,
    dscTxNum: text(payload.dscTxNum),
    cardType: text(payload.cardType),
    apprSign: text(payload.apprSign),
    extra: null,
  };
}

/** The stored values of a payload, also through the receiver's schema, which must agree. */
export function checkedApproval(payload: Record<string, unknown>): ApprovalCallback {
  const stored = storedApproval(payload);
  const parsed = approvalCallbackSchema.parse(payload);
  if (!isDeepStrictEqual(parsed, stored)) {
    throw new Error(
      `Bulk seed mapping disagrees with approvalCallbackSchema for ${stored.billId}: update storedApproval()`,
    );
  }
  return stored;
}

export function approvalRow(
  id: number,
  approval: ApprovalCallback,
  receivedAt: Date,
  lastReceivedAt: Date,
  count: number,
) {
  return [
    id,
    approval.billId,
    approval.apprState,
    approval.apprNum,
    approval.apprOriginNum,
    approval.apprPayType,
    approval.apprCardType,
    approval.apprDt,
    approval.apprOriginDt,
    approval.apprPrice,
    approval.apprIssuer,
    approval.apprIssuerCd,
    approval.apprIssuerNum,
    approval.apprAcquirerCd,
    approval.apprAcquirerNm,
    approval.apprResCd,
    approval.apprMonthly,
    approval.apprCashNum,
    approval.apprCashTrader,
    approval.apprCashIssuanceNumber,
    approval.apprCardMerchantNum,
    approval.catId,
    json(approval.udItem),
    approval.dscTxNum,
    approval.cardType,
    approval.apprSign,
    approval.apiKey ? maskSecret(approval.apiKey) : null,
    "v2",
    json(approval.extra),
    count,
    receivedAt,
    lastReceivedAt,
  ];
}

/** An approval callback that was stored (accepted) or repeated one already stored (duplicate). */
export function approvalDeliveryRow(
  id: number,
  delivery: { receivedAt: Date; rawBody: string; duplicate: boolean; remoteAddr: string },
  billId: string,
  approvalId: number,
) {
  return [
    id,
    "approval",
    callbackEndpoint("approval").path,
    delivery.receivedAt,
    delivery.rawBody,
    Buffer.byteLength(delivery.rawBody),
    delivery.duplicate ? "duplicate" : "accepted",
    200,
    null,
    null,
    null,
    delivery.remoteAddr,
    billId,
    approvalId,
    null,
  ];
}

/** An approval callback the receiver refused for invalid fields, with its reasons. */
export function refusedDeliveryRow(
  id: number,
  delivery: { receivedAt: Date; rawBody: string; remoteAddr: string; billId: unknown },
  errors: { path: string; message: string }[],
) {
  const first = errors[0] ?? { path: "body", message: "is invalid" };
  return [
    id,
    "approval",
    callbackEndpoint("approval").path,
    delivery.receivedAt,
    delivery.rawBody,
    Buffer.byteLength(delivery.rawBody),
    "rejected",
    400,
    errorCodes.invalidPayload,
    `Invalid payment approval callback: ${first.path || "body"} ${first.message}.`,
    json(errors),
    delivery.remoteAddr,
    typeof delivery.billId === "string" ? delivery.billId.slice(0, 200) : null,
    null,
    null,
  ];
}

export function merchantDeliveryRow(
  id: number,
  merchant: SimulatedMerchant,
  merchantId: number,
  delivery: { receivedAt: Date; rawBody: string; remoteAddr: string },
) {
  return [
    id,
    "auth_mapping",
    callbackEndpoint("auth-mapping").path,
    delivery.receivedAt,
    delivery.rawBody,
    Buffer.byteLength(delivery.rawBody),
    "accepted",
    200,
    null,
    null,
    null,
    delivery.remoteAddr,
    `${merchant.memberId}/${merchant.merchantId}`,
    null,
    merchantId,
  ];
}

export function statusHistoryRow(
  id: number,
  merchantId: number,
  deliveryId: number,
  payload: AuthMappingPayload,
  receivedAt: Date,
) {
  return [
    id,
    merchantId,
    deliveryId,
    payload.merchant.reviewStatus,
    payload.merchant.reviewMessage,
    payload.merchant.isDeleted === "Y",
    payload.merchant.companyName,
    payload.merchant.branchName,
    receivedAt,
  ];
}

export function merchantRow(
  id: number,
  merchant: SimulatedMerchant,
  final: AuthMappingPayload["merchant"],
  firstSeenAt: Date,
  updatedAt: Date,
  statusSince: Date,
) {
  return [
    id,
    merchant.memberId,
    merchant.merchantId,
    merchant.payssamMemberId,
    merchant.companyName,
    merchant.branchName,
    merchant.businessNumber,
    final.reviewStatus,
    final.reviewMessage,
    final.isDeleted === "Y",
    firstSeenAt,
    updatedAt,
    statusSince,
  ];
}

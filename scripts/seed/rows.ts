import { isDeepStrictEqual } from "node:util";
import type { Approval, CallbackDelivery, Merchant, merchantStatusHistory } from "@/db/schema";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { parseKstCompact } from "@/lib/kst";
import { maskSecret } from "@/lib/mask";
import { errorCodes } from "@/lib/payssam/answers";
import {
  type ApprovalCallback,
  type ApprovalField,
  approvalCallbackSchema,
  approvalFieldList,
} from "@/lib/payssam/approval";
import { authMappingCallbackSchema } from "@/lib/payssam/auth-mapping";
import type { FieldRule } from "@/lib/payssam/fields";
import type { AuthMappingPayload, SimulatedMerchant } from "@/lib/simulator";
import { copyValues } from "./copy";

// Row mapping: what the receiver would store for a simulated payload, as the values of one COPY
// row per table (each row named by the table's keys, put in copy.ts's column order).

// PaySsam's senders, as the log's remote address shows them.
export const senderAddresses = ["211.43.14.101", "211.43.14.102", "121.254.175.36"] as const;

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const text = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);

// Each rule's conversion, for values the simulator made valid (nothing here checks them).
const storedValues: Record<FieldRule["kind"], (value: unknown) => unknown> = {
  text,
  secret: text,
  code: (value) => value,
  kstTime: (value) => (text(value) === null ? null : parseKstCompact(String(value))),
  won: Number,
  months: (value) => (text(value) === null ? null : Number(value)),
  yesNo: (value) => value === "Y",
  json: (value) => value ?? null,
  object: (value) => value,
};

const approvalConversions = approvalFieldList.map((field) => [field.key, storedValues[field.rule.kind]] as const);

/**
 * What the receiver stores for a simulated payload. approvalCallbackSchema is the authority, but
 * at ~25 µs a parse it would be a sixth of the seed's time, so each field is converted by its rule
 * directly instead, and checked against the schema on the first rows of every run (see checkedApproval).
 */
export function storedApproval(payload: Record<string, unknown>): ApprovalCallback {
  const stored: Record<string, unknown> = { extra: null };
  for (const [key, convert] of approvalConversions) stored[key] = convert(payload[key]);
  return stored as ApprovalCallback;
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

// The payload field stored in each approvals column.
const fieldOfColumn = new Map<string, ApprovalField>(approvalFieldList.map((field) => [field.column, field.key]));

export function approvalRow(
  id: number,
  approval: ApprovalCallback,
  receivedAt: Date,
  lastReceivedAt: Date,
  count: number,
) {
  const row: Record<string, unknown> = {
    id,
    apiKeyMasked: approval.apiKey ? maskSecret(approval.apiKey) : null,
    payloadVersion: "v2",
    extra: json(approval.extra),
    deliveryCount: count,
    firstReceivedAt: receivedAt,
    lastReceivedAt,
  } satisfies Columns<Approval>;
  for (const [column, field] of fieldOfColumn) if (field !== "apiKey") row[column] = approval[field];
  row.udItem = json(approval.udItem);
  return copyValues("approvals", row);
}

type Columns<Row> = Partial<Record<keyof Row, unknown>>;

function deliveryRow(
  id: number,
  kind: "approval" | "auth_mapping",
  delivery: { receivedAt: Date; rawBody: string; remoteAddr: string },
  outcome: Columns<CallbackDelivery>,
) {
  return copyValues("callback_deliveries", {
    id,
    kind,
    endpoint: callbackEndpoint(kind === "approval" ? "approval" : "auth-mapping").path,
    receivedAt: delivery.receivedAt,
    rawBody: delivery.rawBody,
    bodyBytes: Buffer.byteLength(delivery.rawBody),
    remoteAddr: delivery.remoteAddr,
    ...outcome,
  } satisfies Columns<CallbackDelivery>);
}

/** An approval callback that was stored (accepted) or repeated one already stored (duplicate). */
export function approvalDeliveryRow(
  id: number,
  delivery: { receivedAt: Date; rawBody: string; duplicate: boolean; remoteAddr: string },
  billId: string,
  approvalId: number,
) {
  return deliveryRow(id, "approval", delivery, {
    outcome: delivery.duplicate ? "duplicate" : "accepted",
    httpStatus: 200,
    subject: billId,
    approvalId,
  });
}

/** An approval callback the receiver refused for invalid fields, with its reasons. */
export function refusedDeliveryRow(
  id: number,
  delivery: { receivedAt: Date; rawBody: string; remoteAddr: string; billId: unknown },
  errors: { path: string; message: string }[],
) {
  const first = errors[0] ?? { path: "body", message: "is invalid" };
  return deliveryRow(id, "approval", delivery, {
    outcome: "rejected",
    httpStatus: 400,
    errorCode: errorCodes.invalidPayload,
    errorMessage: `Invalid payment approval callback: ${first.path || "body"} ${first.message}.`,
    errors: json(errors),
    subject: typeof delivery.billId === "string" ? delivery.billId.slice(0, 200) : null,
  });
}

export function merchantDeliveryRow(
  id: number,
  merchant: SimulatedMerchant,
  merchantId: number,
  delivery: { receivedAt: Date; rawBody: string; remoteAddr: string },
) {
  return deliveryRow(id, "auth_mapping", delivery, {
    outcome: "accepted",
    httpStatus: 200,
    subject: `${merchant.memberId}/${merchant.merchantId}`,
    merchantId,
  });
}

export function statusHistoryRow(
  id: number,
  merchantId: number,
  deliveryId: number,
  payload: AuthMappingPayload,
  receivedAt: Date,
) {
  return copyValues("merchant_status_history", {
    id,
    merchantId,
    deliveryId,
    reviewStatus: payload.merchant.reviewStatus,
    reviewMessage: payload.merchant.reviewMessage,
    isDeleted: payload.merchant.isDeleted === "Y",
    companyName: payload.merchant.companyName,
    branchName: payload.merchant.branchName,
    receivedAt,
  } satisfies Columns<typeof merchantStatusHistory.$inferSelect>);
}

/** The merchant as its last link result leaves it: the receiver's own parse gives its columns. */
export function merchantRow(
  id: number,
  last: AuthMappingPayload,
  firstSeenAt: Date,
  updatedAt: Date,
  statusSince: Date,
) {
  return copyValues("merchants", {
    id,
    ...authMappingCallbackSchema.parse(last),
    firstSeenAt,
    updatedAt,
    statusSince,
  } satisfies Columns<Merchant>);
}

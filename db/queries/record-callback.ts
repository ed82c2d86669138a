import { getTableColumns, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { type Database, executeFixed, executePrepared, fixedStatement, rowsOf } from "@/db";
import { approvals, type CallbackKind, type DeliveryOutcome, dailyTotalSlots, merchants } from "@/db/schema";
import type { FieldError } from "@/lib/payssam/answers";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import { type AuthMappingCallback, authMappingColumns } from "@/lib/payssam/auth-mapping";
import { kstDayOf } from "./kst-day";

// The writes behind a callback. Each is ONE statement (data-modifying CTEs), so a delivery and
// its effect commit together or not at all, in one round trip to the database.

export interface DeliveryFacts {
  kind: CallbackKind;
  endpoint: string;
  rawBody: string;
  bodyBytes: number;
  remoteAddr: string | null;
  subject: string | null;
  // Whether an approval's apiKey was checked against PAYSSAM_API_KEYS (reprocessing relies on it).
  apiKeyVerified: boolean;
  reprocessOf?: number | null;
  /** When it arrived; only the demo seeder backdates (never an HTTP caller): unset means now(). */
  receivedAt?: Date | null;
  /** Queue its alert in alert_outbox (alerts configured, and not a backdated demo delivery). */
  alerts?: boolean;
}

export interface RecordedDelivery {
  deliveryId: number;
  outcome: DeliveryOutcome;
  approvalId?: number | null;
  merchantId?: number | null;
}

// R (반려) and S (서류보완) ask the partner to act: they are alerted.
const alertingReviewStatuses = new Set(["R", "S"]);

const reviewAlertFacts = (mapping: AuthMappingCallback) => ({
  companyName: mapping.companyName,
  branchName: mapping.branchName,
  reviewStatus: mapping.reviewStatus,
  reviewMessage: mapping.reviewMessage,
});

const jsonb = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const arrival = (delivery: DeliveryFacts) =>
  sql`coalesce(${delivery.receivedAt?.toISOString() ?? null}::timestamptz, now())`;

/** What one callback does to the database: the effect of an accepted delivery, or its refusal. */
export type DeliveryEffect =
  | { kind: "approval"; approval: ApprovalCallback; apiKeyMasked: string | null; payloadVersion: "v1" | "v2" }
  | { kind: "auth_mapping"; mapping: AuthMappingCallback }
  | { kind: "refused"; refusal: DeliveryRefusal };

/** The one statement for a delivery: what the interpretation said it is decides which. */
export function recordDelivery(
  db: Database,
  delivery: DeliveryFacts,
  effect: DeliveryEffect,
): Promise<RecordedDelivery> {
  switch (effect.kind) {
    case "approval":
      return recordApproval(db, delivery, effect.approval, effect);
    case "auth_mapping":
      return recordAuthMapping(db, delivery, effect.mapping);
    case "refused":
      return recordRefusedDelivery(db, delivery, effect.refusal);
  }
}

// The approval's columns are the schema's (approvals in db/schema.ts, the keys the payload schema
// gives them too), less the ones the statement fills itself. The approvals' natural key and its
// ON CONFLICT are what makes a retry — or a reconciled approval that a late callback repeats — a
// delivery of the same row.
const filledByTheStatement = new Set(["id", "deliveryCount", "firstReceivedAt", "lastReceivedAt"]);
const approvalColumns = Object.entries(getTableColumns(approvals)).filter(([key]) => !filledByTheStatement.has(key));
type ApprovalColumn = Exclude<
  keyof typeof approvals.$inferInsert,
  "id" | "deliveryCount" | "firstReceivedAt" | "lastReceivedAt"
>;

// Parameters are sent as text and typed by these casts, as drizzle would (dates as ISO strings,
// jsonb as its JSON text).
const castOf: Record<string, string> = {
  "timestamp with time zone": "timestamptz",
  bigint: "bigint",
  smallint: "smallint",
  jsonb: "jsonb",
};
const encoderOf = (sqlType: string): ((value: unknown) => unknown) =>
  sqlType === "jsonb"
    ? jsonb
    : sqlType === "timestamp with time zone"
      ? (value) => (value instanceof Date ? value.toISOString() : (value ?? null))
      : (value) => value ?? null;
const approvalEncoders = approvalColumns.map(
  ([key, column]) => [key as ApprovalColumn, encoderOf(column.getSQLType())] as const,
);

// The statement's text is fixed (fixedStatement): each value is a named placeholder, filled from
// approvalStatementValues on every callback.
const value = (name: keyof ApprovalStatementValues) => sql.placeholder(name);
const arrivalValue = sql`coalesce(${value("receivedAt")}::timestamptz, now())`;
const approvalValues = sql.join(
  approvalColumns.map(([key, column]) => {
    const cast = castOf[column.getSQLType()];
    return cast ? sql`${value(key as ApprovalColumn)}::${sql.raw(cast)}` : sql`${value(key as ApprovalColumn)}`;
  }),
  sql`, `,
);
const approvalColumnNames = sql.raw(approvalColumns.map(([key]) => toSnakeCase(key)).join(", "));

export const recordApprovalStatement = fixedStatement<ApprovalStatementValues>(sql`
    WITH approval AS (
      INSERT INTO approvals (${approvalColumnNames}, first_received_at, last_received_at)
      VALUES (${approvalValues}, ${arrivalValue}, ${arrivalValue})
      ON CONFLICT ON CONSTRAINT approvals_bill_state_num_key DO UPDATE
        SET delivery_count = approvals.delivery_count + 1, last_received_at = excluded.last_received_at
      RETURNING id, (xmax = 0) AS inserted, appr_dt, appr_state, appr_pay_type, appr_price
    ),
    -- Kept in this statement, because it must be atomic with the approval: approval_daily_totals
    -- is exact only if a new approval adds itself exactly once (here, in the statement that
    -- inserts it), a retry (the ON CONFLICT path) adds nothing, and a failed statement adds
    -- nothing. Done anywhere else, a crash between the two or a retry racing the first delivery
    -- would miscount. It costs the app nothing (no value of its own is sent) and the database one
    -- row update. The id picks one of the key's slots, so concurrent callbacks rarely wait on one
    -- row's lock.
    daily_totals AS (
      INSERT INTO approval_daily_totals AS totals (appr_state, day, appr_pay_type, slot, approvals, amount)
      SELECT approval.appr_state, ${kstDayOf(sql`approval.appr_dt`)}, coalesce(approval.appr_pay_type, ''),
        approval.id % ${sql.raw(String(dailyTotalSlots))}, 1, approval.appr_price
      FROM approval WHERE approval.inserted
      ON CONFLICT (appr_state, day, appr_pay_type, slot) DO UPDATE
        SET approvals = totals.approvals + 1, amount = totals.amount + excluded.amount
    )
    INSERT INTO callback_deliveries
      (kind, endpoint, raw_body, body_bytes, outcome, http_status, remote_addr, subject, approval_id, reprocess_of,
       api_key_verified, received_at)
    SELECT 'approval', ${value("endpoint")}::text, ${value("rawBody")}::text, ${value("bodyBytes")}::integer,
      (CASE WHEN approval.inserted THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome,
      200, ${value("remoteAddr")}::text, ${value("billId")}::text, approval.id, ${value("reprocessOf")}::bigint,
      ${value("apiKeyVerified")}::boolean, ${arrivalValue}
    FROM approval
    RETURNING id, outcome, approval_id
  `);

export type ApprovalStatementValues = Record<ApprovalColumn, unknown> & {
  receivedAt: string | null;
  endpoint: string;
  rawBody: string;
  bodyBytes: number;
  remoteAddr: string | null;
  reprocessOf: number | null;
  apiKeyVerified: boolean;
};

/** The approval row as the schema names it, and the delivery's log row: the billId is the subject. */
export function approvalStatementValues(
  delivery: DeliveryFacts,
  approval: ApprovalCallback,
  details: { apiKeyMasked: string | null; payloadVersion: "v1" | "v2" },
): ApprovalStatementValues {
  const row: Record<string, unknown> = { ...approval, ...details };
  const values = {
    receivedAt: delivery.receivedAt?.toISOString() ?? null,
    endpoint: delivery.endpoint,
    rawBody: delivery.rawBody,
    bodyBytes: delivery.bodyBytes,
    remoteAddr: delivery.remoteAddr,
    reprocessOf: delivery.reprocessOf ?? null,
    apiKeyVerified: delivery.apiKeyVerified,
  } as ApprovalStatementValues;
  for (const [key, encode] of approvalEncoders) values[key] = encode(row[key]);
  return values;
}

export async function recordApproval(
  db: Database,
  delivery: DeliveryFacts,
  approval: ApprovalCallback,
  details: { apiKeyMasked: string | null; payloadVersion: "v1" | "v2" },
): Promise<RecordedDelivery> {
  const result = await executeFixed(db, recordApprovalStatement, approvalStatementValues(delivery, approval, details));
  const [row] = rowsOf<{ id: string | number; outcome: DeliveryOutcome; approval_id: string | number }>(result);
  return { deliveryId: Number(row.id), outcome: row.outcome, approvalId: Number(row.approval_id) };
}

// The columns of the link result's field table (lib/payssam/auth-mapping.ts): all but the natural
// key (merchants_member_merchant_key) may change, and a result that changes none is a duplicate.
const merchantKey = new Set<string>(["memberId", "merchantId"]);
const merchantColumnNames = sql.raw(authMappingColumns.map((key) => toSnakeCase(key)).join(", "));
const updatedMerchantColumns = authMappingColumns.filter((key) => !merchantKey.has(key)).map((key) => toSnakeCase(key));
const merchantUpdates = sql.raw(updatedMerchantColumns.map((column) => `${column} = excluded.${column}`).join(", "));
const storedMerchant = sql.raw(updatedMerchantColumns.map((column) => `merchants.${column}`).join(", "));
const receivedMerchant = sql.raw(updatedMerchantColumns.map((column) => `excluded.${column}`).join(", "));
const merchantEncoders = authMappingColumns.map((key) => {
  const sqlType = getTableColumns(merchants)[key].getSQLType();
  const [encode, cast] = [encoderOf(sqlType), castOf[sqlType]];
  return (mapping: Record<string, unknown>) =>
    cast ? sql`${encode(mapping[key])}::${sql.raw(cast)}` : sql`${encode(mapping[key])}`;
});

export async function recordAuthMapping(
  db: Database,
  delivery: DeliveryFacts,
  mapping: AuthMappingCallback,
): Promise<RecordedDelivery> {
  // A delivery that changes nothing about the merchant is a retry (or a repeat): it is logged as
  // a duplicate and adds no timeline entry. The payload has no timestamp, so arrival order rules.
  const reviewAlert =
    delivery.alerts && alertingReviewStatuses.has(mapping.reviewStatus) ? jsonb(reviewAlertFacts(mapping)) : null;
  const merchantValues = sql.join(
    merchantEncoders.map((encode) => encode(mapping)),
    sql`, `,
  );
  const reviewUnchanged = sql`(merchants.review_status, merchants.review_message)
    IS NOT DISTINCT FROM (excluded.review_status, excluded.review_message)`;
  const result = await executePrepared(
    db,
    sql`
    WITH merchant AS (
      INSERT INTO merchants (${merchantColumnNames}, first_seen_at, updated_at, status_since)
      VALUES (${merchantValues}, ${arrival(delivery)}, ${arrival(delivery)}, ${arrival(delivery)})
      ON CONFLICT ON CONSTRAINT merchants_member_merchant_key DO UPDATE SET
        ${merchantUpdates}, updated_at = excluded.updated_at,
        status_since = CASE WHEN merchants.review_status = excluded.review_status
                            THEN merchants.status_since ELSE excluded.status_since END,
        -- A new status or message is a new request from PaySsam: an earlier 확인 no longer covers it.
        acknowledged_at = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_at END,
        acknowledged_by_id = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_by_id END,
        acknowledged_by_name = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_by_name END
      WHERE (${storedMerchant}) IS DISTINCT FROM (${receivedMerchant})
      RETURNING id
    ),
    delivery AS (
      INSERT INTO callback_deliveries
        (kind, endpoint, raw_body, body_bytes, outcome, http_status, remote_addr, subject, merchant_id, reprocess_of,
         api_key_verified, received_at)
      SELECT ${delivery.kind}::callback_kind, ${delivery.endpoint}::text, ${delivery.rawBody}::text, ${delivery.bodyBytes}::integer,
        (CASE WHEN EXISTS (SELECT 1 FROM merchant) THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome,
        200, ${delivery.remoteAddr}::text, ${delivery.subject}::text,
        COALESCE((SELECT id FROM merchant),
                 (SELECT id FROM merchants WHERE member_id = ${mapping.memberId} AND merchant_id = ${mapping.merchantId})),
        ${delivery.reprocessOf ?? null}::bigint, ${delivery.apiKeyVerified}::boolean, ${arrival(delivery)}
      RETURNING id, outcome, merchant_id, received_at, subject
    ),
    timeline AS (
      INSERT INTO merchant_status_history
        (merchant_id, delivery_id, review_status, review_message, is_deleted, company_name, branch_name, received_at)
      SELECT merchant.id, delivery.id, ${mapping.reviewStatus}::review_status, ${mapping.reviewMessage}::text,
        ${mapping.isDeleted}::boolean, ${mapping.companyName}::text, ${mapping.branchName}::text, delivery.received_at
      FROM merchant, delivery
    ),
    -- An R or S alert when the merchant enters that status or gets a new message in it (the same
    -- rule that clears 확인). All parts of one statement see the row as it was before it.
    alert AS (
      INSERT INTO alert_outbox (kind, subject, merchant_id, delivery_id, facts)
      SELECT 'review_status', delivery.subject, merchant.id, delivery.id, ${reviewAlert}::jsonb
      FROM merchant, delivery
      WHERE ${reviewAlert}::jsonb IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM merchants AS before
        WHERE before.member_id = ${mapping.memberId} AND before.merchant_id = ${mapping.merchantId}
          AND (before.review_status, before.review_message)
            IS NOT DISTINCT FROM (${mapping.reviewStatus}::review_status, ${mapping.reviewMessage}::text))
    )
    SELECT id, outcome, merchant_id FROM delivery
  `,
  );
  const [row] = rowsOf<{ id: string | number; outcome: DeliveryOutcome; merchant_id: string | number | null }>(result);
  return {
    deliveryId: Number(row.id),
    outcome: row.outcome,
    merchantId: row.merchant_id === null ? null : Number(row.merchant_id),
  };
}

export interface DeliveryRefusal {
  outcome: "rejected" | "unauthorized";
  httpStatus: number;
  errorCode: string;
  errorMessage: string;
  errors: FieldError[];
}

const refusalValue = (name: keyof RefusalStatementValues & string) => sql.placeholder(name);

// Fixed like the approval's: a flood of refused deliveries (a broken sender retrying) costs each
// one prepared statement, not a statement built and parsed anew.
export const recordRefusalStatement = fixedStatement<RefusalStatementValues>(sql`
    WITH delivery AS (
      INSERT INTO callback_deliveries
        (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code, error_message, errors,
         remote_addr, subject, reprocess_of, api_key_verified, received_at)
      VALUES (${refusalValue("kind")}::callback_kind, ${refusalValue("endpoint")}::text, ${refusalValue("rawBody")}::text,
        ${refusalValue("bodyBytes")}::integer, ${refusalValue("outcome")}::delivery_outcome, ${refusalValue("httpStatus")}::smallint,
        ${refusalValue("errorCode")}::varchar, ${refusalValue("errorMessage")}::text, ${refusalValue("errors")}::jsonb,
        ${refusalValue("remoteAddr")}::text, ${refusalValue("subject")}::text, ${refusalValue("reprocessOf")}::bigint,
        ${refusalValue("apiKeyVerified")}::boolean, coalesce(${refusalValue("receivedAt")}::timestamptz, now()))
      RETURNING id, subject
    ),
    -- The refusal's alert candidate stays in this statement because it must be atomic with the
    -- refusal: a logged refusal always has its candidate, and a refusal that was not logged (the
    -- statement failed, PaySsam is answered 503 and retries) has none. Its cheap form: two ids and
    -- the subject, nothing computed in the request. Which retry episode it belongs to, whether the
    -- episode was already alerted and the Korean explanation are the sender's work, after the
    -- answer (lib/alerts/sender.ts, with lib/callbacks/retry-deadlines.ts's one definition).
    alert AS (
      INSERT INTO alert_outbox (kind, subject, delivery_id)
      SELECT 'refusal', delivery.subject, delivery.id FROM delivery
      WHERE ${refusalValue("alert")}::boolean AND delivery.subject IS NOT NULL
    )
    SELECT id FROM delivery
  `);

export interface RefusalStatementValues extends Record<string, unknown> {
  kind: CallbackKind;
  endpoint: string;
  rawBody: string;
  bodyBytes: number;
  outcome: DeliveryRefusal["outcome"];
  httpStatus: number;
  errorCode: string;
  errorMessage: string;
  errors: string | null;
  remoteAddr: string | null;
  subject: string | null;
  reprocessOf: number | null;
  apiKeyVerified: boolean;
  receivedAt: string | null;
  /** Queue an alert candidate: alerts are on and this is a live delivery, not a reprocessing. */
  alert: boolean;
}

export async function recordRefusedDelivery(
  db: Database,
  delivery: DeliveryFacts,
  refusal: DeliveryRefusal,
): Promise<RecordedDelivery> {
  const result = await executeFixed(db, recordRefusalStatement, {
    kind: delivery.kind,
    endpoint: delivery.endpoint,
    rawBody: delivery.rawBody,
    bodyBytes: delivery.bodyBytes,
    outcome: refusal.outcome,
    httpStatus: refusal.httpStatus,
    errorCode: refusal.errorCode,
    errorMessage: refusal.errorMessage,
    errors: jsonb(refusal.errors),
    remoteAddr: delivery.remoteAddr,
    subject: delivery.subject,
    reprocessOf: delivery.reprocessOf ?? null,
    apiKeyVerified: delivery.apiKeyVerified,
    receivedAt: delivery.receivedAt?.toISOString() ?? null,
    alert: Boolean(delivery.alerts) && !delivery.reprocessOf,
  });
  const [row] = rowsOf<{ id: string | number }>(result);
  return { deliveryId: Number(row.id), outcome: refusal.outcome };
}

/**
 * A request refused for its URL token: counted per minute in unauthenticated_requests, and logged
 * as a delivery only while fewer than `logCap` have been logged that minute. The counter stays in
 * the statement because it decides whether this request is logged: counted apart, a flood's
 * concurrent requests would each read "under the cap" and all be logged. One short statement, so
 * a flood costs a counter update each and holds no connection for long.
 */
export async function recordUnauthenticatedRequest(
  db: Database,
  delivery: DeliveryFacts,
  refusal: DeliveryRefusal,
  logCap: number,
): Promise<{ deliveryId: number | null }> {
  const result = await executePrepared(
    db,
    sql`
    WITH counter AS (
      INSERT INTO unauthenticated_requests AS counted (minute, received, logged)
      VALUES (date_trunc('minute', now()), 1, LEAST(1, ${logCap}::integer))
      ON CONFLICT (minute) DO UPDATE
        SET received = counted.received + 1, logged = LEAST(counted.received + 1, ${logCap}::integer)
      RETURNING received
    ),
    delivery AS (
      INSERT INTO callback_deliveries
        (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code, error_message, errors,
         remote_addr, subject, api_key_verified)
      SELECT ${delivery.kind}::callback_kind, ${delivery.endpoint}::text, ${delivery.rawBody}::text,
        ${delivery.bodyBytes}::integer, ${refusal.outcome}::delivery_outcome, ${refusal.httpStatus}::smallint,
        ${refusal.errorCode}::varchar, ${refusal.errorMessage}::text, ${jsonb(refusal.errors)}::jsonb,
        ${delivery.remoteAddr}::text, ${delivery.subject}::text, false
      FROM counter WHERE counter.received <= ${logCap}::integer
      RETURNING id
    )
    SELECT (SELECT id FROM delivery) AS id
  `,
  );
  const [row] = rowsOf<{ id: string | number | null }>(result);
  return { deliveryId: row.id === null ? null : Number(row.id) };
}

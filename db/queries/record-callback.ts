import { sql } from "drizzle-orm";
import { type Database, executeFixed, executePrepared, fixedStatement, rowsOf } from "@/db";
import { type CallbackKind, type DeliveryOutcome, dailyTotalSlots } from "@/db/schema";
import type { FieldError } from "@/lib/payssam/answers";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import type { AuthMappingCallback } from "@/lib/payssam/auth-mapping";
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

// The statement's text is fixed (fixedStatement): each value is a named placeholder, filled from
// approvalStatementValues on every callback.
const value = (name: keyof ApprovalStatementValues) => sql.placeholder(name);
const arrivalValue = sql`coalesce(${value("receivedAt")}::timestamptz, now())`;

export const recordApprovalStatement = fixedStatement<ApprovalStatementValues>(sql`
    WITH approval AS (
      INSERT INTO approvals (
        bill_id, appr_state, appr_num, appr_origin_num, appr_pay_type, appr_card_type, appr_dt,
        appr_origin_dt, appr_price, appr_issuer, appr_issuer_cd, appr_issuer_num, appr_acquirer_cd,
        appr_acquirer_nm, appr_res_cd, appr_monthly, appr_cash_num, appr_cash_trader,
        appr_cash_issuance_number, appr_card_merchant_num, cat_id, ud_item, dsc_tx_num, card_type,
        appr_sign, api_key_masked, payload_version, extra, first_received_at, last_received_at
      ) VALUES (
        ${value("billId")}, ${value("apprState")}, ${value("apprNum")}, ${value("apprOriginNum")},
        ${value("apprPayType")}, ${value("apprCardType")}, ${value("apprDt")}::timestamptz,
        ${value("apprOriginDt")}::timestamptz, ${value("apprPrice")}::bigint,
        ${value("apprIssuer")}, ${value("apprIssuerCd")}, ${value("apprIssuerNum")}, ${value("apprAcquirerCd")},
        ${value("apprAcquirerNm")}, ${value("apprResCd")}, ${value("apprMonthly")}::smallint, ${value("apprCashNum")},
        ${value("apprCashTrader")}, ${value("apprCashIssuanceNumber")}, ${value("apprCardMerchantNum")},
        ${value("catId")}, ${value("udItem")}::jsonb, ${value("dscTxNum")}, ${value("cardType")},
        ${value("apprSign")}, ${value("apiKeyMasked")}, ${value("payloadVersion")}, ${value("extra")}::jsonb,
        ${arrivalValue}, ${arrivalValue}
      )
      ON CONFLICT ON CONSTRAINT approvals_bill_state_num_key DO UPDATE
        SET delivery_count = approvals.delivery_count + 1, last_received_at = excluded.last_received_at
      RETURNING id, (xmax = 0) AS inserted, appr_dt, appr_state, appr_pay_type, appr_price
    ),
    -- approval_daily_totals, exact because it is this statement: a new approval adds itself to its
    -- KST day, a retry (the ON CONFLICT path) adds nothing, and a failed statement adds nothing.
    -- The id picks one of the key's slots, so concurrent callbacks rarely wait on one row's lock.
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
    SELECT ${value("kind")}::callback_kind, ${value("endpoint")}::text, ${value("rawBody")}::text, ${value("bodyBytes")}::integer,
      (CASE WHEN approval.inserted THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome,
      200, ${value("remoteAddr")}::text, ${value("subject")}::text, approval.id, ${value("reprocessOf")}::bigint,
      ${value("apiKeyVerified")}::boolean, ${arrivalValue}
    FROM approval
    RETURNING id, outcome, approval_id
  `);

export type ApprovalStatementValues = ReturnType<typeof approvalStatementValues>;

export function approvalStatementValues(
  delivery: DeliveryFacts,
  approval: ApprovalCallback,
  details: { apiKeyMasked: string | null; payloadVersion: "v1" | "v2" },
) {
  return {
    billId: approval.billId,
    apprState: approval.apprState,
    apprNum: approval.apprNum,
    apprOriginNum: approval.apprOriginNum,
    apprPayType: approval.apprPayType,
    apprCardType: approval.apprCardType,
    apprDt: approval.apprDt.toISOString(),
    apprOriginDt: approval.apprOriginDt?.toISOString() ?? null,
    apprPrice: approval.apprPrice,
    apprIssuer: approval.apprIssuer,
    apprIssuerCd: approval.apprIssuerCd,
    apprIssuerNum: approval.apprIssuerNum,
    apprAcquirerCd: approval.apprAcquirerCd,
    apprAcquirerNm: approval.apprAcquirerNm,
    apprResCd: approval.apprResCd,
    apprMonthly: approval.apprMonthly,
    apprCashNum: approval.apprCashNum,
    apprCashTrader: approval.apprCashTrader,
    apprCashIssuanceNumber: approval.apprCashIssuanceNumber,
    apprCardMerchantNum: approval.apprCardMerchantNum,
    catId: approval.catId,
    udItem: jsonb(approval.udItem),
    dscTxNum: approval.dscTxNum,
    cardType: approval.cardType,
    apprSign: approval.apprSign,
    apiKeyMasked: details.apiKeyMasked,
    payloadVersion: details.payloadVersion,
    extra: jsonb(approval.extra),
    receivedAt: delivery.receivedAt?.toISOString() ?? null,
    kind: delivery.kind,
    endpoint: delivery.endpoint,
    rawBody: delivery.rawBody,
    bodyBytes: delivery.bodyBytes,
    remoteAddr: delivery.remoteAddr,
    subject: delivery.subject,
    reprocessOf: delivery.reprocessOf ?? null,
    apiKeyVerified: delivery.apiKeyVerified,
  };
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

export async function recordAuthMapping(
  db: Database,
  delivery: DeliveryFacts,
  mapping: AuthMappingCallback,
): Promise<RecordedDelivery> {
  // A delivery that changes nothing about the merchant is a retry (or a repeat): it is logged as
  // a duplicate and adds no timeline entry. The payload has no timestamp, so arrival order rules.
  const reviewAlert =
    delivery.alerts && alertingReviewStatuses.has(mapping.reviewStatus) ? jsonb(reviewAlertFacts(mapping)) : null;
  const reviewUnchanged = sql`(merchants.review_status, merchants.review_message)
    IS NOT DISTINCT FROM (excluded.review_status, excluded.review_message)`;
  const result = await executePrepared(
    db,
    sql`
    WITH merchant AS (
      INSERT INTO merchants (
        member_id, merchant_id, payssam_member_id, company_name, branch_name, business_number,
        review_status, review_message, is_deleted, extra, first_seen_at, updated_at, status_since
      ) VALUES (
        ${mapping.memberId}, ${mapping.merchantId}, ${mapping.payssamMemberId}, ${mapping.companyName},
        ${mapping.branchName}, ${mapping.businessNumber}, ${mapping.reviewStatus}::review_status,
        ${mapping.reviewMessage}, ${mapping.isDeleted}, ${jsonb(mapping.extra)}::jsonb,
        ${arrival(delivery)}, ${arrival(delivery)}, ${arrival(delivery)}
      )
      ON CONFLICT ON CONSTRAINT merchants_member_merchant_key DO UPDATE SET
        payssam_member_id = excluded.payssam_member_id, company_name = excluded.company_name,
        branch_name = excluded.branch_name, business_number = excluded.business_number,
        review_status = excluded.review_status, review_message = excluded.review_message,
        is_deleted = excluded.is_deleted, extra = excluded.extra, updated_at = excluded.updated_at,
        status_since = CASE WHEN merchants.review_status = excluded.review_status
                            THEN merchants.status_since ELSE excluded.status_since END,
        -- A new status or message is a new request from PaySsam: an earlier 확인 no longer covers it.
        acknowledged_at = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_at END,
        acknowledged_by_id = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_by_id END,
        acknowledged_by_name = CASE WHEN ${reviewUnchanged} THEN merchants.acknowledged_by_name END
      WHERE (merchants.payssam_member_id, merchants.company_name, merchants.branch_name,
             merchants.business_number, merchants.review_status, merchants.review_message,
             merchants.is_deleted, merchants.extra)
        IS DISTINCT FROM
            (excluded.payssam_member_id, excluded.company_name, excluded.branch_name,
             excluded.business_number, excluded.review_status, excluded.review_message,
             excluded.is_deleted, excluded.extra)
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

export async function recordRefusedDelivery(
  db: Database,
  delivery: DeliveryFacts,
  refusal: DeliveryRefusal,
): Promise<RecordedDelivery> {
  const refusalAlert = Boolean(delivery.alerts) && !delivery.reprocessOf;
  const result = await executePrepared(
    db,
    sql`
    WITH delivery AS (
      INSERT INTO callback_deliveries
        (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code, error_message, errors,
         remote_addr, subject, reprocess_of, api_key_verified, received_at)
      VALUES (${delivery.kind}::callback_kind, ${delivery.endpoint}::text, ${delivery.rawBody}::text, ${delivery.bodyBytes}::integer,
        ${refusal.outcome}::delivery_outcome, ${refusal.httpStatus}::smallint, ${refusal.errorCode}::varchar, ${refusal.errorMessage}::text,
        ${jsonb(refusal.errors)}::jsonb, ${delivery.remoteAddr}::text, ${delivery.subject}::text, ${delivery.reprocessOf ?? null}::bigint,
        ${delivery.apiKeyVerified}::boolean, ${arrival(delivery)})
      RETURNING id, subject
    ),
    -- Every live refusal naming a subject is a candidate: the sender places it in its retry episode
    -- (lib/callbacks/retry-deadlines.ts, the one definition) and keeps one alert per episode.
    alert AS (
      INSERT INTO alert_outbox (kind, subject, delivery_id)
      SELECT 'refusal', delivery.subject, delivery.id FROM delivery
      WHERE ${refusalAlert}::boolean AND delivery.subject IS NOT NULL
    )
    SELECT id FROM delivery
  `,
  );
  const [row] = rowsOf<{ id: string | number }>(result);
  return { deliveryId: Number(row.id), outcome: refusal.outcome };
}

/**
 * A request refused for its URL token: counted per minute in unauthenticated_requests, and logged
 * as a delivery only while fewer than `logCap` have been logged that minute. One short statement,
 * so a flood of them costs a counter update each and holds no connection for long.
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

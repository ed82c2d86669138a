import { getTableColumns, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { type Database, executePrepared, rowsOf } from "@/db";
import { type DeliveryOutcome, merchants } from "@/db/schema";
import { type AuthMappingCallback, authMappingColumns } from "@/lib/payssam/auth-mapping";
import { arrival, columnValue, type DeliveryFacts, jsonb, type RecordedDelivery } from "./delivery-facts";

// R (반려) and S (서류보완) ask the partner to act: they are alerted.
const alertingReviewStatuses = new Set(["R", "S"]);

const reviewAlertFacts = (mapping: AuthMappingCallback) => ({
  companyName: mapping.companyName,
  branchName: mapping.branchName,
  reviewStatus: mapping.reviewStatus,
  reviewMessage: mapping.reviewMessage,
});

// The columns of the link result's field table (lib/payssam/auth-mapping.ts): all but the natural
// key (merchants_member_merchant_key) may change, and a result that changes none is a duplicate.
const merchantKey = new Set<string>(["memberId", "merchantId"]);
const merchantColumnNames = sql.raw(authMappingColumns.map((key) => toSnakeCase(key)).join(", "));
const updatedMerchantColumns = authMappingColumns.filter((key) => !merchantKey.has(key)).map((key) => toSnakeCase(key));
const merchantUpdates = sql.raw(updatedMerchantColumns.map((column) => `${column} = excluded.${column}`).join(", "));
const storedMerchant = sql.raw(updatedMerchantColumns.map((column) => `merchants.${column}`).join(", "));
const receivedMerchant = sql.raw(updatedMerchantColumns.map((column) => `excluded.${column}`).join(", "));
const merchantEncoders = authMappingColumns.map((key) => {
  const toValue = columnValue(getTableColumns(merchants)[key].getSQLType());
  return (mapping: Record<string, unknown>) => toValue(mapping[key]);
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

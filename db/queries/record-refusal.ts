import { sql } from "drizzle-orm";
import { type Database, executeFixed, executePrepared, fixedStatement, rowsOf } from "@/db";
import type { CallbackKind } from "@/db/schema";
import type { FieldError } from "@/lib/payssam/answers";
import { type DeliveryFacts, jsonb, type RecordedDelivery } from "./delivery-facts";

// The writes of a refused callback: a delivery logged with why (and its alert candidate), and a
// request refused for its token, counted and logged up to a cap.

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

import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { type Database, executeFixed, fixedStatement, rowsOf } from "@/db";
import { approvals, type DeliveryOutcome, dailyTotalSlots } from "@/db/schema";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import { columnValue, type DeliveryFacts, encoderOf, type RecordedDelivery, typedAs } from "./delivery-facts";
import { kstDayOf } from "./kst-day";

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

const approvalEncoders = approvalColumns.map(
  ([key, column]) => [key as ApprovalColumn, encoderOf(column.getSQLType())] as const,
);

// The statement's text is fixed (fixedStatement): each value is a named placeholder, filled from
// approvalStatementValues on every callback.
const value = (name: keyof ApprovalStatementValues) => sql.placeholder(name);
const arrivalValue = sql`coalesce(${value("receivedAt")}::timestamptz, now())`;
const approvalValues = sql.join(
  approvalColumns.map(([key, column]) => typedAs(column.getSQLType(), value(key as ApprovalColumn))),
  sql`, `,
);
const approvalRowValues = approvalColumns.map(([key, column]) => [key, columnValue(column.getSQLType())] as const);
const approvalColumnNames = sql.raw(approvalColumns.map(([key]) => toSnakeCase(key)).join(", "));

/**
 * The INSERT that adds the approvals a CTE `source` returns (id, appr_dt, appr_state,
 * appr_pay_type, appr_price) to approval_daily_totals: the callback's statement and a recovery's.
 */
export function addedToDailyTotals(source: SQL, condition: SQL = sql`true`): SQL {
  return sql`
      INSERT INTO approval_daily_totals AS totals (appr_state, day, appr_pay_type, slot, approvals, amount)
      SELECT ${source}.appr_state, ${kstDayOf(sql`${source}.appr_dt`)}, coalesce(${source}.appr_pay_type, ''),
        ${source}.id % ${sql.raw(String(dailyTotalSlots))}, 1, ${source}.appr_price
      FROM ${source} WHERE ${condition}
      ON CONFLICT (appr_state, day, appr_pay_type, slot) DO UPDATE
        SET approvals = totals.approvals + 1, amount = totals.amount + excluded.amount`;
}

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
    daily_totals AS (${addedToDailyTotals(sql.raw("approval"), sql`approval.inserted`)})
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
  details: ApprovalRowDetails,
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

export interface ApprovalRowDetails {
  apiKeyMasked: string | null;
  payloadVersion: "v1" | "v2";
  /** Set for an approval reconciliation stored from PaySsam's read (콜백 누락). */
  recoveredAt?: Date;
}

/**
 * The approval's columns and their values as one INSERT's, for a row stored outside the callback's
 * statement (a recovery from PaySsam's read): the same columns, encoded the same way.
 */
export function approvalRow(approval: ApprovalCallback, details: ApprovalRowDetails): { columns: SQL; values: SQL } {
  const row: Record<string, unknown> = { ...approval, ...details };
  const values = approvalRowValues.map(([key, toValue]) => toValue(row[key]));
  return { columns: approvalColumnNames, values: sql.join(values, sql`, `) };
}

export async function recordApproval(
  db: Database,
  delivery: DeliveryFacts,
  approval: ApprovalCallback,
  details: ApprovalRowDetails,
): Promise<RecordedDelivery> {
  const result = await executeFixed(db, recordApprovalStatement, approvalStatementValues(delivery, approval, details));
  const [row] = rowsOf<{ id: string | number; outcome: DeliveryOutcome; approval_id: string | number }>(result);
  return { deliveryId: Number(row.id), outcome: row.outcome, approvalId: Number(row.approval_id) };
}

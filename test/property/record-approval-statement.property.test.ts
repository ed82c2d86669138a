import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { statementParams } from "@/db";
import { kstDayOf } from "@/db/queries/kst-day";
import { approvalStatementValues, type DeliveryFacts, recordApprovalStatement } from "@/db/queries/record-callback";
import { dailyTotalSlots } from "@/db/schema";
import type { ApprovalCallback } from "@/lib/payssam/approval";

// recordApproval's text is built once with placeholders (fixedStatement) instead of by drizzle from
// its template on every callback. For any approval and delivery, the text and the parameters sent
// must be exactly what the per-callback template built. The reference below is that template, as
// it was before the change (commit e1afc90, db/queries/record-callback.ts).

const dialect = new PgDialect();
const jsonb = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const arrival = (delivery: DeliveryFacts) =>
  sql`coalesce(${delivery.receivedAt?.toISOString() ?? null}::timestamptz, now())`;

function templateBuilt(
  delivery: DeliveryFacts,
  approval: ApprovalCallback,
  details: { apiKeyMasked: string | null; payloadVersion: "v1" | "v2" },
) {
  return dialect.sqlToQuery(sql`
    WITH approval AS (
      INSERT INTO approvals (
        bill_id, appr_state, appr_num, appr_origin_num, appr_pay_type, appr_card_type, appr_dt,
        appr_origin_dt, appr_price, appr_issuer, appr_issuer_cd, appr_issuer_num, appr_acquirer_cd,
        appr_acquirer_nm, appr_res_cd, appr_monthly, appr_cash_num, appr_cash_trader,
        appr_cash_issuance_number, appr_card_merchant_num, cat_id, ud_item, dsc_tx_num, card_type,
        appr_sign, api_key_masked, payload_version, extra, first_received_at, last_received_at
      ) VALUES (
        ${approval.billId}, ${approval.apprState}, ${approval.apprNum}, ${approval.apprOriginNum},
        ${approval.apprPayType}, ${approval.apprCardType}, ${approval.apprDt.toISOString()}::timestamptz,
        ${approval.apprOriginDt?.toISOString() ?? null}::timestamptz, ${approval.apprPrice}::bigint,
        ${approval.apprIssuer}, ${approval.apprIssuerCd}, ${approval.apprIssuerNum}, ${approval.apprAcquirerCd},
        ${approval.apprAcquirerNm}, ${approval.apprResCd}, ${approval.apprMonthly}::smallint, ${approval.apprCashNum},
        ${approval.apprCashTrader}, ${approval.apprCashIssuanceNumber}, ${approval.apprCardMerchantNum},
        ${approval.catId}, ${jsonb(approval.udItem)}::jsonb, ${approval.dscTxNum}, ${approval.cardType},
        ${approval.apprSign}, ${details.apiKeyMasked}, ${details.payloadVersion}, ${jsonb(approval.extra)}::jsonb,
        ${arrival(delivery)}, ${arrival(delivery)}
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
    SELECT ${delivery.kind}::callback_kind, ${delivery.endpoint}::text, ${delivery.rawBody}::text, ${delivery.bodyBytes}::integer,
      (CASE WHEN approval.inserted THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome,
      200, ${delivery.remoteAddr}::text, ${delivery.subject}::text, approval.id, ${delivery.reprocessOf ?? null}::bigint,
      ${delivery.apiKeyVerified}::boolean, ${arrival(delivery)}
    FROM approval
    RETURNING id, outcome, approval_id
  `);
}

const text = fc.option(fc.string({ unit: "binary", maxLength: 30 }), { nil: null });
const instant = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2099-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const json = fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: null });

const approvalArbitrary: fc.Arbitrary<ApprovalCallback> = fc.record({
  apiKey: text,
  billId: fc.string({ minLength: 1, maxLength: 20 }),
  apprPayType: text,
  apprCardType: text,
  apprDt: instant,
  apprOriginDt: fc.option(instant, { nil: null }),
  apprPrice: fc.integer({ min: 0, max: 999_999_999_999 }),
  apprIssuer: text,
  apprIssuerCd: text,
  apprIssuerNum: text,
  apprAcquirerCd: text,
  apprAcquirerNm: text,
  apprNum: text,
  apprOriginNum: text,
  apprResCd: text,
  apprMonthly: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
  apprState: fc.constantFrom("F", "W", "C", "D"),
  apprCashNum: text,
  apprCashTrader: text,
  apprCashIssuanceNumber: text,
  apprCardMerchantNum: text,
  catId: text,
  udItem: json,
  dscTxNum: text,
  cardType: text,
  apprSign: text,
  extra: fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
});

const deliveryArbitrary: fc.Arbitrary<DeliveryFacts> = fc.record(
  {
    kind: fc.constantFrom("approval", "auth_mapping", "unknown"),
    endpoint: fc.string(),
    rawBody: fc.string({ unit: "binary", maxLength: 200 }),
    bodyBytes: fc.nat(),
    remoteAddr: text,
    subject: text,
    apiKeyVerified: fc.boolean(),
    reprocessOf: fc.option(fc.nat(), { nil: null }),
    receivedAt: fc.option(instant, { nil: null }),
  },
  { requiredKeys: ["kind", "endpoint", "rawBody", "bodyBytes", "remoteAddr", "subject", "apiKeyVerified"] },
);

const detailsArbitrary = fc.record({
  apiKeyMasked: text,
  payloadVersion: fc.constantFrom("v1" as const, "v2" as const),
});

describe("recordApproval's fixed statement", () => {
  it("sends the same text and parameters as the template built per callback", () => {
    fc.assert(
      fc.property(deliveryArbitrary, approvalArbitrary, detailsArbitrary, (delivery, approval, details) => {
        const expected = templateBuilt(delivery, approval, details);
        expect(recordApprovalStatement.text).toBe(expected.sql);
        expect(statementParams(recordApprovalStatement, approvalStatementValues(delivery, approval, details))).toEqual(
          expected.params,
        );
      }),
      { numRuns: 2000 },
    );
  });
});

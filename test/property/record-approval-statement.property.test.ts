import { eq, getTableColumns, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeliveryFacts } from "@/db/queries/delivery-facts";
import { recordApproval } from "@/db/queries/record-approval";
import { approvals, callbackDeliveries } from "@/db/schema";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import { setUpTestDatabase } from "../support/database";

// recordApproval's statement takes its columns from the schema (getTableColumns(approvals)) and is
// built once. For any approval, the row it stores reads back as the callback said, the delivery's
// log row names the approval by its billId, and the same approval again is a delivery of that row
// (the natural key and its ON CONFLICT), whatever the values.

const database = setUpTestDatabase();

const text = fc.option(fc.string({ maxLength: 30 }), { nil: null });
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

const deliveryArbitrary = fc.record({
  endpoint: fc.string({ maxLength: 40 }),
  rawBody: fc.string({ maxLength: 200 }),
  bodyBytes: fc.nat(),
  remoteAddr: text,
  apiKeyVerified: fc.boolean(),
  receivedAt: fc.option(instant, { nil: null }),
});

const detailsArbitrary = fc.record({
  apiKeyMasked: text,
  payloadVersion: fc.constantFrom("v1" as const, "v2" as const),
});

// jsonb keeps JSON's meaning, not JavaScript's (-0 is 0, key order is its own).
const asJson = (value: unknown) => (value === null ? null : JSON.parse(JSON.stringify(value)));

describe("recordApproval's statement", () => {
  it("stores every schema column as the callback said, and the same approval again as its duplicate", async () => {
    await fc.assert(
      fc.asyncProperty(approvalArbitrary, deliveryArbitrary, detailsArbitrary, async (approval, sent, details) => {
        await database.handle.db.execute(sql`TRUNCATE callback_deliveries, approvals, approval_daily_totals CASCADE`);
        const delivery: DeliveryFacts = { kind: "approval", subject: approval.billId, ...sent };
        const first = await recordApproval(database.handle.db, delivery, approval, details);
        const again = await recordApproval(database.handle.db, delivery, approval, details);
        expect([first.outcome, again.outcome]).toEqual(["accepted", "duplicate"]);
        expect(again.approvalId).toBe(first.approvalId);

        const [stored] = await database.handle.db
          .select()
          .from(approvals)
          .where(eq(approvals.id, first.approvalId ?? 0));
        const { apiKey: _notStored, udItem, extra, ...plain } = approval;
        expect(stored).toMatchObject({ ...plain, ...details, deliveryCount: 2 });
        expect(stored.udItem).toEqual(asJson(udItem));
        expect(stored.extra).toEqual(asJson(extra));
        if (sent.receivedAt) expect(stored.firstReceivedAt).toEqual(sent.receivedAt);
        // Every column of the schema was written or is one the statement fills itself.
        expect(Object.keys(stored).sort()).toEqual(Object.keys(getTableColumns(approvals)).sort());

        const logged = await database.handle.db
          .select()
          .from(callbackDeliveries)
          .where(eq(callbackDeliveries.approvalId, first.approvalId ?? 0));
        expect(logged).toHaveLength(2);
        for (const row of logged) {
          expect(row).toMatchObject({
            kind: "approval",
            subject: approval.billId,
            endpoint: sent.endpoint,
            rawBody: sent.rawBody,
            bodyBytes: sent.bodyBytes,
            remoteAddr: sent.remoteAddr,
            apiKeyVerified: sent.apiKeyVerified,
            httpStatus: 200,
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});

CREATE TABLE "approval_daily_totals" (
	"appr_state" "approval_state" NOT NULL,
	"day" date NOT NULL,
	"appr_pay_type" text NOT NULL,
	"slot" smallint NOT NULL,
	"approvals" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "approval_daily_totals_pkey" PRIMARY KEY("appr_state","day","appr_pay_type","slot")
);
--> statement-breakpoint
DROP INDEX "callback_deliveries_merchant_idx";--> statement-breakpoint
DROP INDEX "callback_deliveries_reprocess_of_idx";--> statement-breakpoint
CREATE INDEX "callback_deliveries_merchant_idx" ON "callback_deliveries" USING btree ("merchant_id") WHERE "callback_deliveries"."merchant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "callback_deliveries_reprocess_of_idx" ON "callback_deliveries" USING btree ("reprocess_of") WHERE "callback_deliveries"."reprocess_of" IS NOT NULL;--> statement-breakpoint
-- Backfill from every approval already stored, into slot 0. SHARE mode blocks inserts (not reads)
-- until the migration commits, so no approval can be stored between the backfill and the
-- receiver's statement taking over: the totals start exact. The day expression is
-- db/queries/kst-day.ts's.
LOCK TABLE "approvals" IN SHARE MODE;--> statement-breakpoint
INSERT INTO "approval_daily_totals" ("appr_state", "day", "appr_pay_type", "slot", "approvals", "amount")
SELECT "appr_state", (("appr_dt" at time zone 'UTC') + interval '9 hours')::date, coalesce("appr_pay_type", ''), 0, count(*), sum("appr_price")
FROM "approvals"
GROUP BY 1, 2, 3;

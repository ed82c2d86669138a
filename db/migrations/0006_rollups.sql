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
CREATE TABLE "merchant_status_counts" (
	"is_deleted" boolean NOT NULL,
	"review_status" "review_status" NOT NULL,
	"slot" smallint NOT NULL,
	"merchants" bigint NOT NULL,
	CONSTRAINT "merchant_status_counts_pkey" PRIMARY KEY("is_deleted","review_status","slot")
);
--> statement-breakpoint
DROP INDEX "callback_deliveries_merchant_idx";--> statement-breakpoint
DROP INDEX "callback_deliveries_reprocess_of_idx";--> statement-breakpoint
CREATE INDEX "callback_deliveries_merchant_idx" ON "callback_deliveries" USING btree ("merchant_id") WHERE "callback_deliveries"."merchant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "callback_deliveries_reprocess_of_idx" ON "callback_deliveries" USING btree ("reprocess_of") WHERE "callback_deliveries"."reprocess_of" IS NOT NULL;--> statement-breakpoint
-- approval_daily_totals: backfilled from every approval already stored, into slot 0. SHARE mode
-- blocks inserts (not reads) until the migration commits, so no approval can be stored between
-- the backfill and the receiver's statement taking over: the totals start exact. The day
-- expression is db/queries/kst-day.ts's.
LOCK TABLE "approvals" IN SHARE MODE;--> statement-breakpoint
INSERT INTO "approval_daily_totals" ("appr_state", "day", "appr_pay_type", "slot", "approvals", "amount")
SELECT "appr_state", (("appr_dt" at time zone 'UTC') + interval '9 hours')::date, coalesce("appr_pay_type", ''), 0, count(*), sum("appr_price")
FROM "approvals"
GROUP BY 1, 2, 3;--> statement-breakpoint
-- merchant_status_counts: kept by a trigger on merchants, so every writer (the receiver,
-- reprocessing, scripts) keeps it exact. A changed status or deletion moves the merchant from
-- OLD's key to NEW's; the merchant's id modulo 16 picks the key's row, spreading concurrent changes.
CREATE FUNCTION "merchant_status_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.is_deleted, OLD.review_status) IS DISTINCT FROM (NEW.is_deleted, NEW.review_status)) THEN
    INSERT INTO merchant_status_counts AS counts (is_deleted, review_status, slot, merchants)
    VALUES (OLD.is_deleted, OLD.review_status, OLD.id % 16, -1)
    ON CONFLICT (is_deleted, review_status, slot) DO UPDATE SET merchants = counts.merchants - 1;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.is_deleted, OLD.review_status) IS DISTINCT FROM (NEW.is_deleted, NEW.review_status)) THEN
    INSERT INTO merchant_status_counts AS counts (is_deleted, review_status, slot, merchants)
    VALUES (NEW.is_deleted, NEW.review_status, NEW.id % 16, 1)
    ON CONFLICT (is_deleted, review_status, slot) DO UPDATE SET merchants = counts.merchants + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
LOCK TABLE "merchants" IN SHARE MODE;--> statement-breakpoint
CREATE TRIGGER "merchant_status_counts_trigger" AFTER INSERT OR DELETE OR UPDATE OF "is_deleted", "review_status" ON "merchants"
FOR EACH ROW EXECUTE FUNCTION "merchant_status_counts_apply"();--> statement-breakpoint
INSERT INTO "merchant_status_counts" ("is_deleted", "review_status", "slot", "merchants")
SELECT "is_deleted", "review_status", "id" % 16, count(*)
FROM "merchants"
GROUP BY 1, 2, 3;

CREATE TABLE "merchant_memos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant_id" bigint NOT NULL,
	"body" text NOT NULL,
	"author_id" text,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "status_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "acknowledged_by_id" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "acknowledged_by_name" text;--> statement-breakpoint
ALTER TABLE "merchant_memos" ADD CONSTRAINT "merchant_memos_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merchant_memos_merchant_idx" ON "merchant_memos" USING btree ("merchant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "callback_deliveries_refused_idx" ON "callback_deliveries" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE ("callback_deliveries"."outcome" = 'rejected' or "callback_deliveries"."error_code" = '1102');--> statement-breakpoint
CREATE INDEX "merchants_needs_action_idx" ON "merchants" USING btree ("status_since" DESC NULLS LAST,"id" DESC NULLS LAST,"review_status","acknowledged_at") WHERE "merchants"."is_deleted" = false and "merchants"."review_status" in ('R', 'S');--> statement-breakpoint
-- Backfill: a merchant entered its current review status with the first entry of the latest run
-- of that status in its timeline; without a timeline, its last change is the best known time.
UPDATE "merchants" AS m SET "status_since" = coalesce(
  (SELECT min(h."received_at") FROM "merchant_status_history" AS h
    WHERE h."merchant_id" = m."id" AND h."review_status" = m."review_status"
      AND h."received_at" > coalesce(
        (SELECT max(o."received_at") FROM "merchant_status_history" AS o
          WHERE o."merchant_id" = m."id" AND o."review_status" <> m."review_status"),
        '-infinity')),
  m."updated_at");

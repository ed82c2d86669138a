ALTER TABLE "callback_deliveries" ALTER COLUMN "raw_body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "callback_deliveries" ADD COLUMN "body_pruned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "callback_deliveries_body_retention_idx" ON "callback_deliveries" USING btree ("received_at","id") WHERE raw_body IS NOT NULL AND outcome IN ('accepted', 'duplicate');--> statement-breakpoint
CREATE INDEX "merchant_status_history_delivery_idx" ON "merchant_status_history" USING btree ("delivery_id");
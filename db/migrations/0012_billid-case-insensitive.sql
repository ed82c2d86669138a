DROP INDEX "approvals_bill_id_prefix_idx";--> statement-breakpoint
CREATE INDEX "approvals_bill_id_lower_idx" ON "approvals" USING btree (lower("bill_id") text_pattern_ops);
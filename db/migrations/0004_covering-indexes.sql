DROP INDEX "approvals_state_appr_dt_idx";--> statement-breakpoint
DROP INDEX "approvals_price_idx";--> statement-breakpoint
CREATE INDEX "merchants_deleted_status_idx" ON "merchants" USING btree ("is_deleted","review_status");--> statement-breakpoint
CREATE INDEX "approvals_state_appr_dt_idx" ON "approvals" USING btree ("appr_state","appr_dt" DESC NULLS LAST,"id" DESC NULLS LAST,"appr_price");--> statement-breakpoint
CREATE INDEX "approvals_price_idx" ON "approvals" USING btree ("appr_price" DESC NULLS LAST,"id" DESC NULLS LAST,"appr_issuer");
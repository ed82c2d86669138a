CREATE TYPE "public"."approval_state" AS ENUM('F', 'W', 'C', 'D');--> statement-breakpoint
CREATE TYPE "public"."callback_kind" AS ENUM('auth_mapping', 'approval', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."delivery_outcome" AS ENUM('accepted', 'duplicate', 'rejected', 'unauthorized');--> statement-breakpoint
CREATE TYPE "public"."payload_version" AS ENUM('v1', 'v2');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('N', 'W', 'P', 'R', 'S', 'O');--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_id" varchar(20) NOT NULL,
	"appr_state" "approval_state" NOT NULL,
	"appr_num" text,
	"appr_origin_num" text,
	"appr_pay_type" text,
	"appr_card_type" text,
	"appr_dt" timestamp with time zone NOT NULL,
	"appr_origin_dt" timestamp with time zone,
	"appr_price" bigint NOT NULL,
	"appr_issuer" text,
	"appr_issuer_cd" text,
	"appr_issuer_num" text,
	"appr_acquirer_cd" text,
	"appr_acquirer_nm" text,
	"appr_res_cd" text,
	"appr_monthly" smallint,
	"appr_cash_num" text,
	"appr_cash_trader" text,
	"appr_cash_issuance_number" text,
	"appr_card_merchant_num" text,
	"cat_id" text,
	"ud_item" jsonb,
	"dsc_tx_num" text,
	"card_type" text,
	"appr_sign" text,
	"api_key_masked" text,
	"payload_version" "payload_version" NOT NULL,
	"extra" jsonb,
	"delivery_count" integer DEFAULT 1 NOT NULL,
	"first_received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approvals_bill_state_num_key" UNIQUE NULLS NOT DISTINCT("bill_id","appr_state","appr_num")
);
--> statement-breakpoint
CREATE TABLE "callback_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" "callback_kind" NOT NULL,
	"endpoint" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"raw_body" text NOT NULL,
	"body_bytes" integer NOT NULL,
	"outcome" "delivery_outcome" NOT NULL,
	"http_status" smallint NOT NULL,
	"error_code" varchar(4),
	"error_message" text,
	"errors" jsonb,
	"remote_addr" text,
	"subject" text,
	"approval_id" bigint,
	"merchant_id" bigint,
	"reprocess_of" bigint
);
--> statement-breakpoint
CREATE TABLE "merchant_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant_id" bigint NOT NULL,
	"delivery_id" bigint NOT NULL,
	"review_status" "review_status" NOT NULL,
	"review_message" text,
	"is_deleted" boolean NOT NULL,
	"company_name" text,
	"branch_name" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" varchar(60) NOT NULL,
	"merchant_id" varchar(60) NOT NULL,
	"payssam_member_id" text,
	"company_name" text,
	"branch_name" text,
	"business_number" text,
	"review_status" "review_status" NOT NULL,
	"review_message" text,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"extra" jsonb,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchants_member_merchant_key" UNIQUE("member_id","merchant_id")
);
--> statement-breakpoint
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_reprocess_of_callback_deliveries_id_fk" FOREIGN KEY ("reprocess_of") REFERENCES "public"."callback_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_status_history" ADD CONSTRAINT "merchant_status_history_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_status_history" ADD CONSTRAINT "merchant_status_history_delivery_id_callback_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."callback_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approvals_bill_id_prefix_idx" ON "approvals" USING btree ("bill_id" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "approvals_appr_dt_idx" ON "approvals" USING btree ("appr_dt" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "approvals_state_appr_dt_idx" ON "approvals" USING btree ("appr_state","appr_dt" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "callback_deliveries_received_idx" ON "callback_deliveries" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "callback_deliveries_outcome_received_idx" ON "callback_deliveries" USING btree ("outcome","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "callback_deliveries_approval_idx" ON "callback_deliveries" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "callback_deliveries_merchant_idx" ON "callback_deliveries" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "callback_deliveries_subject_idx" ON "callback_deliveries" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "callback_deliveries_reprocess_of_idx" ON "callback_deliveries" USING btree ("reprocess_of");--> statement-breakpoint
CREATE INDEX "merchant_status_history_merchant_idx" ON "merchant_status_history" USING btree ("merchant_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "merchants_review_status_updated_idx" ON "merchants" USING btree ("review_status","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "merchants_updated_idx" ON "merchants" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);
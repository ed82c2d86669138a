CREATE TYPE "public"."bill_read_outcome" AS ENUM('read', 'not_found', 'refused', 'failed', 'garbage');--> statement-breakpoint
CREATE TYPE "public"."bill_source" AS ENUM('api', 'upload', 'demo');--> statement-breakpoint
CREATE TYPE "public"."mismatch_reason" AS ENUM('amount', 'state', 'approval_number', 'approval_time');--> statement-breakpoint
CREATE TYPE "public"."reconciliation_status" AS ENUM('matched', 'mismatch', 'missing_callback', 'unpaid', 'expired', 'cancelled', 'destroyed', 'unregistered', 'unreadable');--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'missing_callback';--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'mismatch';--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'reconciliation_stopped';--> statement-breakpoint
CREATE TABLE "bill_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_id" varchar(20) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" "bill_read_outcome" NOT NULL,
	"duration_ms" integer NOT NULL,
	"http_status" smallint,
	"code" text,
	"message" text,
	"said" jsonb,
	"unreadable" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_id" varchar(20) NOT NULL,
	"member_id" varchar(60) NOT NULL,
	"merchant_id" varchar(60) NOT NULL,
	"price" bigint NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expire_date" date,
	"order_ref" text,
	"product_name" text,
	"source" "bill_source" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bills_bill_id_key" UNIQUE("bill_id")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_id" varchar(20) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "reconciliation_status" NOT NULL,
	"reasons" "mismatch_reason"[] DEFAULT '{}'::mismatch_reason[] NOT NULL,
	"read_id" bigint
);
--> statement-breakpoint
CREATE TABLE "reconciliation_job" (
	"job" text PRIMARY KEY NOT NULL,
	"last_delivery_id" bigint DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_pass_at" timestamp with time zone,
	"last_pass_report" jsonb
);
--> statement-breakpoint
CREATE TABLE "reconciliations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_id" varchar(20) NOT NULL,
	"status" "reconciliation_status" NOT NULL,
	"reasons" "mismatch_reason"[] DEFAULT '{}'::mismatch_reason[] NOT NULL,
	"member_id" varchar(60),
	"merchant_id" varchar(60),
	"amount" bigint NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"approval_id" bigint,
	"differences" jsonb,
	"last_error" text,
	"failed_reads" integer DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone,
	"next_read_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliations_bill_id_key" UNIQUE("bill_id")
);
--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "recovered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reconciliation_history" ADD CONSTRAINT "reconciliation_history_read_id_bill_reads_id_fk" FOREIGN KEY ("read_id") REFERENCES "public"."bill_reads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_reads_bill_idx" ON "bill_reads" USING btree ("bill_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bills_issued_idx" ON "bills" USING btree ("issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bills_merchant_issued_idx" ON "bills" USING btree ("member_id","merchant_id","issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reconciliation_history_bill_idx" ON "reconciliation_history" USING btree ("bill_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reconciliations_issued_idx" ON "reconciliations" USING btree ("issued_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status","amount");--> statement-breakpoint
CREATE INDEX "reconciliations_status_issued_idx" ON "reconciliations" USING btree ("status","issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reconciliations_merchant_issued_idx" ON "reconciliations" USING btree ("member_id","merchant_id","issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reconciliations_due_idx" ON "reconciliations" USING btree ("next_read_at","id") WHERE "reconciliations"."next_read_at" IS NOT NULL;
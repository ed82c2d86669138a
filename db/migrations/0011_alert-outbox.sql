CREATE TYPE "public"."alert_kind" AS ENUM('review_status', 'refusal', 'deadline', 'unauthenticated');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "alert_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"status" "alert_status" DEFAULT 'pending' NOT NULL,
	"dedupe_key" text,
	"subject" text,
	"merchant_id" bigint,
	"delivery_id" bigint,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_outbox_dedupe_key" ON "alert_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "alert_outbox_due_idx" ON "alert_outbox" USING btree ("next_attempt_at","id") WHERE "alert_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "alert_outbox_created_idx" ON "alert_outbox" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
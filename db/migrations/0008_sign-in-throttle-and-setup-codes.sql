CREATE TABLE "auth_setup_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_sign_in_throttle" (
	"email" text NOT NULL,
	"client" varchar(64) NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"retry_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_sign_in_throttle_email_client_pk" PRIMARY KEY("email","client")
);
--> statement-breakpoint
DROP TABLE "auth_login_failures" CASCADE;--> statement-breakpoint
CREATE INDEX "auth_sign_in_throttle_client_idx" ON "auth_sign_in_throttle" USING btree ("client","last_failure_at");--> statement-breakpoint
CREATE INDEX "auth_sign_in_throttle_last_failure_idx" ON "auth_sign_in_throttle" USING btree ("last_failure_at");--> statement-breakpoint
-- The audit log is append-only and kept at least a year: the app never changes or deletes a row,
-- and this refuses anyone who tries (a retention job included). TRUNCATE, which only an operator
-- runs by hand, is not a row change and is not stopped.
CREATE FUNCTION audit_log_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log rows are never changed';
  END IF;
  IF OLD.at > now() - interval '1 year' THEN
    RAISE EXCEPTION 'audit_log rows are kept for at least a year (row % is from %)', OLD.id, OLD.at;
  END IF;
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_keep BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_keep();

ALTER TABLE "callback_deliveries" ADD COLUMN "api_key_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- NOT VALID added by hand: new rows are checked, existing ones are not scanned. Migrations run in
-- one transaction, so checking a large log here would hold the ALTER's exclusive lock, and block
-- callbacks, for the whole scan. Rows from before this version may hold a longer address (it was
-- taken from the client's X-Forwarded-For then).
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_remote_addr_length" CHECK (char_length("callback_deliveries"."remote_addr") <= 64) NOT VALID;

CREATE TABLE "reconciliation_status_totals" (
	"status" "reconciliation_status" NOT NULL,
	"slot" smallint NOT NULL,
	"bills" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "reconciliation_status_totals_status_slot_pk" PRIMARY KEY("status","slot")
);
--> statement-breakpoint
-- Statement triggers with transition tables: a batch of the reconciliation job's reads, or a COPY of
-- a million bills, is one grouped upsert of a few rows, not one per row. A statement that leaves
-- every status and amount as it was (most reads of an unpaid bill) writes nothing.
CREATE FUNCTION "reconciliation_status_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO reconciliation_status_totals AS totals (status, slot, bills, amount)
    SELECT status, pg_backend_pid() % 16, count(*), sum(amount) FROM new_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET bills = totals.bills + excluded.bills, amount = totals.amount + excluded.amount;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO reconciliation_status_totals AS totals (status, slot, bills, amount)
    SELECT status, pg_backend_pid() % 16, -count(*), -sum(amount) FROM old_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET bills = totals.bills + excluded.bills, amount = totals.amount + excluded.amount;
  ELSE
    INSERT INTO reconciliation_status_totals AS totals (status, slot, bills, amount)
    SELECT status, pg_backend_pid() % 16, sum(bills), sum(amount) FROM (
      SELECT status, 1 AS bills, amount FROM new_rows
      UNION ALL
      SELECT status, -1, -amount FROM old_rows
    ) change
    GROUP BY status HAVING sum(bills) <> 0 OR sum(amount) <> 0 ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET bills = totals.bills + excluded.bills, amount = totals.amount + excluded.amount;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "reconciliation_status_totals_insert" AFTER INSERT ON "reconciliations"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "reconciliation_status_totals_apply"();--> statement-breakpoint
CREATE TRIGGER "reconciliation_status_totals_update" AFTER UPDATE ON "reconciliations"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "reconciliation_status_totals_apply"();--> statement-breakpoint
CREATE TRIGGER "reconciliation_status_totals_delete" AFTER DELETE ON "reconciliations"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "reconciliation_status_totals_apply"();--> statement-breakpoint
-- TRUNCATE fires no row or statement trigger of the three: it empties the totals with the table.
CREATE FUNCTION "reconciliation_status_totals_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM reconciliation_status_totals;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "reconciliation_status_totals_truncate" AFTER TRUNCATE ON "reconciliations"
FOR EACH STATEMENT EXECUTE FUNCTION "reconciliation_status_totals_truncate"();--> statement-breakpoint
INSERT INTO reconciliation_status_totals (status, slot, bills, amount)
SELECT status, 0, count(*), sum(amount) FROM reconciliations GROUP BY status;

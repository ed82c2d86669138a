import { type SQL, sql } from "drizzle-orm";

// The KST calendar day of a timestamptz, in SQL: the one expression behind approval_daily_totals
// (the receiver's statement that adds to it, its backfill in the migration) and the overview.
// A fixed +9 hours rather than a zone name: Korea has had no DST since 1988, and the result does
// not depend on the database's time zone data or its TimeZone setting.
export function kstDayOf(instant: SQL): SQL<string> {
  return sql<string>`((${instant} at time zone 'UTC') + interval '9 hours')::date`;
}

import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import type { StaffAction } from "@/lib/audit/actions";

// Writing the audit log. No "server-only" here: `npm run user:create` records the accounts it
// makes too. Reading it for the audit page is audit-log-list.ts.

export interface StaffActionRecord {
  action: StaffAction;
  actor: { id: string | null; email: string | null } | null;
  target?: string | null;
  clientAddr?: string | null;
  details?: Record<string, unknown>;
}

// Columns are text; these bounds keep one careless caller from writing a megabyte into the log.
const maxTextLength = 500;

/** Appends one row to the audit log. Callers write it in the same transaction as the action where there is one. */
export async function recordStaffAction(db: Database, record: StaffActionRecord): Promise<void> {
  await db.insert(auditLog).values({
    action: record.action,
    actorId: record.actor?.id ?? null,
    actorEmail: record.actor?.email?.slice(0, 254) ?? null,
    target: record.target?.slice(0, maxTextLength) ?? null,
    clientAddr: record.clientAddr?.slice(0, 64) ?? null,
    details: record.details ?? null,
  });
}

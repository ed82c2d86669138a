import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import type { StaffAction } from "@/lib/audit/actions";

export interface StaffActionRecord {
  action: StaffAction;
  actor: { id: string | null; email: string | null } | null;
  target?: string | null;
  clientAddr?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one row to the audit log. Callers write it in the same transaction as the action where there is one. */
export async function recordStaffAction(db: Database, record: StaffActionRecord): Promise<void> {
  await db.insert(auditLog).values({
    action: record.action,
    actorId: record.actor?.id ?? null,
    actorEmail: record.actor?.email ?? null,
    target: record.target ?? null,
    clientAddr: record.clientAddr?.slice(0, 64) ?? null,
    details: record.details ?? null,
  });
}

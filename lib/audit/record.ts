import type { Database } from "@/db";
import { recordStaffAction } from "@/db/queries/audit-log";
import { requestClientAddress } from "@/lib/http/client-address";
import type { StaffAction } from "./actions";

// The one way request-handling code writes the audit log: who (the signed-in staff member, or
// the email typed at a failed sign-in), from where (the trusted client address, never a header
// the client chose), what (the action, its target, details). When is the row's own timestamp.

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export async function recordRequestAction(
  db: Database,
  headers: Headers,
  entry: { action: StaffAction; actor: AuditActor | null; target?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await recordStaffAction(db, { ...entry, clientAddr: requestClientAddress(headers) });
}

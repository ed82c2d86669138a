import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import type { AuditFilters } from "@/lib/dashboard/audit-filters";
import { kstDayRange } from "./conditions";
import { fetchKeysetPage, likeEscape, timeOrder } from "./keyset";

// The audit page's reads: filters and keyset pages over audit_log (written by audit-log.ts).

function auditWhere(filters: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actor) conditions.push(sql`${auditLog.actorEmail} ilike ${`%${likeEscape(filters.actor)}%`}`);
  conditions.push(...kstDayRange(auditLog.at, filters));
  return and(...conditions);
}

const auditOrder = timeOrder(auditLog.at, auditLog.id);

/** One page of the audit log, newest first, in the order of audit_log_at_idx. */
export async function getAuditLogPage(db: Database, filters: AuditFilters) {
  return fetchKeysetPage(auditOrder, filters, auditWhere(filters), (cursorValue) =>
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorEmail: auditLog.actorEmail,
        action: auditLog.action,
        target: auditLog.target,
        clientAddr: auditLog.clientAddr,
        details: auditLog.details,
        cursorValue,
      })
      .from(auditLog)
      .$dynamic(),
  );
}

export type AuditLogListRow = Awaited<ReturnType<typeof getAuditLogPage>>["rows"][number];

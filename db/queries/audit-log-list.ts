import "server-only";
import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import type { AuditFilters } from "@/lib/dashboard/audit-filters";
import { DAY_MS, kstDayStart } from "@/lib/kst";
import { cursorFor, type KeysetRequest, keysetCondition, keysetOrder, keysetPage, likeEscape } from "./keyset";

// The audit page's reads: filters and keyset pages over audit_log (written by audit-log.ts).

function auditWhere(filters: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actor) conditions.push(sql`${auditLog.actorEmail} ilike ${`%${likeEscape(filters.actor)}%`}`);
  const from = filters.from ? kstDayStart(filters.from) : null;
  if (from) conditions.push(gte(auditLog.at, from));
  const to = filters.to ? kstDayStart(filters.to) : null;
  if (to) conditions.push(lt(auditLog.at, new Date(to.getTime() + DAY_MS)));
  return and(...conditions);
}

/** One page of the audit log, newest first, in the order of audit_log_at_idx. */
export async function getAuditLogPage(db: Database, filters: AuditFilters) {
  const request: KeysetRequest = {
    sortColumn: auditLog.at,
    cast: "timestamptz",
    descending: true,
    after: cursorFor(filters.after, "timestamptz"),
    before: cursorFor(filters.before, "timestamptz"),
    size: filters.size,
  };
  const fetched = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorEmail: auditLog.actorEmail,
      action: auditLog.action,
      target: auditLog.target,
      clientAddr: auditLog.clientAddr,
      details: auditLog.details,
      cursorValue: sql<string>`${auditLog.at}::text`.mapWith(String),
    })
    .from(auditLog)
    .where(and(auditWhere(filters), keysetCondition(request, auditLog.id)))
    .orderBy(...keysetOrder(request, auditLog.id))
    .limit(filters.size + 1);
  return keysetPage(request, fetched);
}

export type AuditLogListRow = Awaited<ReturnType<typeof getAuditLogPage>>["rows"][number];

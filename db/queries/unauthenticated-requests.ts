import "server-only";
import { and, gte, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { unauthenticatedRequests } from "@/db/schema";

/** Requests refused for their URL token over the last `hours`: how many arrived and how many were logged. */
export async function getUnauthenticatedRequestTotals(
  db: Database,
  hours = 24,
): Promise<{ received: number; logged: number }> {
  const [totals] = await db
    .select({
      received: sql<number>`coalesce(sum(${unauthenticatedRequests.received}), 0)::int`.mapWith(Number),
      logged: sql<number>`coalesce(sum(${unauthenticatedRequests.logged}), 0)::int`.mapWith(Number),
    })
    .from(unauthenticatedRequests)
    .where(gte(unauthenticatedRequests.minute, sql`now() - make_interval(hours => ${hours})`));
  return totals;
}

/** Requests refused for their URL token that arrived in [from, to): the alert digest's count. */
export async function countUnauthenticatedRequests(db: Database, from: Date, to: Date): Promise<number> {
  const [totals] = await db
    .select({ received: sql<number>`coalesce(sum(${unauthenticatedRequests.received}), 0)::int`.mapWith(Number) })
    .from(unauthenticatedRequests)
    .where(and(gte(unauthenticatedRequests.minute, from), lt(unauthenticatedRequests.minute, to)));
  return totals.received;
}

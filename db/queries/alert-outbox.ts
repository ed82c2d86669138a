import "server-only";
import { and, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type Alert, type AlertKind, type AlertStatus, alertOutbox } from "@/db/schema";
import { rowCount } from "./conditions";

// The alert outbox: claiming due alerts, recording each attempt, queueing the alerts that are not
// written by a callback (deadlines, digests), and the /alerts page's list and 다시 보내기.

export interface ClaimOptions {
  limit: number;
  /** How long a claimed alert is this sender's; after that another may take it (a crashed sender). */
  leaseMs: number;
}

/**
 * Takes up to `limit` due alerts for this sender: each counts one attempt and is leased, and rows
 * another sender holds are skipped rather than waited for, so two instances never post the same one.
 */
export async function claimDueAlerts(db: Database, options: ClaimOptions): Promise<Alert[]> {
  const due = db
    .select({ id: alertOutbox.id })
    .from(alertOutbox)
    .where(
      and(
        eq(alertOutbox.status, "pending"),
        lte(alertOutbox.nextAttemptAt, sql`now()`),
        or(isNull(alertOutbox.leaseUntil), lt(alertOutbox.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(alertOutbox.nextAttemptAt, alertOutbox.id)
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(alertOutbox)
    .set({
      attempts: sql`${alertOutbox.attempts} + 1`,
      leaseUntil: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`,
    })
    .where(inArray(alertOutbox.id, due))
    .returning();
}

export async function markAlertSent(db: Database, id: number, text: string): Promise<void> {
  await db
    .update(alertOutbox)
    .set({ status: "sent", text, sentAt: sql`now()`, leaseUntil: null, lastError: null })
    .where(eq(alertOutbox.id, id));
}

/** A failed attempt: tried again after `retryInMs`, or, with null, given up on (실패). */
export async function markAlertAttemptFailed(
  db: Database,
  id: number,
  failure: { error: string; text: string | null; retryInMs: number | null },
): Promise<void> {
  await db
    .update(alertOutbox)
    .set({
      status: failure.retryInMs === null ? "failed" : "pending",
      lastError: failure.error.slice(0, 500),
      text: failure.text,
      leaseUntil: null,
      nextAttemptAt:
        failure.retryInMs === null ? sql`now()` : sql`now() + make_interval(secs => ${failure.retryInMs / 1000})`,
    })
    .where(eq(alertOutbox.id, id));
}

/**
 * Gives a refusal candidate its episode's key and facts; false when the episode already has its
 * alert (this refusal is one of PaySsam's retries), and the candidate is then removed.
 */
export async function placeRefusalAlert(db: Database, id: number, dedupeKey: string, facts: Record<string, unknown>) {
  const placed = await db
    .update(alertOutbox)
    .set({ dedupeKey, facts })
    .where(
      and(
        eq(alertOutbox.id, id),
        sql`NOT EXISTS (SELECT 1 FROM alert_outbox AS taken WHERE taken.dedupe_key = ${dedupeKey})`,
      ),
    )
    .returning({ id: alertOutbox.id });
  if (placed.length === 0) await removeAlert(db, id);
  return placed.length > 0;
}

/** A candidate that is not an alert after all (a retry, a refusal outside any episode). */
export async function removeAlert(db: Database, id: number): Promise<void> {
  await db.delete(alertOutbox).where(eq(alertOutbox.id, id));
}

/** Queues an alert once per dedupeKey: true when this call queued it. */
export async function queueAlert(
  db: Database,
  alert: {
    kind: AlertKind;
    dedupeKey: string;
    subject?: string | null;
    facts: Record<string, unknown>;
  },
): Promise<boolean> {
  const queued = await db
    .insert(alertOutbox)
    .values({ kind: alert.kind, dedupeKey: alert.dedupeKey, subject: alert.subject ?? null, facts: alert.facts })
    .onConflictDoNothing({ target: alertOutbox.dedupeKey })
    .returning({ id: alertOutbox.id });
  return queued.length > 0;
}

/** Refusal alerts whose episode began in [from, to] and has no deadline alert yet. */
export async function getRefusalAlertsWithoutDeadline(db: Database, from: Date, to: Date) {
  return db
    .select({ id: alertOutbox.id, dedupeKey: alertOutbox.dedupeKey, facts: alertOutbox.facts })
    .from(alertOutbox)
    .where(
      and(
        eq(alertOutbox.kind, "refusal"),
        sql`${alertOutbox.dedupeKey} IS NOT NULL`,
        sql`(${alertOutbox.facts}->>'firstRefusedAt')::timestamptz BETWEEN ${from.toISOString()}::timestamptz AND ${to.toISOString()}::timestamptz`,
        sql`NOT EXISTS (SELECT 1 FROM alert_outbox AS deadline
              WHERE deadline.dedupe_key = 'deadline:' || substr(${alertOutbox.dedupeKey}, ${"refusal:".length + 1}))`,
      ),
    );
}

export const alertListLimit = 200;

/** The newest alerts for /alerts, optionally of one status. */
export async function getAlerts(db: Database, status?: AlertStatus): Promise<Alert[]> {
  return db
    .select()
    .from(alertOutbox)
    .where(status ? eq(alertOutbox.status, status) : undefined)
    .orderBy(desc(alertOutbox.createdAt), desc(alertOutbox.id))
    .limit(alertListLimit);
}

/** How many alerts are in each status, for the page's tabs. */
export async function getAlertStatusCounts(db: Database): Promise<Record<AlertStatus, number>> {
  const rows = await db
    .select({ status: alertOutbox.status, count: rowCount() })
    .from(alertOutbox)
    .groupBy(alertOutbox.status);
  const counts: Record<AlertStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/** 다시 보내기: a failed alert is queued again with a fresh set of attempts. False when it was not failed. */
export async function requeueFailedAlert(db: Database, id: number): Promise<boolean> {
  const requeued = await db
    .update(alertOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, leaseUntil: null })
    .where(and(eq(alertOutbox.id, id), eq(alertOutbox.status, "failed")))
    .returning({ id: alertOutbox.id });
  return requeued.length > 0;
}

import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { authSignInThrottle } from "@/db/auth-schema";
import {
  decideSignInAttempt,
  delayAfterFailures,
  type SignInAttemptDecision,
  type SignInAttemptState,
  signInThrottle,
} from "./throttle-policy";

// The sign-in throttle's state in the database, so that every server instance (Vercel runs
// several) counts the same failures. An attempt is counted as a failure *before* the password is
// checked and forgiven when it succeeds: parallel guesses cannot all slip through while the
// first one is still being hashed.

const { forgetAfterSeconds } = signInThrottle;
const t = authSignInThrottle;
const seconds = (value: number) => sql`make_interval(secs => ${value})`;
const secondsUntil = (column: typeof t.retryAt) => sql<number>`extract(epoch from (${column} - now()))::float8`;
const secondsSince = (column: typeof t.lastFailureAt) => sql<number>`extract(epoch from (now() - ${column}))::float8`;

export async function signInAttemptState(db: Database, email: string, client: string): Promise<SignInAttemptState> {
  const recent = sql`${t.lastFailureAt} > now() - interval '1 hour'`;
  const [pair] = await db
    .select({ failures: t.failures, wait: secondsUntil(t.retryAt), since: secondsSince(t.lastFailureAt) })
    .from(t)
    .where(
      and(eq(t.email, email), eq(t.client, client), sql`${t.lastFailureAt} > now() - ${seconds(forgetAfterSeconds)}`),
    );
  const [byClient] = await db
    .select({
      failures: sql<number>`coalesce(sum(${t.failures}), 0)::int`.mapWith(Number),
      since: sql<number | null>`extract(epoch from (now() - max(${t.lastFailureAt})))::float8`,
    })
    .from(t)
    .where(and(eq(t.client, client), recent));
  const [byAccount] = await db
    .select({ failures: sql<number>`coalesce(sum(${t.failures}), 0)::int`.mapWith(Number) })
    .from(t)
    .where(and(eq(t.email, email), recent));
  return {
    pairFailures: pair?.failures ?? 0,
    pairWaitSeconds: pair ? Number(pair.wait) : 0,
    pairSinceFailureSeconds: pair ? Number(pair.since) : null,
    clientHourFailures: byClient?.failures ?? 0,
    clientSinceFailureSeconds:
      byClient?.since === null || byClient?.since === undefined ? null : Number(byClient.since),
    accountHourFailures: byAccount?.failures ?? 0,
  };
}

/**
 * Decides whether this attempt may check a password and, when it may, counts it as a failure in
 * the same step. The update only lands if nobody counted another attempt of the same pair in
 * between; otherwise this one waits like a failure would have made it.
 */
export async function claimSignInAttempt(db: Database, email: string, client: string): Promise<SignInAttemptDecision> {
  const state = await signInAttemptState(db, email, client);
  const decision = decideSignInAttempt(state);
  if (!decision.allowed) return decision;
  const failures = state.pairFailures + 1;
  const claimed = await db
    .insert(t)
    .values({
      email,
      client,
      failures,
      lastFailureAt: sql`now()`,
      retryAt: sql`now() + ${seconds(delayAfterFailures(failures))}`,
    })
    .onConflictDoUpdate({
      target: [t.email, t.client],
      set: { failures, lastFailureAt: sql`now()`, retryAt: sql`now() + ${seconds(delayAfterFailures(failures))}` },
      // The pair as it was read: unchanged, or forgotten (then the stored count is stale).
      setWhere: sql`${t.failures} = ${state.pairFailures} or ${t.lastFailureAt} <= now() - ${seconds(forgetAfterSeconds)}`,
    })
    .returning({ failures: t.failures });
  if (claimed.length === 0) {
    return { allowed: false, retryAfterSeconds: signInThrottle.firstDelaySeconds, reason: "account-client" };
  }
  return decision;
}

/** A successful sign-in forgives this pair's failures (other clients' stay). */
export async function forgiveSignInAttempt(db: Database, email: string, client: string): Promise<void> {
  await db.delete(t).where(and(eq(t.email, email), eq(t.client, client)));
}

/** Rows nobody will read again; called after failures so the table stays the size of recent attacks. */
export async function forgetOldSignInFailures(db: Database): Promise<void> {
  await db.delete(t).where(lt(t.lastFailureAt, sql`now() - ${seconds(forgetAfterSeconds)}`));
}

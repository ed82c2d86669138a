import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { authLoginFailures } from "@/db/auth-schema";

// Better Auth's rate limiter counts requests per IP address; this counts failed passwords per
// email address, so a guesser who rotates addresses is still stopped. The count is kept for any
// address typed, existing or not, and a locked address answers exactly like a wrong password
// would be answered by the rate limiter: the answer never tells whether the account exists.

export const lockoutPolicy = {
  maxFailures: 5,
  // Failures older than this are forgotten.
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
} as const;

export const lockedMessage = "Too many failed sign-in attempts. Try again later.";

function emailKey(email: unknown): string | null {
  if (typeof email !== "string") return null;
  const key = email.trim().toLowerCase();
  return key.length > 0 && key.length <= 254 ? key : null;
}

export async function lockedUntil(db: Database, email: string): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: authLoginFailures.lockedUntil })
    .from(authLoginFailures)
    .where(eq(authLoginFailures.email, email));
  return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
}

// One statement, so concurrent failures for the same address all count.
export async function recordFailedSignIn(db: Database, email: string): Promise<void> {
  const { maxFailures, windowSeconds, lockSeconds } = lockoutPolicy;
  const stale = sql`${authLoginFailures.lastFailureAt} < now() - make_interval(secs => ${windowSeconds})`;
  const failures = sql`case when ${stale} then 1 else ${authLoginFailures.failures} + 1 end`;
  await db
    .insert(authLoginFailures)
    .values({ email, failures: 1, lastFailureAt: sql`now()` })
    .onConflictDoUpdate({
      target: authLoginFailures.email,
      set: {
        failures,
        lastFailureAt: sql`now()`,
        lockedUntil: sql`case when ${failures} >= ${maxFailures} then now() + make_interval(secs => ${lockSeconds}) else ${authLoginFailures.lockedUntil} end`,
      },
    });
}

export async function clearFailedSignIns(db: Database, email: string): Promise<void> {
  await db.delete(authLoginFailures).where(eq(authLoginFailures.email, email));
}

const isEmailSignIn = (context: { path?: string }) => context.path === "/sign-in/email";

export function loginLockout(db: Database) {
  return {
    id: "payssam-login-lockout",
    hooks: {
      before: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const email = emailKey(ctx.body?.email);
            if (email && (await lockedUntil(db, email))) {
              throw new APIError("TOO_MANY_REQUESTS", { code: "ACCOUNT_LOCKED", message: lockedMessage });
            }
          }),
        },
      ],
      after: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const email = emailKey(ctx.body?.email);
            if (!email) return;
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              if (returned.statusCode === 401) await recordFailedSignIn(db, email);
              return;
            }
            await clearFailedSignIns(db, email);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

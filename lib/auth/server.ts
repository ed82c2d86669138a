import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { type Database, getDb } from "@/db";
import { authAccounts, authRateLimits, authSessions, authUsers, authVerifications } from "@/db/auth-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { adminAudit } from "./admin-audit";
import { sessionCookiePrefix } from "./gate";
import { passwordRules } from "./password-rules";
import { authClientAddressHeader } from "./request-headers";
import { accessRoles } from "./roles";
import { authSecret } from "./secret";
import { signInGuard } from "./sign-in-guard";
import { signInThrottle } from "./throttle-policy";
import { userRules } from "./user-rules";

// Staff sign-in with Better Auth: email + password (scrypt), sessions as database rows named by a
// signed HttpOnly cookie, roles and disabling through its admin plugin. Built lazily per database
// because the database opens asynchronously (PGlite migrates first) and tests switch databases.

export const authBasePath = "/api/auth";

// Endpoints this dashboard does not use are switched off over HTTP rather than left reachable:
// no self sign-up (accounts are made by an admin or `npm run user:create`), no email flows (no
// mailer), no profile or password edits, no impersonation, and nothing that lists session tokens.
// Server code can still call them through auth.api; none does.
const disabledPaths = [
  "/sign-up/email",
  "/update-user",
  "/change-email",
  "/change-password",
  "/set-password",
  "/delete-user",
  "/request-password-reset",
  "/reset-password",
  "/verify-email",
  "/send-verification-email",
  "/list-sessions",
  "/revoke-session",
  "/revoke-other-sessions",
  "/admin/impersonate-user",
  "/admin/stop-impersonating",
  "/admin/update-user",
  "/admin/set-user-password",
  "/admin/list-user-sessions",
  "/admin/revoke-user-session",
];

// Better Auth's own log lines go to our logger as message and level only: its extra arguments can
// be request bodies or user rows, which must not reach the logs.
// drizzle's query errors put the query's parameters (session tokens, password hashes) in their
// message; the database's own reason is their cause.
function safeReason(error: Error): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function authLogLine(level: "debug" | "info" | "success" | "warn" | "error", message: string, ...args: unknown[]) {
  const error = args.find((arg): arg is Error => arg instanceof Error);
  const reason = error ? safeReason(error) : undefined;
  const line = { event: "auth", ...(reason ? { reason } : {}) };
  if (level === "error") logger.error(line, message);
  else if (level === "warn") logger.warn(line, message);
  else if (level === "debug") logger.debug(line, message);
  else logger.info(line, message);
}

function logRefusedRequest(error: unknown) {
  if (isAPIError(error)) {
    const line = { event: "auth", status: error.statusCode, code: error.body?.code };
    if (error.statusCode >= 500) logger.error(line, error.message);
    else logger.warn(line, error.message);
  } else {
    logger.error(
      { event: "auth", reason: error instanceof Error ? safeReason(error) : "unknown" },
      "auth request failed",
    );
  }
}

export function createAuth(db: Database) {
  const config = env();
  return betterAuth({
    appName: "페이쌤 운영",
    secret: authSecret(),
    baseURL: config.BETTER_AUTH_URL,
    basePath: authBasePath,
    trustedOrigins: config.BETTER_AUTH_URL ? [config.BETTER_AUTH_URL] : [],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: authUsers,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
        rateLimit: authRateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: passwordRules.min,
      maxPasswordLength: passwordRules.max,
    },
    session: {
      // A working day; the row is extended while the dashboard is in use.
      expiresIn: 12 * 60 * 60,
      updateAge: 60 * 60,
      // No cookie cache: every request looks the session up, so disabling or removing a user
      // (which deletes their sessions) takes effect on their very next click.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      // The database, not memory: Vercel runs several instances, each would count alone.
      storage: "database",
      window: 60,
      max: 100,
      // Per client, whatever the account; the per-(account, client) throttle is sign-in-guard.ts.
      customRules: {
        "/sign-in/email": { window: 60, max: signInThrottle.requestsPerMinutePerClient },
      },
    },
    disabledPaths,
    advanced: {
      // Better Auth skips its Origin check when NODE_ENV=test; ours is tested, so it stays on.
      disableOriginCheck: false,
      // Without BETTER_AUTH_URL the site's origin is this request's: Next.js (and Vercel) fill in
      // X-Forwarded-Host/-Proto from the Host the browser used, where request.url may say
      // "localhost". A cross-site page cannot set these headers on a victim's request, so the
      // Origin check still refuses it.
      trustedProxyHeaders: !config.BETTER_AUTH_URL,
      cookiePrefix: sessionCookiePrefix,
      // Only the header we rewrite from the trusted source (lib/auth/request-headers.ts); never
      // X-Forwarded-For, which a client can make up.
      ipAddress: { ipAddressHeaders: [authClientAddressHeader] },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    logger: { level: "warn", log: authLogLine },
    // Refused requests (wrong password, lock, bad origin) as one structured line each, without
    // the request body; Better Auth would otherwise print them unstructured to stderr.
    onAPIError: { onError: logRefusedRequest },
    plugins: [
      admin({
        roles: accessRoles,
        adminRoles: ["admin"],
        defaultRole: "viewer",
        bannedUserMessage: "This account is disabled.",
      }),
      signInGuard(db),
      userRules(db),
      adminAudit(db),
      // Last: lets server actions set and clear the session cookie through next/headers.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per database handle, kept across Next.js bundles and dev reloads like the handle.
const globalForAuth = globalThis as unknown as { payssamAuth?: WeakMap<Database, Auth> };

export function authFor(db: Database): Auth {
  globalForAuth.payssamAuth ??= new WeakMap();
  let auth = globalForAuth.payssamAuth.get(db);
  if (!auth) {
    auth = createAuth(db);
    globalForAuth.payssamAuth.set(db, auth);
  }
  return auth;
}

export async function getAuth(): Promise<Auth> {
  return authFor(await getDb());
}

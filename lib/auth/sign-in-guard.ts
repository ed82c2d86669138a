import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { z } from "zod";
import type { Database } from "@/db";
import { recordRequestAction } from "@/lib/audit/record";
import { requestClientAddress } from "@/lib/http/client-address";
import { safeNextPath } from "./next-path";
import { claimSignInAttempt, forgetOldSignInFailures, forgiveSignInAttempt } from "./throttle";
import { throttleClientKey } from "./throttle-policy";

// Better Auth hooks around signing in and out:
// - the throttle per (account, client) (lib/auth/throttle-policy.ts), checked before the password;
// - the audit log: every sign-in, failed sign-in (wrong password, disabled account, throttled)
//   and sign-out, with the trusted client address;
// - no session token in JSON answers: the HttpOnly cookie carries it, and a script on the page
//   (an injected one included) must not be able to read it from a response instead;
// - no redirect target other than a path of this site (callbackURL).

export const throttledMessage = "Too many failed sign-in attempts. Try again later.";

const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** The typed email as the throttle and the audit log key it, or null when it is no email at all. */
export function signInEmailKey(value: unknown): string | null {
  const parsed = emailSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const isPath = (path: string) => (context: { path?: string }) => context.path === path;
const signInPath = "/sign-in/email";

function failureReason(returned: unknown): string {
  if (!isAPIError(returned)) return "unknown";
  const code = (returned.body as { code?: string } | undefined)?.code;
  if (returned.statusCode === 401) return "wrong-email-or-password";
  if (code === "BANNED_USER") return "disabled";
  return code ? code.toLowerCase() : `http-${returned.statusCode}`;
}

type SessionPayload = { session?: Record<string, unknown> | null; user?: unknown } | null;

function withoutToken(payload: SessionPayload): SessionPayload {
  if (!payload?.session) return payload;
  const { token: _token, ...session } = payload.session;
  return { ...payload, session };
}

export function signInGuard(db: Database) {
  return {
    id: "payssam-sign-in-guard",
    hooks: {
      before: [
        {
          matcher: isPath(signInPath),
          handler: createAuthMiddleware(async (ctx) => {
            const callbackURL = ctx.body?.callbackURL;
            if (callbackURL !== undefined && safeNextPath(callbackURL) !== callbackURL) {
              throw new APIError("BAD_REQUEST", {
                code: "INVALID_CALLBACK_URL",
                message: "callbackURL must be a path of this site.",
              });
            }
            const email = signInEmailKey(ctx.body?.email);
            // Not an email: Better Auth refuses it before looking at the password.
            if (!email || !ctx.headers) return;
            const client = throttleClientKey(requestClientAddress(ctx.headers));
            const decision = await claimSignInAttempt(db, email, client);
            if (decision.allowed) return;
            await recordRequestAction(db, ctx.headers, {
              action: "sign_in_failed",
              actor: { id: null, email },
              details: {
                reason: "throttled",
                throttle: decision.reason,
                retryAfterSeconds: decision.retryAfterSeconds,
              },
            });
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { code: "TOO_MANY_ATTEMPTS", message: throttledMessage },
              { "retry-after": String(decision.retryAfterSeconds) },
            );
          }),
        },
        {
          matcher: isPath("/sign-out"),
          handler: createAuthMiddleware(async (ctx) => {
            // No session (already signed out, a forged cookie) is no error; a failing database is.
            const found = await getSessionFromCtx(ctx).catch((error: unknown) => {
              if (isAPIError(error)) return null;
              throw error;
            });
            if (!found || !ctx.headers) return;
            await recordRequestAction(db, ctx.headers, {
              action: "sign_out",
              actor: { id: found.user.id, email: found.user.email },
            });
          }),
        },
      ],
      after: [
        {
          matcher: isPath(signInPath),
          handler: createAuthMiddleware(async (ctx) => {
            const email = signInEmailKey(ctx.body?.email);
            if (!email || !ctx.headers) return;
            const returned = ctx.context.returned;
            if (isAPIError(returned) || returned instanceof Response) {
              if (isAPIError(returned) && returned.statusCode === 400) return;
              await recordRequestAction(db, ctx.headers, {
                action: "sign_in_failed",
                actor: { id: null, email },
                details: { reason: failureReason(returned) },
              });
              await forgetOldSignInFailures(db);
              return;
            }
            await forgiveSignInAttempt(db, email, throttleClientKey(requestClientAddress(ctx.headers)));
            const signedIn = returned as { user?: { id: string; email: string }; redirect?: boolean; url?: string };
            await recordRequestAction(db, ctx.headers, {
              action: "sign_in",
              actor: signedIn.user ? { id: signedIn.user.id, email: signedIn.user.email } : { id: null, email },
            });
            return ctx.json({ redirect: signedIn.redirect ?? false, url: signedIn.url, user: signedIn.user });
          }),
        },
        {
          matcher: isPath("/get-session"),
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            // A direct auth.api call returns the object; the HTTP handler's answer is built from it.
            if (!returned || isAPIError(returned) || returned instanceof Response) return;
            const payload = returned as SessionPayload;
            if (!payload?.session || !("token" in payload.session)) return;
            return ctx.json(withoutToken(payload));
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

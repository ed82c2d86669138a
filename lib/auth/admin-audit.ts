import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { authUsers } from "@/db/auth-schema";
import type { StaffAction } from "@/lib/audit/actions";
import { recordRequestAction } from "@/lib/audit/record";

// Audit rows for Better Auth's admin endpoints, however they are reached: the users page's server
// actions (auth.api.*) and direct calls to /api/auth/admin/*. One place, so no path around it.

const auditedPaths: Record<string, StaffAction> = {
  "/admin/create-user": "user_created",
  "/admin/ban-user": "user_disabled",
  "/admin/unban-user": "user_enabled",
  "/admin/remove-user": "user_removed",
  "/admin/set-role": "user_role_changed",
  "/admin/revoke-user-sessions": "user_sessions_revoked",
};

// Where the before hook leaves the target's email for the after hook (a removed user cannot be
// looked up afterwards). Always overwritten before it is read, so a client cannot supply it.
const targetHeader = "x-payssam-audit-target";

const isAudited = (context: { path?: string }) => context.path !== undefined && context.path in auditedPaths;

export function adminAudit(db: Database) {
  return {
    id: "payssam-admin-audit",
    hooks: {
      before: [
        {
          matcher: isAudited,
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as { userId?: unknown; email?: unknown };
            let target = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
            if (typeof body.userId === "string" && body.userId.length <= 100) {
              const [user] = await db
                .select({ email: authUsers.email })
                .from(authUsers)
                .where(eq(authUsers.id, body.userId));
              target = user?.email ?? body.userId;
            }
            return { context: { headers: new Headers({ [targetHeader]: encodeURIComponent(target) }) } };
          }),
        },
      ],
      after: [
        {
          matcher: isAudited,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (!ctx.path || !ctx.headers || isAPIError(returned) || returned instanceof Response) return;
            // No session (already signed out, a forged cookie) is no error; a failing database is.
            const found = await getSessionFromCtx(ctx).catch((error: unknown) => {
              if (isAPIError(error)) return null;
              throw error;
            });
            const body = (ctx.body ?? {}) as { role?: unknown };
            await recordRequestAction(db, ctx.headers, {
              action: auditedPaths[ctx.path],
              actor: found ? { id: found.user.id, email: found.user.email } : null,
              target: decodeURIComponent(ctx.headers.get(targetHeader) ?? "") || null,
              details: typeof body.role === "string" ? { role: body.role } : undefined,
            });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { authUsers } from "@/db/auth-schema";
import { passwordRules } from "./password-rules";

// The rules for changing staff accounts, in one place for every path to them: the users page's
// server actions call staffChangeRefusal()/passwordRefusal() to answer in Korean, and the plugin
// below enforces the same rules on Better Auth's own endpoints (/api/auth/admin/*), which anyone
// signed in as an administrator can call directly. Nobody changes their own role or disables or
// removes themselves, the last active administrator stays one, and passwords keep the policy.

export type StaffChange =
  | { kind: "set-role"; targetId: string; role: string }
  | { kind: "ban"; targetId: string }
  | { kind: "remove"; targetId: string };

export interface RuleRefusal {
  code: string;
  /** For the API's answer. */
  message: string;
  /** For the dashboard. */
  korean: string;
}

/** Why a password breaks the policy, or null. */
export function passwordRefusal(password: unknown): RuleRefusal | null {
  if (typeof password !== "string" || password.length < passwordRules.min) {
    return {
      code: "PASSWORD_TOO_SHORT",
      message: `Password must be at least ${passwordRules.min} characters.`,
      korean: `비밀번호는 ${passwordRules.min}자 이상이어야 합니다.`,
    };
  }
  if (password.length > passwordRules.max) {
    return {
      code: "PASSWORD_TOO_LONG",
      message: `Password must be at most ${passwordRules.max} characters.`,
      korean: `비밀번호는 ${passwordRules.max}자 이하여야 합니다.`,
    };
  }
  return null;
}

/** Why `actorId` may not make `change`, or null. */
export async function staffChangeRefusal(
  db: Database,
  actorId: string,
  change: StaffChange,
): Promise<RuleRefusal | null> {
  if (change.targetId === actorId) {
    return {
      set_role: {
        code: "CANNOT_CHANGE_OWN_ROLE",
        message: "You cannot change your own role.",
        korean: "자기 계정의 역할은 바꿀 수 없습니다.",
      },
      ban: {
        code: "CANNOT_BAN_YOURSELF",
        message: "You cannot disable yourself.",
        korean: "자기 계정은 비활성화할 수 없습니다.",
      },
      remove: {
        code: "CANNOT_REMOVE_YOURSELF",
        message: "You cannot remove yourself.",
        korean: "자기 계정은 삭제할 수 없습니다.",
      },
    }[change.kind === "set-role" ? "set_role" : change.kind];
  }
  const keepsAdminRole = change.kind === "set-role" && change.role === "admin";
  if (keepsAdminRole) return null;
  const [target] = await db
    .select({ role: authUsers.role, banned: authUsers.banned })
    .from(authUsers)
    .where(eq(authUsers.id, change.targetId));
  if (target?.role !== "admin" || target.banned) return null;
  const [others] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(authUsers)
    .where(
      and(
        eq(authUsers.role, "admin"),
        ne(authUsers.id, change.targetId),
        or(isNull(authUsers.banned), eq(authUsers.banned, false)),
      ),
    );
  if (others.count > 0) return null;
  return {
    code: "LAST_ADMIN",
    message: "The last active administrator cannot be demoted, disabled or removed.",
    korean: "마지막 관리자는 역할을 바꾸거나 비활성화하거나 삭제할 수 없습니다.",
  };
}

const changes: Record<string, (body: Record<string, unknown>) => StaffChange | null> = {
  "/admin/set-role": (body) =>
    typeof body.userId === "string" ? { kind: "set-role", targetId: body.userId, role: String(body.role) } : null,
  "/admin/ban-user": (body) => (typeof body.userId === "string" ? { kind: "ban", targetId: body.userId } : null),
  "/admin/remove-user": (body) => (typeof body.userId === "string" ? { kind: "remove", targetId: body.userId } : null),
};

const guardedPaths = new Set([...Object.keys(changes), "/admin/create-user"]);

export function userRules(db: Database) {
  return {
    id: "payssam-user-rules",
    hooks: {
      before: [
        {
          matcher: (context: { path?: string }) => context.path !== undefined && guardedPaths.has(context.path),
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            if (ctx.path === "/admin/create-user") {
              const refused = passwordRefusal(body.password);
              if (refused) throw new APIError("BAD_REQUEST", { code: refused.code, message: refused.message });
              return;
            }
            const change = changes[ctx.path]?.(body);
            // Without a session or a target the endpoint itself refuses.
            const session = await getSessionFromCtx(ctx).catch(() => null);
            if (!change || !session) return;
            const refused = await staffChangeRefusal(db, session.user.id, change);
            if (refused) throw new APIError("FORBIDDEN", { code: refused.code, message: refused.message });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

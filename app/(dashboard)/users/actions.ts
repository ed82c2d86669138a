"use server";

import { isAPIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, adminAction } from "@/lib/auth/action";
import { authRequestHeaders } from "@/lib/auth/request-headers";
import { staffRoles } from "@/lib/auth/roles";
import { getAuth } from "@/lib/auth/server";
import { createStaffUser, newStaffSchema } from "@/lib/auth/staff-users";
import { logger } from "@/lib/logger";

// User management, for admins only. Disabling, enabling, removing and role changes go through
// Better Auth's admin endpoints, which check the role again, refuse to let an admin disable or
// remove their own account, and write the audit log (lib/auth/admin-audit.ts). Adding a user
// writes its audit row here.

const userId = z
  .string({ error: "사용자를 찾을 수 없습니다." })
  .min(1, "사용자를 찾을 수 없습니다.")
  .max(100, "사용자를 찾을 수 없습니다.");
const userInput = z.object({ userId });
const roleInput = z.object({ userId, role: z.enum(staffRoles, { error: "역할을 고르세요." }) });

export const addUser = adminAction({ input: newStaffSchema }, async (input, { db, audit }) => {
  const outcome = await createStaffUser(db, input);
  if (outcome.status === "email-taken") return { fieldErrors: { email: "이미 같은 이메일의 계정이 있습니다." } };
  if (outcome.status !== "created") return { error: "계정을 만들지 못했습니다." };
  await audit({ action: "user_created", target: outcome.user.email, details: { role: outcome.user.role } });
  logger.info(
    { event: "auth", action: "user-created", userId: outcome.user.id, role: outcome.user.role },
    "user created",
  );
  revalidatePath("/users");
  return { done: `${outcome.user.email} 계정을 만들었습니다.` };
});

type Auth = Awaited<ReturnType<typeof getAuth>>;

// Better Auth's refusals in Korean; anything else is a fault and goes to the error page.
function refusal(error: unknown): ActionResult {
  if (isAPIError(error)) {
    const code = (error.body as { code?: string } | undefined)?.code;
    if (code === "YOU_CANNOT_BAN_YOURSELF") return { error: "자기 계정은 비활성화할 수 없습니다." };
    if (code === "YOU_CANNOT_REMOVE_YOURSELF") return { error: "자기 계정은 삭제할 수 없습니다." };
    if (error.statusCode === 404) return { error: "그 사용자가 없습니다." };
    if (error.statusCode === 403) return { error: "관리자만 할 수 있는 작업입니다." };
  }
  throw error;
}

/** One of Better Auth's admin endpoints on the user the form names, as the signed-in admin. */
async function callAdminEndpoint(
  action: string,
  id: string,
  requestHeaders: Headers,
  call: (auth: Auth, headers: Headers) => Promise<unknown>,
): Promise<ActionResult> {
  try {
    await call(await getAuth(), authRequestHeaders(requestHeaders));
  } catch (error) {
    return refusal(error);
  }
  logger.info({ event: "auth", action, userId: id }, `user ${action}`);
  revalidatePath("/users");
  return {};
}

export const disableUser = adminAction({ input: userInput }, async ({ userId }, { requestHeaders }) =>
  callAdminEndpoint("disabled", userId, requestHeaders, (auth, headers) =>
    auth.api.banUser({ headers, body: { userId, banReason: "관리자가 비활성화함" } }),
  ),
);

export const enableUser = adminAction({ input: userInput }, async ({ userId }, { requestHeaders }) =>
  callAdminEndpoint("enabled", userId, requestHeaders, (auth, headers) =>
    auth.api.unbanUser({ headers, body: { userId } }),
  ),
);

export const removeUser = adminAction({ input: userInput }, async ({ userId }, { requestHeaders }) =>
  callAdminEndpoint("removed", userId, requestHeaders, (auth, headers) =>
    auth.api.removeUser({ headers, body: { userId } }),
  ),
);

export const changeUserRole = adminAction({ input: roleInput }, async ({ userId, role }, { staff, requestHeaders }) => {
  // Better Auth lets an admin change their own role; demoting oneself could leave no admin.
  if (userId === staff.id) return { error: "자기 계정의 역할은 바꿀 수 없습니다." };
  return callAdminEndpoint("role-changed", userId, requestHeaders, (auth, headers) =>
    auth.api.setRole({ headers, body: { userId, role } }),
  );
});

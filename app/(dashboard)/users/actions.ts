"use server";

import { isAPIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { recordRequestAction } from "@/lib/audit/record";
import { authRequestHeaders } from "@/lib/auth/request-headers";
import { staffRoles } from "@/lib/auth/roles";
import { getAuth } from "@/lib/auth/server";
import { AccessDeniedError, requireAdmin, type Staff } from "@/lib/auth/session";
import { createStaffUser, newStaffSchema } from "@/lib/auth/staff-users";
import { logger } from "@/lib/logger";

// User management. Each action checks the admin role itself (requireAdmin), and disabling,
// enabling, removing and role changes go through Better Auth's admin endpoints, which check it
// again, refuse to let an admin disable or remove their own account, and write the audit log
// (lib/auth/admin-audit.ts). Adding a user writes its audit row here.

export interface UserFormState {
  error?: string;
  done?: string;
}

const userId = z.string().min(1).max(100);

async function adminOnly(): Promise<{ staff: Staff; denied?: never } | { staff?: never; denied: UserFormState }> {
  try {
    return { staff: await requireAdmin() };
  } catch (error) {
    if (error instanceof AccessDeniedError) return { denied: { error: error.message } };
    throw error;
  }
}

function refusal(error: unknown): UserFormState {
  if (isAPIError(error)) {
    const code = (error.body as { code?: string } | undefined)?.code;
    if (code === "YOU_CANNOT_BAN_YOURSELF") return { error: "자기 계정은 비활성화할 수 없습니다." };
    if (code === "YOU_CANNOT_REMOVE_YOURSELF") return { error: "자기 계정은 삭제할 수 없습니다." };
    if (error.statusCode === 404) return { error: "그 사용자가 없습니다." };
    if (error.statusCode === 403) return { error: "관리자만 할 수 있는 작업입니다." };
  }
  throw error;
}

export async function addUser(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { staff, denied } = await adminOnly();
  if (denied) return denied;
  const parsed = newStaffSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    name: form.get("name") ?? undefined,
    role: form.get("role") ?? "viewer",
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인하세요." };
  const db = await getDb();
  const outcome = await createStaffUser(db, parsed.data);
  if (outcome.status === "email-taken") return { error: "이미 같은 이메일의 계정이 있습니다." };
  if (outcome.status !== "created") return { error: "계정을 만들지 못했습니다." };
  await recordRequestAction(db, await headers(), {
    action: "user_created",
    actor: { id: staff.id, email: staff.email },
    target: outcome.user.email,
    details: { role: outcome.user.role },
  });
  logger.info(
    { event: "auth", action: "user-created", userId: outcome.user.id, role: outcome.user.role },
    "user created",
  );
  revalidatePath("/users");
  return { done: `${outcome.user.email} 계정을 만들었습니다.` };
}

async function adminCall(
  form: FormData,
  call: (auth: Awaited<ReturnType<typeof getAuth>>, id: string, requestHeaders: Headers) => Promise<unknown>,
  action: string,
): Promise<UserFormState> {
  const { staff, denied } = await adminOnly();
  if (denied) return denied;
  const id = userId.safeParse(form.get("userId"));
  if (!id.success) return { error: "사용자를 찾을 수 없습니다." };
  // Better Auth lets an admin change their own role; demoting oneself could leave no admin.
  if (action === "role-changed" && id.data === staff.id) return { error: "자기 계정의 역할은 바꿀 수 없습니다." };
  try {
    await call(await getAuth(), id.data, authRequestHeaders(await headers()));
  } catch (error) {
    return refusal(error);
  }
  logger.info({ event: "auth", action, userId: id.data }, `user ${action}`);
  revalidatePath("/users");
  return {};
}

export async function disableUser(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  return adminCall(
    form,
    (auth, id, requestHeaders) =>
      auth.api.banUser({ headers: requestHeaders, body: { userId: id, banReason: "관리자가 비활성화함" } }),
    "disabled",
  );
}

export async function enableUser(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  return adminCall(
    form,
    (auth, id, requestHeaders) => auth.api.unbanUser({ headers: requestHeaders, body: { userId: id } }),
    "enabled",
  );
}

export async function removeUser(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  return adminCall(
    form,
    (auth, id, requestHeaders) => auth.api.removeUser({ headers: requestHeaders, body: { userId: id } }),
    "removed",
  );
}

const roleSchema = z.enum(staffRoles);

export async function changeUserRole(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const role = roleSchema.safeParse(form.get("role"));
  if (!role.success) return { error: "역할을 고르세요." };
  return adminCall(
    form,
    (auth, id, requestHeaders) => auth.api.setRole({ headers: requestHeaders, body: { userId: id, role: role.data } }),
    "role-changed",
  );
}

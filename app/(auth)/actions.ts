"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { safeNextPath } from "@/lib/auth/next-path";
import { getAuth } from "@/lib/auth/server";
import { createStaffUser, newStaffSchema } from "@/lib/auth/staff-users";
import { logger } from "@/lib/logger";

// Server actions of the sign-in pages. Next.js refuses a server action whose Origin is not this
// site, so these cannot be triggered from another site.

export interface FormState {
  error?: string;
}

const firstAdminSchema = newStaffSchema
  .pick({ email: true, password: true, name: true })
  .extend({ passwordConfirm: z.string() })
  .refine((form) => form.password === form.passwordConfirm, {
    message: "비밀번호 확인이 일치하지 않습니다.",
    path: ["passwordConfirm"],
  });

// The page shows this form only while no account exists; createStaffUser checks again inside its
// transaction, so two people racing to submit it cannot both become administrators.
export async function createFirstAdmin(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = firstAdminSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    passwordConfirm: form.get("passwordConfirm") ?? "",
    name: form.get("name") ?? undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인하세요." };

  const db = await getDb();
  const outcome = await createStaffUser(db, { ...parsed.data, role: "admin" }, { firstAdmin: true });
  if (outcome.status !== "created") {
    return { error: "이미 계정이 만들어졌습니다. 새로 고친 뒤 로그인하세요." };
  }
  logger.info({ event: "auth", action: "first-admin", userId: outcome.user.id }, "first administrator created");

  // Signed in straight away; nextCookies() writes the session cookie into this action's answer.
  const auth = await getAuth();
  await auth.api.signInEmail({
    body: { email: parsed.data.email, password: parsed.data.password },
    headers: await headers(),
  });
  redirect(safeNextPath(form.get("next")) ?? "/");
}

export async function signOut(): Promise<void> {
  const auth = await getAuth();
  const requestHeaders = await headers();
  // Deletes the session row, not only the cookie: a copied cookie stops working too.
  await auth.api.signOut({ headers: requestHeaders }).catch(() => undefined);
  redirect("/login");
}

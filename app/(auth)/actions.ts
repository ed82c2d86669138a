"use server";

import { isAPIError } from "better-auth/api";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/auth/action";
import { safeNextPath } from "@/lib/auth/next-path";
import { authRequestHeaders } from "@/lib/auth/request-headers";
import { getAuth } from "@/lib/auth/server";
import { firstAdminNeedsSetupCode, isValidSetupCode } from "@/lib/auth/setup-code";
import { createStaffUser, newStaffSchema } from "@/lib/auth/staff-users";
import { claimSignInAttempt, forgiveSignInAttempt } from "@/lib/auth/throttle";
import { throttleClientKey } from "@/lib/auth/throttle-policy";
import { logger } from "@/lib/logger";

// Server actions of the sign-in pages. Next.js refuses a server action whose Origin is not this
// site (and proxy.ts answers such a call 403 before it gets that far).

const firstAdminSchema = newStaffSchema
  .pick({ email: true, password: true, name: true })
  .extend({
    passwordConfirm: z.string(),
    setupCode: z.string().trim().max(64).optional(),
    // Where to go afterwards; safeNextPath decides whether it is on this site.
    next: z.string().optional(),
  })
  .refine((form) => form.password === form.passwordConfirm, {
    message: "비밀번호 확인이 일치하지 않습니다.",
    path: ["passwordConfirm"],
  });

// Setup-code guesses count against the same throttle as passwords, under an "account" of their own.
const setupCodeThrottleKey = "first-admin-setup-code";

function retryText(seconds: number): string {
  return seconds < 60 ? `${seconds}초` : `${Math.ceil(seconds / 60)}분`;
}

// The page shows this form only while no account exists; createStaffUser checks again inside its
// transaction, so two people racing to submit it cannot both become administrators. On a deployed
// server it also needs the setup code from the server's log (lib/auth/setup-code.ts), which, like
// the passwords, is not sent back with a refused form.
export const createFirstAdmin = publicAction(
  { input: firstAdminSchema, secrets: ["setupCode"] },
  async (input, { db, requestHeaders, clientAddr, audit }) => {
    if (firstAdminNeedsSetupCode(requestHeaders)) {
      const client = throttleClientKey(clientAddr);
      const attempt = await claimSignInAttempt(db, setupCodeThrottleKey, client);
      if (!attempt.allowed) {
        return { error: `시도가 너무 많습니다. ${retryText(attempt.retryAfterSeconds)} 후 다시 시도하세요.` };
      }
      if (!(await isValidSetupCode(db, input.setupCode ?? ""))) {
        await audit({
          action: "first_admin_refused",
          actor: { id: null, email: input.email },
          details: { reason: "wrong-setup-code" },
        });
        return { fieldErrors: { setupCode: "설정 코드가 맞지 않습니다. 서버 로그에 출력된 코드를 확인하세요." } };
      }
      await forgiveSignInAttempt(db, setupCodeThrottleKey, client);
    }

    const outcome = await createStaffUser(db, { ...input, role: "admin" }, { firstAdmin: true });
    if (outcome.status !== "created") {
      return { error: "이미 계정이 만들어졌습니다. 새로 고친 뒤 로그인하세요." };
    }
    await audit({
      action: "first_admin_created",
      actor: { id: outcome.user.id, email: outcome.user.email },
      target: outcome.user.email,
    });
    logger.info({ event: "auth", action: "first-admin", userId: outcome.user.id }, "first administrator created");

    // Signed in straight away; nextCookies() writes the session cookie into this action's answer.
    const auth = await getAuth();
    await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: authRequestHeaders(requestHeaders),
    });
    redirect(safeNextPath(input.next) ?? "/");
  },
);

export const signOut = publicAction({ input: z.object({}) }, async (_input, { requestHeaders }) => {
  const auth = await getAuth();
  // Deletes the session row, not only the cookie: a copied cookie stops working too. A session
  // that is already gone (signed out in another tab) is no reason to fail.
  await auth.api.signOut({ headers: authRequestHeaders(requestHeaders) }).catch((error: unknown) => {
    if (!isAPIError(error)) throw error;
  });
  redirect("/login");
});

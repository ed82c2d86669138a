"use client";

import { useRouter } from "next/navigation";
import { SubmitButton, useActionForm } from "@/components/ui/action-form";
import { FormAlert, fieldInputClass, LabelledField } from "@/components/ui/form-controls";
import type { ActionState } from "@/lib/auth/action-state";

// Posts to Better Auth's /api/auth/sign-in/email from the browser rather than through a server
// action: only requests that reach its HTTP handler are counted by its per-client rate limiter.

// Whole minutes (or seconds under one) from Retry-After (our throttle) or X-Retry-After (Better
// Auth's limiter).
function waitText(response: Response): string {
  const seconds = Number(response.headers.get("retry-after") ?? response.headers.get("x-retry-after"));
  if (!Number.isFinite(seconds) || seconds <= 0) return "잠시";
  return seconds < 60 ? `${Math.ceil(seconds)}초` : `${Math.ceil(seconds / 60)}분`;
}

// One message for a wrong password and an unknown email, and one for every kind of wait, so the
// answer never says whether an account exists.
function messageFor(response: Response, code: string | undefined): string {
  const { status } = response;
  if (status === 401 || status === 400) return "이메일 또는 비밀번호가 올바르지 않습니다.";
  if (status === 429) return `로그인 시도가 너무 많습니다. ${waitText(response)} 후 다시 시도하세요.`;
  if (status === 403 && code === "BANNED_USER") return "비활성화된 계정입니다. 관리자에게 문의하세요.";
  return "로그인하지 못했습니다. 잠시 후 다시 시도하세요.";
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  // A client action, so the form shares the server actions' pending state and kept values.
  async function signIn(_previous: ActionState, form: FormData): Promise<ActionState> {
    const email = String(form.get("email") ?? "");
    const refused = (error: string): ActionState => ({ error, values: { email } });
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ email, password: form.get("password") }),
      });
      if (response.ok) {
        router.replace(next);
        router.refresh();
        return { done: "로그인했습니다." };
      }
      const body = (await response.json().catch(() => ({}))) as { code?: string };
      return refused(messageFor(response, body.code));
    } catch {
      return refused("서버에 연결하지 못했습니다. 네트워크를 확인하세요.");
    }
  }
  const login = useActionForm(signIn, ["email", "password"]);

  return (
    // A client action renders no URL to post to: should the script not run, nothing is sent.
    <form action={login.formAction} className="flex flex-col gap-4">
      <LabelledField label="이메일">
        <input {...login.field("email")} type="email" autoComplete="username" required className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="비밀번호">
        <input
          {...login.field("password")}
          type="password"
          autoComplete="current-password"
          required
          className={fieldInputClass}
        />
      </LabelledField>
      <FormAlert message={login.formError} />
      <SubmitButton pendingLabel="로그인 중…" label="로그인" busy={Boolean(login.state.done)} />
      <p className="text-xs text-slate-500">계정이 없거나 비밀번호를 잊었으면 관리자에게 문의하세요.</p>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FormAlert, fieldInputClass, LabelledField, SubmitButton } from "@/components/ui/form-controls";

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
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        router.replace(next);
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { code?: string };
      setError(messageFor(response, body.code));
    } catch {
      setError("서버에 연결하지 못했습니다. 네트워크를 확인하세요.");
    }
    setPending(false);
  }

  return (
    // method="post": should the script not run, the browser must not put the password in the URL.
    <form method="post" onSubmit={signIn} className="flex flex-col gap-4">
      <LabelledField label="이메일">
        <input name="email" type="email" autoComplete="username" required className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="비밀번호">
        <input name="password" type="password" autoComplete="current-password" required className={fieldInputClass} />
      </LabelledField>
      <FormAlert message={error} />
      <SubmitButton pending={pending} pendingLabel="로그인 중…" label="로그인" />
      <p className="text-xs text-slate-500">계정이 없거나 비밀번호를 잊었으면 관리자에게 문의하세요.</p>
    </form>
  );
}

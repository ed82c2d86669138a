"use client";

import { useActionState } from "react";
import { passwordRules } from "@/lib/auth/password-rules";
import { createFirstAdmin, type FormState } from "../actions";

const inputClass =
  "rounded-md border border-slate-300 px-3 py-2 text-base font-normal focus:border-slate-900 focus:outline-none sm:text-sm";

export function FirstAdminForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createFirstAdmin, {});
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        이메일
        <input name="email" type="email" autoComplete="username" required className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          이름 <span className="text-xs font-normal text-slate-500">(선택)</span>
        </span>
        <input name="name" type="text" autoComplete="name" maxLength={100} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          비밀번호 <span className="text-xs font-normal text-slate-500">({passwordRules.min}자 이상)</span>
        </span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordRules.min}
          maxLength={passwordRules.max}
          className={inputClass}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        비밀번호 확인
        <input
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordRules.min}
          maxLength={passwordRules.max}
          className={inputClass}
        />
      </label>
      {state.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? "만드는 중…" : "관리자 계정 만들고 로그인"}
      </button>
    </form>
  );
}

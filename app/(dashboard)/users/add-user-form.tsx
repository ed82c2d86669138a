"use client";

import { useActionState } from "react";
import { passwordRules } from "@/lib/auth/password-rules";
import { staffRoleLabels } from "@/lib/auth/roles";
import { addUser, type UserFormState } from "./actions";

const inputClass =
  "rounded-md border border-slate-300 px-3 py-2 text-base font-normal focus:border-slate-900 focus:outline-none sm:text-sm";

export function AddUserForm() {
  const [state, action, pending] = useActionState<UserFormState, FormData>(addUser, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        이메일
        <input name="email" type="email" autoComplete="off" required className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          이름 <span className="text-xs font-normal text-slate-500">(선택)</span>
        </span>
        <input name="name" type="text" autoComplete="off" maxLength={100} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        역할
        <select name="role" defaultValue="viewer" className={inputClass}>
          <option value="viewer">{staffRoleLabels.viewer}</option>
          <option value="admin">{staffRoleLabels.admin}</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          처음 비밀번호 <span className="text-xs font-normal text-slate-500">({passwordRules.min}자 이상)</span>
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
      <p className="text-xs text-slate-500">비밀번호는 메신저가 아닌 안전한 경로로 전달하세요.</p>
      {state.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      {state.done ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          {state.done}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? "추가 중…" : "사용자 추가"}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import {
  FormAlert,
  fieldInputClass,
  LabelledField,
  NewPasswordInput,
  newPasswordHint,
  SubmitButton,
} from "@/components/ui/form-controls";
import { staffRoleLabels } from "@/lib/auth/roles";
import { addUser, type UserFormState } from "./actions";

export function AddUserForm() {
  const [state, action, pending] = useActionState<UserFormState, FormData>(addUser, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <LabelledField label="이메일">
        <input name="email" type="email" autoComplete="off" required className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="이름" hint="선택">
        <input name="name" type="text" autoComplete="off" maxLength={100} className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="역할">
        <select name="role" defaultValue="viewer" className={fieldInputClass}>
          <option value="viewer">{staffRoleLabels.viewer}</option>
          <option value="admin">{staffRoleLabels.admin}</option>
        </select>
      </LabelledField>
      <LabelledField label="처음 비밀번호" hint={newPasswordHint}>
        <NewPasswordInput name="password" />
      </LabelledField>
      <p className="text-xs text-slate-500">비밀번호는 메신저가 아닌 안전한 경로로 전달하세요.</p>
      <FormAlert message={state.error} />
      {state.done ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          {state.done}
        </p>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="추가 중…" label="사용자 추가" />
    </form>
  );
}

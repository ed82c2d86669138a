"use client";

import { SubmitButton, useActionForm } from "@/components/ui/action-form";
import {
  FormAlert,
  fieldInputClass,
  LabelledField,
  NewPasswordField,
  NewStaffFields,
} from "@/components/ui/form-controls";
import { staffRoleLabels } from "@/lib/auth/roles";
import { addUser } from "./actions";

const shownFields = ["email", "name", "role", "password"];

export function AddUserForm() {
  const form = useActionForm(addUser, shownFields);
  const role = form.field("role", "viewer");
  return (
    <form action={form.formAction} className="flex flex-col gap-3">
      <NewStaffFields form={form} own={false} />
      <LabelledField label="역할" error={form.fieldError("role")}>
        {/* Keyed by the kept value: React applies a select's default only when it is created. */}
        <select key={role.defaultValue} {...role} className={fieldInputClass}>
          <option value="viewer">{staffRoleLabels.viewer}</option>
          <option value="admin">{staffRoleLabels.admin}</option>
        </select>
      </LabelledField>
      <NewPasswordField form={form} name="password" label="처음 비밀번호" />
      <p className="text-xs text-slate-500">비밀번호는 메신저가 아닌 안전한 경로로 전달하세요.</p>
      <FormAlert message={form.formError} />
      {form.state.done ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          {form.state.done}
        </p>
      ) : null}
      <SubmitButton pendingLabel="추가 중…" label="사용자 추가" />
    </form>
  );
}

"use client";

import { SubmitButton, useActionForm } from "@/components/ui/action-form";
import {
  FormAlert,
  fieldInputClass,
  LabelledField,
  NewPasswordField,
  NewStaffFields,
} from "@/components/ui/form-controls";
import { createFirstAdmin } from "../actions";

const shownFields = ["setupCode", "email", "name", "password", "passwordConfirm"];

export function FirstAdminForm({ next, needsSetupCode }: { next: string; needsSetupCode: boolean }) {
  const form = useActionForm(createFirstAdmin, shownFields);
  return (
    <form action={form.formAction} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      {needsSetupCode ? (
        <LabelledField label="설정 코드" hint="서버 로그에 출력된 12자리 코드" error={form.fieldError("setupCode")}>
          <input
            {...form.field("setupCode")}
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={64}
            placeholder="XXXX-XXXX-XXXX"
            className={`${fieldInputClass} font-mono tracking-wider`}
          />
        </LabelledField>
      ) : null}
      <NewStaffFields form={form} own={true} />
      <NewPasswordField form={form} name="password" label="비밀번호" />
      <NewPasswordField form={form} name="passwordConfirm" label="비밀번호 확인" confirming />
      <FormAlert message={form.formError} />
      <SubmitButton pendingLabel="만드는 중…" label="관리자 계정 만들고 로그인" />
    </form>
  );
}

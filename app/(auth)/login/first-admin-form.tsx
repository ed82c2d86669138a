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
import { createFirstAdmin, type FormState } from "../actions";

export function FirstAdminForm({ next, needsSetupCode }: { next: string; needsSetupCode: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createFirstAdmin, {});
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      {needsSetupCode ? (
        <LabelledField label="설정 코드" hint="서버 로그에 출력된 12자리 코드">
          <input
            name="setupCode"
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
      <LabelledField label="이메일">
        <input name="email" type="email" autoComplete="username" required className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="이름" hint="선택">
        <input name="name" type="text" autoComplete="name" maxLength={100} className={fieldInputClass} />
      </LabelledField>
      <LabelledField label="비밀번호" hint={newPasswordHint}>
        <NewPasswordInput name="password" />
      </LabelledField>
      <LabelledField label="비밀번호 확인">
        <NewPasswordInput name="passwordConfirm" />
      </LabelledField>
      <FormAlert message={state.error} />
      <SubmitButton pending={pending} pendingLabel="만드는 중…" label="관리자 계정 만들고 로그인" />
    </form>
  );
}

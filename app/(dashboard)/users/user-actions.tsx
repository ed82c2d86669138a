"use client";

import { SubmitButton, useActionForm } from "@/components/ui/action-form";
import { type StaffRole, staffRoleLabels, staffRoles } from "@/lib/auth/roles";
import { changeUserRole, disableUser, enableUser, removeUser } from "./actions";

// "…로 변경" with the particle each label takes.
const changeToLabels: Record<StaffRole, string> = { admin: "관리자로", viewer: "조회 전용으로" };

const buttonClass =
  "w-full rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60";

export function UserActions({
  userId,
  email,
  banned,
  role,
}: {
  userId: string;
  email: string;
  banned: boolean;
  role: StaffRole;
}) {
  const toggle = useActionForm(banned ? enableUser : disableUser);
  const remove = useActionForm(removeUser);
  const setRole = useActionForm(changeUserRole);
  const error = toggle.formError ?? remove.formError ?? setRole.formError;
  const otherRole = staffRoles.find((candidate) => candidate !== role) ?? role;

  return (
    <div className="flex flex-col items-end gap-1">
      {/* Stacked on a phone: side by side they would leave the address a third of the row. */}
      <div className="flex flex-col items-stretch gap-1.5 sm:flex-row sm:justify-end sm:gap-2">
        <form action={setRole.formAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="role" value={otherRole} />
          <SubmitButton
            label={`${changeToLabels[otherRole]} 변경`}
            pendingLabel="변경 중…"
            className={buttonClass}
            aria-label={`${email} 역할을 ${changeToLabels[otherRole]} 변경`}
            title={`역할: ${staffRoleLabels[role]} → ${staffRoleLabels[otherRole]}`}
          />
        </form>
        <form action={toggle.formAction}>
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton
            label={banned ? "활성화" : "비활성화"}
            pendingLabel={banned ? "활성화 중…" : "비활성화 중…"}
            className={buttonClass}
            aria-label={`${email} ${banned ? "활성화" : "비활성화"}`}
          />
        </form>
        <form
          action={remove.formAction}
          onSubmit={(event) => {
            if (!window.confirm(`${email} 계정을 삭제할까요? 되돌릴 수 없습니다.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton
            label="삭제"
            pendingLabel="삭제 중…"
            className={`${buttonClass} border-red-300 text-red-700 hover:bg-red-50`}
            aria-label={`${email} 삭제`}
          />
        </form>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

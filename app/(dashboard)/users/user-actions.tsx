"use client";

import { useActionState } from "react";
import { disableUser, enableUser, removeUser, type UserFormState } from "./actions";

const buttonClass =
  "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60";

export function UserActions({ userId, email, banned }: { userId: string; email: string; banned: boolean }) {
  const [toggleState, toggle, toggling] = useActionState<UserFormState, FormData>(
    banned ? enableUser : disableUser,
    {},
  );
  const [removeState, remove, removing] = useActionState<UserFormState, FormData>(removeUser, {});
  const error = toggleState.error ?? removeState.error;

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex justify-end gap-2">
        <form action={toggle}>
          <input type="hidden" name="userId" value={userId} />
          <button
            type="submit"
            disabled={toggling}
            className={buttonClass}
            aria-label={`${email} ${banned ? "활성화" : "비활성화"}`}
          >
            {banned ? "활성화" : "비활성화"}
          </button>
        </form>
        <form
          action={remove}
          onSubmit={(event) => {
            if (!window.confirm(`${email} 계정을 삭제할까요? 되돌릴 수 없습니다.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={userId} />
          <button
            type="submit"
            disabled={removing}
            className={`${buttonClass} border-red-300 text-red-700 hover:bg-red-50`}
            aria-label={`${email} 삭제`}
          >
            삭제
          </button>
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

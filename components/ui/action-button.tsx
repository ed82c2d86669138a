"use client";

import type { ActionState } from "@/lib/auth/action-state";
import { PendingNotice, SubmitButton, useActionForm } from "./action-form";

// One button that runs a server action (components/ui/action-form.tsx): its label turns into the
// pending one and the button is disabled while the action runs (a second click would send it
// twice), and the action's answer is announced beside it.

type ButtonAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

// "plain" sits beside each row of a list (확인, 다시 보내기): a list of them must not shout, and
// their answers stay as narrow as the column. The filled ones are a card's one action; "menu" is a
// link-like button among the shell's small print (로그아웃).
const looks = {
  plain: {
    form: "items-start gap-1 sm:items-end",
    button:
      "border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-800 hover:bg-slate-100",
    message: "max-w-xs text-xs",
  },
  blue: {
    form: "items-start gap-2",
    button: "bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800",
    message: "text-sm",
  },
  violet: {
    form: "items-start gap-2",
    button: "bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800",
    message: "text-sm",
  },
  menu: {
    form: "items-start gap-1",
    button: "px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200",
    message: "max-w-xs text-xs",
  },
} as const;

export function ActionButton({
  action,
  fields = {},
  label,
  pendingLabel,
  accessibleName,
  pendingNotice,
  look = "plain",
}: {
  action: ButtonAction;
  /** Sent with the form, for an action that takes its subject from the form. */
  fields?: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  /** When the label alone does not say which row it acts on. */
  accessibleName?: string;
  /** What is going on meanwhile, for an action that takes long enough to wonder. */
  pendingNotice?: string;
  look?: keyof typeof looks;
}) {
  const { state, formAction, formError } = useActionForm(action);
  const style = looks[look];
  return (
    <form action={formAction} className={`flex flex-col ${style.form}`}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        label={label}
        pendingLabel={pendingLabel}
        aria-label={accessibleName}
        className={`rounded-md disabled:opacity-60 ${style.button}`}
      />
      {pendingNotice ? (
        <PendingNotice className={`break-keep text-slate-600 ${style.message}`}>{pendingNotice}</PendingNotice>
      ) : null}
      {formError ? (
        <p role="alert" className={`break-keep text-red-700 ${style.message}`}>
          {formError}
        </p>
      ) : null}
      {state.done ? (
        <p role="status" className={`break-keep text-emerald-800 ${style.message}`}>
          {state.done}
        </p>
      ) : null}
    </form>
  );
}

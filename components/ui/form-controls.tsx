import type { ReactNode } from "react";
import { passwordRules } from "@/lib/auth/password-rules";

// The pieces of the account forms (sign-in, first administrator, add user).

export const fieldInputClass =
  "rounded-md border border-slate-300 px-3 py-2 text-base font-normal focus:border-slate-900 focus:outline-none sm:text-sm";

export function LabelledField({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in, which wraps it.
    <label className="flex flex-col gap-1 text-sm font-medium">
      {hint ? (
        <span>
          {label} <span className="text-xs font-normal text-slate-500">({hint})</span>
        </span>
      ) : (
        label
      )}
      {children}
    </label>
  );
}

export const newPasswordHint = `${passwordRules.min}자 이상`;

export function NewPasswordInput({ name }: { name: string }) {
  return (
    <input
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={passwordRules.min}
      maxLength={passwordRules.max}
      className={fieldInputClass}
    />
  );
}

export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

export function SubmitButton({
  pending,
  pendingLabel,
  label,
}: {
  pending: boolean;
  pendingLabel: string;
  label: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError } from "@/components/ui/action-form";
import { passwordRules } from "@/lib/auth/password-rules";

// The pieces of the account forms (sign-in, first administrator, add user). Their pending state
// and kept values come from components/ui/action-form.tsx.

export const fieldInputClass =
  "rounded-md border border-slate-300 px-3 py-2 text-base font-normal focus:border-slate-900 focus:outline-none sm:text-sm";

export function LabelledField({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  /** The field's refusal, beside it (useActionForm's fieldError). */
  error?: { id: string; message: string | undefined };
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in, which wraps it. */}
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
      {error ? <FieldError {...error} /> : null}
    </div>
  );
}

export const newPasswordHint = `${passwordRules.min}자 이상`;

/** Never given a default: a password is not sent back after a refusal. */
export function NewPasswordInput(props: InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  return (
    <input
      {...props}
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

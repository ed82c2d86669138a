"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { FieldError, type useActionForm } from "@/components/ui/action-form";
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

/**
 * 이메일 and 이름 of a new staff account. `own`: the person is making their own account (the
 * first administrator), so the browser may fill and remember them; an admin adding someone else
 * gets nothing filled in.
 */
export function NewStaffFields({ form, own }: { form: ReturnType<typeof useActionForm>; own: boolean }) {
  return (
    <>
      <LabelledField label="이메일" error={form.fieldError("email")}>
        <input
          {...form.field("email")}
          type="email"
          autoComplete={own ? "username" : "off"}
          required
          className={fieldInputClass}
        />
      </LabelledField>
      <LabelledField label="이름" hint="선택" error={form.fieldError("name")}>
        <input
          {...form.field("name")}
          type="text"
          autoComplete={own ? "name" : "off"}
          maxLength={100}
          className={fieldInputClass}
        />
      </LabelledField>
    </>
  );
}

/**
 * A new password, labelled, with the length rule in the hint (left out on the confirming field).
 * Its kept value is always empty: lib/auth/action.ts never sends a password back after a refusal.
 */
export function NewPasswordField({
  form,
  name,
  label,
  confirming = false,
}: {
  form: ReturnType<typeof useActionForm>;
  name: string;
  label: string;
  confirming?: boolean;
}) {
  return (
    <LabelledField
      label={label}
      hint={confirming ? undefined : `${passwordRules.min}자 이상`}
      error={form.fieldError(name)}
    >
      <input
        {...form.field(name)}
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordRules.min}
        maxLength={passwordRules.max}
        className={fieldInputClass}
      />
    </LabelledField>
  );
}

/** The form's refusal; gone while the form is sent again, so an answer is never mistaken for the next one. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  const { pending } = useFormStatus();
  if (!message || pending) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

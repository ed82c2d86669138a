"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/auth/action-state";

// The one way a form runs a server action (lib/auth/action.ts) and shows its answer. React empties
// a form after its action; the answer to a refused form carries what was typed (passwords aside),
// and `field(name)` gives each input that as its default, with the field's error tied to it.
// `formError` is the refusal that belongs to no field the form shows (hidden ids included).
// SubmitButton reads the pending state of the form it sits in, so no form passes it around.

type FormAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

export function useActionForm(action: FormAction, shownFields: readonly string[] = []) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, {});
  const id = useId();
  const errorId = (name: string) => `${id}-${name}-error`;
  const fieldErrors = state.fieldErrors ?? {};
  const unshown = Object.entries(fieldErrors).find(([name]) => !shownFields.includes(name));
  return {
    state,
    formAction,
    formError: state.error ?? unshown?.[1],
    /**
     * Props for a field's input: its name, what was typed before a refusal (else `initial`, which
     * is also what a successful answer puts back), its error.
     */
    field: (name: string, initial = "") => {
      const error = fieldErrors[name];
      return {
        name,
        defaultValue: state.values?.[name] ?? initial,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? errorId(name) : undefined,
      };
    },
    /** Props for FieldError beside the field. */
    fieldError: (name: string) => ({ id: errorId(name), message: fieldErrors[name] }),
  };
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700">
      {message}
    </p>
  );
}

/** The form's button: its label turns into the pending one and it is disabled while the action runs. */
export function SubmitButton({
  label,
  pendingLabel,
  busy = false,
  className = "rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60",
  ...rest
}: {
  label: string;
  pendingLabel: string;
  /** Still at work after the action answered (a page it navigates to is loading). */
  busy?: boolean;
  className?: string;
  "aria-label"?: string;
  title?: string;
}) {
  const pending = useFormStatus().pending || busy;
  return (
    <button type="submit" disabled={pending} className={className} {...rest}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** Shown while the form's action runs, for an action that takes long enough to wonder. */
export function PendingNotice({ className, children }: { className?: string; children: string }) {
  const { pending } = useFormStatus();
  if (!pending) return null;
  return (
    <p role="status" className={className}>
      {children}
    </p>
  );
}

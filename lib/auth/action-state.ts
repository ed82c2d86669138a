import type { z } from "zod";

// What every server action answers its form, and the pure steps that build it (lib/auth/action.ts
// runs them): the fields read from the submitted form, the errors keyed by field, and the values
// sent back so that a form refused by the server shows what the user typed (React empties a form
// after its action; the form's inputs take these as their defaults).

export interface ActionState {
  /** A refusal that belongs to no one field (or to a field the form does not show). */
  error?: string;
  /** Refusals of single fields, keyed by the field's name: shown beside the field. */
  fieldErrors?: Record<string, string>;
  /** What was done, when it worked. */
  done?: string;
  /** What was submitted, after a refusal: never a password or another secret. */
  values?: Record<string, string>;
}

/** What an action's own code answers; the wrapper adds the submitted values to a refusal. */
export type ActionResult = Omit<ActionState, "values">;

export const checkInputText = "입력을 확인하세요.";

/** Anything named like a password is never sent back, whatever the action's own list says. */
export function isSecretField(name: string, secrets: readonly string[] = []): boolean {
  return /password/i.test(name) || secrets.includes(name);
}

/**
 * The submitted form as the schema's input: each field's first value, absent fields left out.
 * Next.js's own entries ($ACTION_…, sent when a form posts before its script has loaded) are not
 * the action's input, and a field named __proto__ would set the object's prototype.
 */
export function formFields(form: FormData | undefined): Record<string, FormDataEntryValue> {
  const fields: Record<string, FormDataEntryValue> = {};
  if (!form) return fields;
  for (const [name, value] of form.entries()) {
    if (name.startsWith("$") || name === "__proto__" || Object.hasOwn(fields, name)) continue;
    fields[name] = value;
  }
  return fields;
}

/** The typed text to show again; files and secrets stay behind. */
export function keptValues(
  fields: Record<string, FormDataEntryValue>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string" && !isSecretField(name, secrets)) values[name] = value;
  }
  return values;
}

/**
 * The schema's refusals, the first per field. A refusal of the form as a whole (a check across
 * fields that names no path) is the form's error. Issues without a Korean message of the schema's
 * own (a field missing from a forged request) read as the general one.
 */
export function refusalOf(error: z.ZodError): ActionResult {
  const fieldErrors: Record<string, string> = {};
  let formError: string | undefined;
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string") {
      fieldErrors[field] ??= issue.message;
    } else {
      formError ??= issue.message;
    }
  }
  const result: ActionResult = {};
  if (formError) result.error = formError;
  if (Object.keys(fieldErrors).length > 0) result.fieldErrors = fieldErrors;
  if (!result.error && !result.fieldErrors) result.error = checkInputText;
  return result;
}

export function isRefusal(result: ActionResult): boolean {
  return Boolean(result.error || (result.fieldErrors && Object.keys(result.fieldErrors).length > 0));
}

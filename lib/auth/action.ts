import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { type Database, getDb } from "@/db";
import type { StaffAction } from "@/lib/audit/actions";
import { type AuditActor, recordRequestAction } from "@/lib/audit/record";
import { requestClientAddress } from "@/lib/http/client-address";
import {
  type ActionResult,
  type ActionState,
  checkInputText,
  formFields,
  isRefusal,
  keptValues,
  refusalOf,
} from "./action-state";
import { AccessDeniedError, requireAdmin, requireUser, type Staff } from "./session";

// The one way to write a server action (after next-saas-starter's validatedActionWithUser): who
// may call it, the zod schema of its form, and what it does. The wrapper checks the role (a
// signed-out caller is sent to the login page; a viewer at an admin action gets `denied`), parses
// the form (refusals keyed by field, in the schema's Korean), hands over the database, the
// request's headers and an audit writer with the caller filled in, and on any refusal sends back
// what was typed, passwords and `secrets` aside, for the form to show again.
//
// Every action answers `(previous, form)`, the shape useActionState calls; ids travel as hidden
// fields and are parsed like any other input.

export type { ActionResult, ActionState } from "./action-state";

type ErrorClass = abstract new (...args: never[]) => Error;

export interface ActionOptions<Input extends z.ZodType> {
  /** The form's fields; unknown fields are dropped, as z.object does. */
  input: Input;
  /** The refusal a signed-in viewer gets from an admin action. */
  denied?: string;
  /** Errors whose message is the refusal to show (a rule of the domain, not a fault). */
  refuses?: readonly ErrorClass[];
  /** Fields never sent back besides those named like a password (a setup code). */
  secrets?: readonly string[];
}

export interface AuditEntry {
  action: StaffAction;
  target?: string | null;
  details?: Record<string, unknown>;
  /** Who, when not the signed-in caller (a first administrator, someone refused). */
  actor?: AuditActor | null;
}

export interface ActionContext<Caller> {
  staff: Caller;
  db: Database;
  requestHeaders: Headers;
  clientAddr: string | null;
  audit: (entry: AuditEntry) => Promise<void>;
}

export type ServerAction = (previous: ActionState, form?: FormData) => Promise<ActionState>;

type Run<Input extends z.ZodType, Caller> = (
  input: z.output<Input>,
  context: ActionContext<Caller>,
) => Promise<ActionResult | undefined>;

function actionFor<Caller extends Staff | null>(caller: () => Promise<Caller>) {
  return <Input extends z.ZodType>(options: ActionOptions<Input>, run: Run<Input, Caller>): ServerAction =>
    async (_previous, form) => {
      const denied = (error: AccessDeniedError): ActionState => ({ error: options.denied ?? error.message });
      let staff: Caller;
      try {
        staff = await caller();
      } catch (error) {
        if (error instanceof AccessDeniedError) return denied(error);
        throw error;
      }
      const fields = formFields(form);
      const refused = (result: ActionResult): ActionState => ({
        ...result,
        values: keptValues(fields, options.secrets),
      });
      // The schema's own Korean messages come first; this covers what it leaves unsaid.
      const parsed = options.input.safeParse(fields, { error: () => checkInputText });
      if (!parsed.success) return refused(refusalOf(parsed.error));

      const db = await getDb();
      const requestHeaders = await headers();
      const context: ActionContext<Caller> = {
        staff,
        db,
        requestHeaders,
        clientAddr: requestClientAddress(requestHeaders),
        audit: ({ actor, ...entry }) =>
          recordRequestAction(db, requestHeaders, {
            ...entry,
            actor: actor !== undefined ? actor : staff && { id: staff.id, email: staff.email },
          }),
      };
      let result: ActionResult;
      try {
        result = (await run(parsed.data, context)) ?? {};
      } catch (error) {
        if (error instanceof AccessDeniedError) return refused(denied(error));
        if (options.refuses?.some((refusal) => error instanceof refusal)) {
          return refused({ error: (error as Error).message });
        }
        throw error;
      }
      return isRefusal(result) ? refused(result) : result;
    };
}

/** Anyone, signed in or not: the sign-in pages. */
export const publicAction = actionFor(async () => null);
/** Any signed-in staff member, viewer or admin. */
export const staffAction = actionFor(requireUser);
/** Administrators only. */
export const adminAction = actionFor(requireAdmin);

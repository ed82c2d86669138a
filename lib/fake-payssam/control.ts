import { z } from "zod";

// The fake PaySsam's control API (`/control/*`): how tests, the simulator and a person at a
// terminal tell it what PaySsam's record holds and how to answer. One schema per body; a bad body
// is refused with what was wrong, never stored half-read.

export const fakeBillStates = ["F", "W", "C", "D"] as const;
export const fakeModes = ["normal", "error", "http500", "garbage", "timeout", "not_json"] as const;

const billId = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, "billId: 1-20 letters, digits, - or _");

/** One bill as PaySsam's record should hold it (paid without a callback: set F and send nothing). */
export const fakeBillInstructionSchema = z.strictObject({
  billId,
  apprState: z.enum(fakeBillStates).default("F"),
  apprPrice: z.number().int().positive().optional(),
  apprNum: z.string().max(40).optional(),
  /** ISO 8601 instant. */
  apprDt: z.iso.datetime({ offset: true }).optional(),
  apprPayType: z.string().max(40).optional(),
  apprIssuer: z.string().max(40).optional(),
  /** The approval's other fields as PaySsam's read would carry them (v2 keys); never an apiKey. */
  approval: z
    .record(z.string().max(40), z.unknown())
    .refine((fields) => !("apiKey" in fields || "apikey" in fields), "must not carry an apiKey")
    .optional(),
});

export type FakeBillInstruction = z.input<typeof fakeBillInstructionSchema>;

const billListSchema = z.strictObject({ bills: z.array(fakeBillInstructionSchema).min(1).max(10_000) });

/** POST /control/bills: one bill, or up to 10,000 as {"bills": […]}; a refusal names the field. */
export function parseFakeBillsControl(input: unknown) {
  const list = typeof input === "object" && input !== null && "bills" in input;
  const parsed = list ? billListSchema.safeParse(input) : fakeBillInstructionSchema.safeParse(input);
  if (!parsed.success) return parsed;
  return { success: true as const, data: "bills" in parsed.data ? parsed.data.bills : [parsed.data] };
}

/** POST /control/mode: how to answer for one bill, or for every bill without billId. */
export const fakeModeControlSchema = z.strictObject({ mode: z.enum(fakeModes), billId: billId.optional() });

/** The issues of a refused control body, one line each. */
export function controlErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
}

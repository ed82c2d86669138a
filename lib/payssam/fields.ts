import { z } from "zod";
import { parseKstCompact } from "@/lib/kst";

// Field rules shared by both payload schemas. PaySsam sends every field as a string; optional
// ones may be missing, null or "", which all mean "not given" and are stored as NULL.

const isBlank = (value: unknown) => value === undefined || value === null || value === "";

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const codePoints = (value: string) => [...value].length;

export function requiredText(maxLength: number) {
  return z.unknown().transform((value, ctx) => {
    if (isBlank(value)) {
      ctx.addIssue({ code: "custom", message: "is required" });
      return z.NEVER;
    }
    if (typeof value !== "string") {
      ctx.addIssue({ code: "custom", message: `must be a string, got ${describeValue(value)}` });
      return z.NEVER;
    }
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: "must not be blank" });
      return z.NEVER;
    }
    if (codePoints(value) > maxLength) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${maxLength} characters, got ${codePoints(value)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

export const optionalText = z.unknown().transform((value, ctx): string | null => {
  if (isBlank(value)) return null;
  if (typeof value !== "string") {
    ctx.addIssue({ code: "custom", message: `must be a string or null, got ${describeValue(value)}` });
    return z.NEVER;
  }
  return value;
});

export function requiredCode<const Code extends string>(codes: readonly Code[], meaning: string) {
  return z.unknown().transform((value, ctx): Code => {
    if (isBlank(value)) {
      ctx.addIssue({ code: "custom", message: `is required (${meaning})` });
      return z.NEVER;
    }
    if (typeof value !== "string" || !codes.includes(value as Code)) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${codes.join(", ")} (${meaning}), got ${describeValue(value)}`,
      });
      return z.NEVER;
    }
    return value as Code;
  });
}

function kstTimestampCheck(value: unknown, ctx: z.RefinementCtx): Date {
  if (typeof value !== "string") {
    ctx.addIssue({
      code: "custom",
      message: `must be a yyyyMMddHHmmss string (Korea time), got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const instant = parseKstCompact(value);
  if (!instant) {
    ctx.addIssue({
      code: "custom",
      message: /^\d{14}$/.test(value)
        ? `is not a real date and time: ${describeValue(value)} (yyyyMMddHHmmss, Korea time)`
        : `must be 14 digits yyyyMMddHHmmss (Korea time), got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  return instant;
}

export const requiredKstTimestamp = z.unknown().transform((value, ctx): Date => {
  if (isBlank(value)) {
    ctx.addIssue({ code: "custom", message: "is required (yyyyMMddHHmmss, Korea time)" });
    return z.NEVER;
  }
  return kstTimestampCheck(value, ctx);
});

export const optionalKstTimestamp = z
  .unknown()
  .transform((value, ctx): Date | null => (isBlank(value) ? null : kstTimestampCheck(value, ctx)));

/** Whole won: digits only ("12000"); a JSON integer is accepted too. */
export const wonAmount = z.unknown().transform((value, ctx): number => {
  if (isBlank(value)) {
    ctx.addIssue({ code: "custom", message: "is required (whole won, digits only)" });
    return z.NEVER;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 999_999_999_999) {
    return value;
  }
  if (typeof value === "string" && /^\d{1,12}$/.test(value)) return Number(value);
  ctx.addIssue({
    code: "custom",
    message: `must be a whole number of won with digits only, e.g. "12000", got ${describeValue(value)}`,
  });
  return z.NEVER;
});

/** Installment months: "0"/"00" is a lump sum. */
export const installmentMonths = z.unknown().transform((value, ctx): number | null => {
  if (isBlank(value)) return null;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 99) return value;
  if (typeof value === "string" && /^\d{1,2}$/.test(value)) return Number(value);
  ctx.addIssue({
    code: "custom",
    message: `must be a number of months from 0 to 99 ("0" = lump sum), got ${describeValue(value)}`,
  });
  return z.NEVER;
});

/** PaySsam's Y/N flag; true/false in either spelling is accepted too. */
export const yesNoFlag = z.unknown().transform((value, ctx): boolean => {
  if (isBlank(value)) return false;
  if (value === true || value === false) return value;
  if (typeof value === "string") {
    const flag = value.trim().toUpperCase();
    if (flag === "Y" || flag === "TRUE") return true;
    if (flag === "N" || flag === "FALSE") return false;
  }
  ctx.addIssue({ code: "custom", message: `must be "Y" or "N", got ${describeValue(value)}` });
  return z.NEVER;
});

/** Any JSON value; null when absent. */
export const anyJson = z.unknown().transform((value) => (value === undefined ? null : value));

/** The members of `payload` that the schema does not know, or null when there are none. */
export function extraMembers(payload: Record<string, unknown>, known: readonly string[]) {
  const extra = Object.fromEntries(Object.entries(payload).filter(([key]) => !known.includes(key)));
  return Object.keys(extra).length > 0 ? extra : null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An object schema that keeps unknown members and treats a missing member like null, so each
 * field's own rule decides between "is required" and "not given".
 */
export function payloadObject<Shape extends Record<string, z.ZodType>>(shape: Shape, error: string) {
  const absent = Object.fromEntries(Object.keys(shape).map((key) => [key, null]));
  return z.preprocess(
    (value) => (isPlainObject(value) ? { ...absent, ...withoutUndefined(value) } : value),
    z.looseObject(shape, { error }),
  );
}

function withoutUndefined(value: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}

import { z } from "zod";
import { parseKstCompact } from "@/lib/kst";

// Field rules shared by both payload schemas. PaySsam sends every field as a string; optional
// ones may be missing, null or "", which all mean "not given" and are stored as NULL. A FieldRule
// says what a field accepts; fieldSchema() turns it into the zod schema that accepts it, and
// refusal-explanations.ts into Korean when a value was refused.

export type FieldRule =
  | { kind: "text"; required: true; maxLength: number }
  | { kind: "text"; required: false }
  | { kind: "code"; codes: readonly string[]; labels: Record<string, string> }
  | { kind: "kstTime"; required: boolean }
  | { kind: "won" }
  | { kind: "months" }
  | { kind: "yesNo" }
  | { kind: "json" }
  | { kind: "object"; nullable: boolean }
  // Never shown back, not even masked: the apiKey and the URL token. Optional text otherwise.
  | { kind: "secret" };

export interface FieldDescription {
  /** Korean name, e.g. 할부 개월. */
  name: string;
  rule: FieldRule;
}

export const isBlank = (value: unknown) => value === undefined || value === null || value === "";

/** A received value as a message quotes it: short, and never a whole object. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

export const codePoints = (value: string) => [...value].length;

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

/** A code from a closed list; errors name each code with its Korean label (`F 승인, W 대기, …`). */
export function requiredCode<const Code extends string>(codes: readonly Code[], labels: Record<Code, string>) {
  const meaning = codes.map((code) => `${code} ${labels[code]}`).join(", ");
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

/** What a field of this rule holds once parsed. */
export type FieldValue<Rule extends FieldRule> = Rule extends { kind: "text"; required: true }
  ? string
  : Rule extends { kind: "text" } | { kind: "secret" }
    ? string | null
    : Rule extends { kind: "code"; codes: readonly (infer Code)[] }
      ? Code
      : Rule extends { kind: "kstTime"; required: true }
        ? Date
        : Rule extends { kind: "kstTime" }
          ? Date | null
          : Rule extends { kind: "won" }
            ? number
            : Rule extends { kind: "months" }
              ? number | null
              : Rule extends { kind: "yesNo" }
                ? boolean
                : unknown;

/** The zod schema that accepts what `rule` describes (objects have their own, nested schemas). */
export function fieldSchema<Rule extends FieldRule>(rule: Rule): z.ZodType<FieldValue<Rule>, unknown> {
  return schemaOf(rule) as z.ZodType<FieldValue<Rule>, unknown>;
}

function schemaOf(rule: FieldRule): z.ZodType {
  switch (rule.kind) {
    case "text":
      return rule.required ? requiredText(rule.maxLength) : optionalText;
    case "secret":
      return optionalText;
    case "code":
      return requiredCode(rule.codes, rule.labels);
    case "kstTime":
      return rule.required ? requiredKstTimestamp : optionalKstTimestamp;
    case "won":
      return wonAmount;
    case "months":
      return installmentMonths;
    case "yesNo":
      return yesNoFlag;
    case "json":
      return anyJson;
    case "object":
      throw new Error("fieldSchema: an object field is parsed by its own payloadObject schema");
  }
}

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

/**
 * What a field's rule makes of a value: the value to store, or why it is refused. Plain functions,
 * so that the approval's hot path can run them directly (approvalFromPayload) and the zod schemas
 * below wrap the very same functions: one rule, one implementation, whichever path runs it.
 */
export type FieldReading<Value> = { ok: true; value: Value } | { ok: false; message: string };
export type FieldReader<Value> = (value: unknown) => FieldReading<Value>;

const read = <Value>(value: Value): FieldReading<Value> => ({ ok: true, value });
const refuse = (message: string): FieldReading<never> => ({ ok: false, message });

function readRequiredText(maxLength: number): FieldReader<string> {
  return (value) => {
    if (isBlank(value)) return refuse("is required");
    if (typeof value !== "string") return refuse(`must be a string, got ${describeValue(value)}`);
    if (value.trim() === "") return refuse("must not be blank");
    // Only a string that could be too long is counted by code points (a UTF-16 length is at least that).
    if (value.length > maxLength && codePoints(value) > maxLength) {
      return refuse(`must be at most ${maxLength} characters, got ${codePoints(value)}`);
    }
    return read(value);
  };
}

const readOptionalText: FieldReader<string | null> = (value) => {
  if (isBlank(value)) return read(null);
  if (typeof value !== "string") return refuse(`must be a string or null, got ${describeValue(value)}`);
  return read(value);
};

function readCode<const Code extends string>(codes: readonly Code[], labels: Record<Code, string>): FieldReader<Code> {
  const meaning = codes.map((code) => `${code} ${labels[code]}`).join(", ");
  return (value) => {
    if (isBlank(value)) return refuse(`is required (${meaning})`);
    if (typeof value !== "string" || !codes.includes(value as Code)) {
      return refuse(`must be one of ${codes.join(", ")} (${meaning}), got ${describeValue(value)}`);
    }
    return read(value as Code);
  };
}

function readKstTimestamp(value: unknown): FieldReading<Date> {
  if (typeof value !== "string") {
    return refuse(`must be a yyyyMMddHHmmss string (Korea time), got ${describeValue(value)}`);
  }
  const instant = parseKstCompact(value);
  if (!instant) {
    return refuse(
      /^\d{14}$/.test(value)
        ? `is not a real date and time: ${describeValue(value)} (yyyyMMddHHmmss, Korea time)`
        : `must be 14 digits yyyyMMddHHmmss (Korea time), got ${describeValue(value)}`,
    );
  }
  return read(instant);
}

const readRequiredKstTimestamp: FieldReader<Date> = (value) =>
  isBlank(value) ? refuse("is required (yyyyMMddHHmmss, Korea time)") : readKstTimestamp(value);

const readOptionalKstTimestamp: FieldReader<Date | null> = (value) =>
  isBlank(value) ? read(null) : readKstTimestamp(value);

/** Whole won: digits only ("12000"); a JSON integer is accepted too. */
const readWon: FieldReader<number> = (value) => {
  if (isBlank(value)) return refuse("is required (whole won, digits only)");
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 999_999_999_999) {
    return read(value);
  }
  if (typeof value === "string" && /^\d{1,12}$/.test(value)) return read(Number(value));
  return refuse(`must be a whole number of won with digits only, e.g. "12000", got ${describeValue(value)}`);
};

/** Installment months: "0"/"00" is a lump sum. */
const readMonths: FieldReader<number | null> = (value) => {
  if (isBlank(value)) return read(null);
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 99) return read(value);
  if (typeof value === "string" && /^\d{1,2}$/.test(value)) return read(Number(value));
  return refuse(`must be a number of months from 0 to 99 ("0" = lump sum), got ${describeValue(value)}`);
};

/** PaySsam's Y/N flag; true/false in either spelling is accepted too. */
const readYesNo: FieldReader<boolean> = (value) => {
  if (isBlank(value)) return read(false);
  if (value === true || value === false) return read(value);
  if (typeof value === "string") {
    const flag = value.trim().toUpperCase();
    if (flag === "Y" || flag === "TRUE") return read(true);
    if (flag === "N" || flag === "FALSE") return read(false);
  }
  return refuse(`must be "Y" or "N", got ${describeValue(value)}`);
};

/** Any JSON value; null when absent. */
const readAnyJson: FieldReader<unknown> = (value) => read(value === undefined ? null : value);

/** The zod schema of a reader: its refusal becomes the issue, word for word. */
function schemaOfReader<Value>(reader: FieldReader<Value>) {
  return z.unknown().transform((value, ctx): Value => {
    const reading = reader(value);
    if (reading.ok) return reading.value;
    ctx.addIssue({ code: "custom", message: reading.message });
    return z.NEVER;
  });
}

export const requiredText = (maxLength: number) => schemaOfReader(readRequiredText(maxLength));
export const optionalText = schemaOfReader(readOptionalText);
/** A code from a closed list; errors name each code with its Korean label (`F 승인, W 대기, …`). */
export const requiredCode = <const Code extends string>(codes: readonly Code[], labels: Record<Code, string>) =>
  schemaOfReader(readCode(codes, labels));
export const requiredKstTimestamp = schemaOfReader(readRequiredKstTimestamp);
export const optionalKstTimestamp = schemaOfReader(readOptionalKstTimestamp);
export const wonAmount = schemaOfReader(readWon);
export const installmentMonths = schemaOfReader(readMonths);
export const yesNoFlag = schemaOfReader(readYesNo);
export const anyJson = schemaOfReader(readAnyJson);

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

/** The function that reads a value by `rule` (objects have their own, nested schemas). */
export function fieldReader<Rule extends FieldRule>(rule: Rule): FieldReader<FieldValue<Rule>> {
  return readerOf(rule) as FieldReader<FieldValue<Rule>>;
}

/** The zod schema that accepts what `rule` describes: the rule's reader, wrapped. */
export function fieldSchema<Rule extends FieldRule>(rule: Rule): z.ZodType<FieldValue<Rule>, unknown> {
  return schemaOfReader(fieldReader(rule)) as z.ZodType<FieldValue<Rule>, unknown>;
}

function readerOf(rule: FieldRule): FieldReader<unknown> {
  switch (rule.kind) {
    case "text":
      return rule.required ? readRequiredText(rule.maxLength) : readOptionalText;
    case "secret":
      return readOptionalText;
    case "code":
      return readCode(rule.codes, rule.labels);
    case "kstTime":
      return rule.required ? readRequiredKstTimestamp : readOptionalKstTimestamp;
    case "won":
      return readWon;
    case "months":
      return readMonths;
    case "yesNo":
      return readYesNo;
    case "json":
      return readAnyJson;
    case "object":
      throw new Error("fieldReader: an object field is parsed by its own payloadObject schema");
  }
}

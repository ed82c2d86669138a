import { z } from "zod";
import { kstDayStart } from "@/lib/kst";
import { decodeCursor } from "./cursor";

// Shared pieces of every page's search-params.ts: each field carries a .catch() fallback, so a
// bad URL never crashes a page; parseSearchParams also explains (in Korean) what it ignored or fixed.

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const pageSizes = [10, 25, 50, 100] as const;

export const pagingFields = {
  after: z
    .string()
    .refine((text) => decodeCursor(text) !== null)
    .optional()
    .catch(undefined),
  before: z
    .string()
    .refine((text) => decodeCursor(text) !== null)
    .optional()
    .catch(undefined),
  // Only a label for the page the cursor leads to: keyset pagination has no offsets.
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((size) => (pageSizes as readonly number[]).includes(size))
    .catch(25),
};

/** A KST calendar day `yyyy-MM-dd` that exists. */
export const kstDay = z
  .string()
  .refine((day) => kstDayStart(day) !== null)
  .optional()
  .catch(undefined);

/** Whole won; "12,000" is accepted. */
export const wonBound = z
  .string()
  .regex(/^[\d,\s]+$/)
  .transform((text) => Number(text.replace(/[,\s]/g, "")))
  .pipe(z.number().int().min(0).max(999_999_999_999))
  .optional()
  .catch(undefined);

export function searchText(max: number) {
  return z.string().trim().max(max).catch("");
}

interface Parsed<Values> {
  values: Values;
  /** What was ignored or corrected, for the page to show. */
  notes: string[];
}

export function parseSearchParams<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  raw: RawSearchParams,
): Parsed<z.output<z.ZodObject<Shape>>> {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "" && key in schema.shape) input[key] = first;
  }
  const notes = Object.keys(input)
    .filter((key) => {
      const field = schema.shape[key] as z.ZodType;
      const strict = field instanceof z.ZodCatch ? (field.unwrap() as z.ZodType) : field;
      return !strict.safeParse(input[key]).success;
    })
    .map((key) => `'${key}' 값을 이해하지 못해 무시했습니다.`);
  const values = schema.parse(input);

  const range = values as { from?: string; to?: string };
  // A reversed range is almost always a slip: swap rather than show nothing.
  if (range.from && range.to && range.from > range.to) {
    [range.from, range.to] = [range.to, range.from];
    notes.push("시작일이 종료일보다 늦어 두 날짜를 바꿨습니다.");
  }
  const paging = values as { after?: string; before?: string; page?: number };
  if (paging.after && paging.before) paging.before = undefined;
  if (!paging.after && !paging.before && paging.page !== undefined) paging.page = 1;
  return { values, notes };
}

/** `?a=1&b=2` from the values that differ from their defaults (empty when none). */
export function toQueryString(values: Record<string, unknown>, defaults: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "" || value === defaults[key]) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

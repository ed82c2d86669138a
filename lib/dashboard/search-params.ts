import { z } from "zod";
import { kstDayStart } from "@/lib/kst";
import { decodeCursor } from "./cursor";
import { type FilterField, fieldNames, narrowingKeys } from "./filter-fields";

// Shared pieces of every list page's URL parser: each field carries a .catch() fallback, so a
// bad URL never crashes a page and never reaches the database (where NUL, year 0000 or an offset
// of +20 would make PostgreSQL fail the query and log the text); the parser also explains (in
// Korean) what it ignored or put right. A page defines its schema and its filter description
// (lib/dashboard/filter-fields.ts); searchParamsFor gives it the rest.

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const pageSizes = [10, 25, 50, 100] as const;

const cursorMessage = "페이지 위치가 올바르지 않아 첫 페이지부터 보여 줍니다.";

const cursorField = z
  .string()
  .refine((text) => decodeCursor(text) !== null, { message: cursorMessage })
  .optional()
  .catch(undefined);

/** Where in the list a page starts: a changed filter goes back to the first page, so it drops them. */
export const pagePositionKeys = ["after", "before", "page"] as const;
type PagePositionKey = (typeof pagePositionKeys)[number];

export const pagingFields = {
  after: cursorField,
  before: cursorField,
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

/** The KST days a list's date falls on, `from` to `to`, both included. */
export const kstDayRangeFields = { from: kstDay, to: kstDay };

/** A billId or its beginning: letters, digits and (in PaySsam's own example) hyphens; at most 20 characters. */
export const billIdSearch = z
  .string()
  .trim()
  .max(20)
  .regex(/^[A-Za-z0-9_-]*$/)
  .catch("");

/** Whole won; "12,000" is accepted. */
export const wonBound = z
  .string()
  .regex(/^[\d,\s]+$/)
  .transform((text) => Number(text.replace(/[,\s]/g, "")))
  .pipe(z.number().int().min(0).max(999_999_999_999))
  .optional()
  .catch(undefined);

// NUL cannot be stored in PostgreSQL text at all, and no other control character belongs in a
// search box: such a value is refused whole (not silently altered), and the page says so.
const controlCharacter = /\p{Cc}/u;

/** Free text typed into a search box: trimmed, at most `max` characters, no control characters. */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${max}자까지만 검색할 수 있어 이 조건 없이 보여 줍니다.` })
    .refine((text) => !controlCharacter.test(text), {
      message: "쓸 수 없는 문자(NUL 같은 제어 문자)가 들어 있어 이 조건 없이 보여 줍니다.",
    })
    .catch("");
}

/** A merchant by its two codes (PaySsam's member and merchant), each typed as text. */
export const merchantCodeFields = { memberId: searchText(60), merchantId: searchText(60) };

/** What staff call each URL key, for the notes ("검색어: …" reads better than "'q': …"). */
type FieldLabels = Partial<Record<string, string>>;

/**
 * A parsed URL: the filters, what was ignored (`notes`), and what was put right and used
 * (`corrections`: a reversed range is swapped, not dropped, so it is not an "ignored" note).
 */
export interface ParsedSearch<Filters> {
  filters: Filters;
  notes: string[];
  corrections: string[];
}

const pagingLabels: FieldLabels = { after: "페이지", before: "페이지", page: "페이지", size: "페이지 크기" };

// A note in the field's own words when its schema has one (the messages above), else a general one.
function noteFor(key: string, issue: z.core.$ZodIssue | undefined, labels: FieldLabels): string {
  const label = labels[key] ?? pagingLabels[key] ?? key;
  const message = issue?.code === "custom" || issue?.code === "too_big" ? issue.message : undefined;
  return message && /[가-힣]/.test(message)
    ? `${label}: ${message}`
    : `${label}: 값을 이해하지 못해 이 조건 없이 보여 줍니다.`;
}

function parseSearchParams<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  raw: RawSearchParams,
  labels: FieldLabels,
): ParsedSearch<z.output<z.ZodObject<Shape>>> {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "" && Object.hasOwn(schema.shape, key)) input[key] = first;
  }
  const refused = new Set<string>();
  for (const key of Object.keys(input)) {
    const field = schema.shape[key] as z.ZodType;
    const strict = field instanceof z.ZodCatch ? (field.unwrap() as z.ZodType) : field;
    const checked = strict.safeParse(input[key]);
    if (!checked.success) refused.add(noteFor(key, checked.error.issues[0], labels));
  }
  // A Set: the two cursor fields share one note.
  const notes = [...refused];
  const filters = schema.parse(input);

  const corrections: string[] = [];
  const range = filters as { from?: string; to?: string };
  // A reversed range is almost always a slip: swap rather than show nothing.
  if (range.from && range.to && range.from > range.to) {
    [range.from, range.to] = [range.to, range.from];
    corrections.push("시작일이 종료일보다 늦어 두 날짜를 바꿔서 보여 줍니다.");
  }
  const paging = filters as { after?: string; before?: string; page?: number };
  if (paging.after && paging.before) paging.before = undefined;
  if (!paging.after && !paging.before && paging.page !== undefined) paging.page = 1;
  return { filters, notes, corrections };
}

/** `?a=1&b=2` from the values that differ from their defaults (empty when none). */
function toQueryString(values: Record<string, unknown>, defaults: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "" || value === defaults[key]) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/**
 * One page's URL from its schema and filter description: the filters when nothing is asked for
 * (`defaults`), the parser (`parse`, with what it ignored and put right), the link to the filters
 * as they are (`queryString`, without the page position: what a filter change or an export
 * carries) and whether anything narrows the list (`narrows`). `pagePosition` names the keys that say where the page
 * starts, for a page that counts its own pages.
 */
export function searchParamsFor<Shape extends z.ZodRawShape, const PageKey extends string = PagePositionKey>(
  schema: z.ZodObject<Shape>,
  fields: readonly FilterField<Extract<keyof Shape, string>>[] = [],
  options: { pagePosition?: readonly PageKey[] } = {},
) {
  type Filters = z.output<z.ZodObject<Shape>>;
  const pagePosition: readonly string[] = options.pagePosition ?? pagePositionKeys;
  const defaults: Filters = schema.parse({});
  const firstPage = Object.fromEntries(pagePosition.map((key) => [key, undefined]));
  const labels = fieldNames(fields);
  const narrowing = narrowingKeys(fields);
  return {
    defaults,
    fields,
    /** Whether a field that chooses rows differs from its default (sorting and paging do not). */
    narrows: (filters: Filters): boolean =>
      narrowing.some((key) => filters[key as keyof Filters] !== defaults[key as keyof Filters]),
    parse: (raw: RawSearchParams) => parseSearchParams(schema, raw, labels),
    queryString: (filters: Filters, overrides: Partial<Filters> = {}): string =>
      toQueryString({ ...filters, ...firstPage, ...overrides }, defaults),
  };
}

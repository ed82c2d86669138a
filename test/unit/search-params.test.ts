import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { alertsQueryString, parseAlertsSearch } from "@/lib/alerts/page-inputs";
import { approvalsQueryString, parseApprovalsSearch } from "@/lib/dashboard/approval-filters";
import { auditQueryString, parseAuditSearch } from "@/lib/dashboard/audit-filters";
import { callbacksQueryString, parseCallbacksSearch } from "@/lib/dashboard/callback-filters";
import { decodeCursor, encodeCursor } from "@/lib/dashboard/cursor";
import { merchantsQueryString, parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
import { needsActionQueryString, parseNeedsActionSearch } from "@/lib/dashboard/needs-action";
import { parseRetryDeadlinesSearch, retryDeadlinesQueryString } from "@/lib/dashboard/retry-deadlines";
import type { RawSearchParams } from "@/lib/dashboard/search-params";

// Every list page's URL parser: whatever the URL says, the filters that reach the database are
// values PostgreSQL accepts, and what was dropped is explained in Korean.

const parsers = {
  approvals: (raw: RawSearchParams) => parseApprovalsSearch(raw),
  merchants: (raw: RawSearchParams) => parseMerchantsSearch(raw),
  callbacks: (raw: RawSearchParams) => parseCallbacksSearch(raw),
  audit: (raw: RawSearchParams) => parseAuditSearch(raw),
};

const textFields = [
  ["merchants", "q"],
  ["approvals", "issuer"],
  ["callbacks", "subject"],
  ["audit", "actor"],
] as const;

const badCursor = (value: string) =>
  btoa(JSON.stringify([value, 5]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

describe("search parameters", () => {
  it.each(textFields)("%s: NUL in ?%s is refused with a notice, not sent to the database", (page, key) => {
    for (const value of ["\u0000", "abc\u0000", "신한\u0000카드", "a\u0007b", "x\u001Fy", "\u007F"]) {
      const { filters, notes } = parsers[page]({ [key]: value });
      expect((filters as Record<string, unknown>)[key]).toBe("");
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/제어 문자/);
      // The note never repeats what was typed.
      expect(notes[0]).not.toContain(value);
    }
  });

  it.each(Object.keys(parsers) as (keyof typeof parsers)[])(
    "%s: a cursor with year 0000 or offset +20 is dropped with a notice (first page)",
    (page) => {
      for (const cursor of [badCursor("0000-01-01 00:00:00+00"), badCursor("2026-11-26 03:00:00+20"), "garbage"]) {
        const { filters, notes } = parsers[page]({ after: cursor, page: "7" });
        expect(filters.after).toBeUndefined();
        expect(filters.page).toBe(1);
        expect(notes).toEqual(["페이지: 페이지 위치가 올바르지 않아 첫 페이지부터 보여 줍니다."]);
      }
    },
  );

  it("keeps a good cursor and text, and a field's own label in its note", () => {
    const after = encodeCursor({ value: "2026-11-26 03:00:00.5+00", id: 9 });
    const { filters, notes } = parseMerchantsSearch({ after, page: "3", q: " 비밀상회 " });
    expect(filters).toMatchObject({ after, page: 3, q: "비밀상회" });
    expect(notes).toEqual([]);
    expect(parseApprovalsSearch({ from: "0000-01-01" }).notes).toEqual([
      "시작일: 값을 이해하지 못해 이 조건 없이 보여 줍니다.",
    ]);
    expect(parseMerchantsSearch({ q: "가".repeat(101) }).notes).toEqual([
      "검색어: 100자까지만 검색할 수 있어 이 조건 없이 보여 줍니다.",
    ]);
  });

  const keys = fc.constantFrom(
    "q",
    "issuer",
    "subject",
    "actor",
    "billId",
    "from",
    "to",
    "after",
    "before",
    "page",
    "size",
    "min",
    "max",
    "state",
    "action",
    "sort",
    "__proto__",
    "constructor",
  );
  const values = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "a", "-", "0", "9", ":", " ", "+"), maxLength: 30 }),
    fc.constantFrom(badCursor("0000-01-01 00:00:00+00"), badCursor("2026-01-01 00:00:00+20"), "9".repeat(30)),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  );

  test.prop([fc.constantFrom(...(Object.keys(parsers) as (keyof typeof parsers)[])), fc.dictionary(keys, values)], {
    numRuns: 2000,
  })("never throws, and passes on only values PostgreSQL takes", (page, raw) => {
    const { filters, notes } = parsers[page](raw as RawSearchParams);
    for (const value of Object.values(filters)) {
      if (typeof value === "string") expect(/\p{Cc}/u.test(value)).toBe(false);
      if (typeof value === "number") expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
    }
    const { after, before, page: pageNumber } = filters as { after?: string; before?: string; page: number };
    for (const cursor of [after, before]) if (cursor !== undefined) expect(decodeCursor(cursor)).not.toBeNull();
    expect(pageNumber >= 1 && pageNumber <= 1_000_000).toBe(true);
    for (const note of notes) expect(note).toMatch(/[가-힣]/);
  });
});

// searchParamsFor: every page's link to its own filters (tabs, pagination, exports) is read back as
// those filters, less the page position, with nothing to explain; and no URL breaks either half.

interface Page<Filters> {
  parse: (raw: RawSearchParams) => { filters: Filters; notes: string[] };
  queryString: (filters: Filters) => string;
  /** What a link without the page position parses to: the first page. */
  firstPage: Partial<Filters>;
}

const page = <Filters>(definition: Page<Filters>) => definition as Page<unknown>;
const keysetFirstPage = { after: undefined, before: undefined, page: 1 };

const pages = {
  approvals: page({ parse: parseApprovalsSearch, queryString: approvalsQueryString, firstPage: keysetFirstPage }),
  merchants: page({ parse: parseMerchantsSearch, queryString: merchantsQueryString, firstPage: keysetFirstPage }),
  callbacks: page({ parse: parseCallbacksSearch, queryString: callbacksQueryString, firstPage: keysetFirstPage }),
  audit: page({ parse: parseAuditSearch, queryString: auditQueryString, firstPage: keysetFirstPage }),
  needsAction: page({ parse: parseNeedsActionSearch, queryString: needsActionQueryString, firstPage: keysetFirstPage }),
  retry: page({ parse: parseRetryDeadlinesSearch, queryString: retryDeadlinesQueryString, firstPage: { p: 1 } }),
  alerts: page({ parse: parseAlertsSearch, queryString: alertsQueryString, firstPage: {} }),
};
const pageNames = Object.keys(pages) as (keyof typeof pages)[];

const goodCursor = encodeCursor({ value: "2026-11-26 03:00:00.5+00", id: 9 });
// Values each page takes, near misses, and plain text (valid Unicode: a URL's own can be nothing else).
const urlValues = fc.oneof(
  fc.constantFrom(
    ...["1", "3", "7", "14", "10", "100", "2", "2026-01-05", "2025-12-31", "2026-02-30", "12,000", "500", "0"],
    ...["R", "S", "open", "all", "show", "hide", "lump", "plan", "exact", "prefix", "price_asc", "updated_asc"],
    ...["retrying", "lost", "resolved", "pending", "sent", "failed", "신한", " 행복약국 ", "AB-12_3", goodCursor],
  ),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.array(fc.constantFrom("7", "2026-01-05", "R", goodCursor, ""), { maxLength: 3 }),
);
const urlKeys = fc.constantFrom(
  ...["billId", "match", "from", "to", "state", "payType", "issuer", "min", "max", "installment", "sort"],
  ...["q", "status", "deleted", "kind", "outcome", "subject", "action", "actor", "show", "days", "p"],
  ...["after", "before", "page", "size", "x"],
);

describe("searchParamsFor", () => {
  it.each(pageNames)("%s: the filters nobody asked for need no query string", (name) => {
    const { parse, queryString } = pages[name];
    expect(queryString(parse({}).filters)).toBe("");
  });

  test.prop([fc.constantFrom(...pageNames), fc.dictionary(urlKeys, urlValues, { maxKeys: 10 })], { numRuns: 3000 })(
    "queryString(parse(url).filters) parses back to the same filters, on the first page",
    (name, raw) => {
      const { parse, queryString, firstPage } = pages[name];
      const { filters } = parse(raw);
      const query = queryString(filters);
      const back = parse(Object.fromEntries(new URLSearchParams(query)));
      expect(back.filters).toEqual({ ...(filters as object), ...firstPage });
      expect(back.notes).toEqual([]);
      for (const key of Object.keys(firstPage)) expect(new URLSearchParams(query).has(key)).toBe(false);
    },
  );

  const junk = fc.string({ unit: "binary", maxLength: 40 });
  test.prop(
    [
      fc.constantFrom(...pageNames),
      fc.dictionary(fc.oneof(urlKeys, junk), fc.oneof(junk, fc.array(junk, { maxLength: 3 }), fc.constant(undefined))),
    ],
    { numRuns: 2000 },
  )("arbitrary junk never throws, and still gives a query string", (name, raw) => {
    const { parse, queryString } = pages[name];
    const { filters, notes } = parse(raw);
    expect(queryString(filters)).toMatch(/^(\?.+)?$/s);
    for (const note of notes) expect(note).toMatch(/[가-힣]/);
  });
});

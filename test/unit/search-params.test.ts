import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseAuditSearch } from "@/lib/audit/search-params";
import { parseApprovalsSearch } from "@/lib/dashboard/approval-filters";
import { parseCallbacksSearch } from "@/lib/dashboard/callback-filters";
import { decodeCursor, encodeCursor } from "@/lib/dashboard/cursor";
import { parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
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

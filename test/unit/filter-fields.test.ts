import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  approvalsFilterFields,
  approvalsSearchSchema,
  hasApprovalFilters,
  parseApprovalsSearch,
} from "@/lib/dashboard/approval-filters";
import { auditFilterFields, auditSearchSchema, parseAuditSearch } from "@/lib/dashboard/audit-filters";
import { callbacksFilterFields, callbacksSearchSchema, parseCallbacksSearch } from "@/lib/dashboard/callback-filters";
import { type FilterField, fieldKeys, foldingKeys } from "@/lib/dashboard/filter-fields";
import { merchantsFilterFields, merchantsSearchSchema, parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
import { pagingFields, type RawSearchParams } from "@/lib/dashboard/search-params";

// Each list page's filter description against its URL parser: the toolbar offers only what the
// parser takes, and every key the parser reads has a name for its notes.

const pages = {
  approvals: {
    fields: approvalsFilterFields,
    parse: parseApprovalsSearch,
    keys: Object.keys(approvalsSearchSchema.shape),
  },
  callbacks: {
    fields: callbacksFilterFields,
    parse: parseCallbacksSearch,
    keys: Object.keys(callbacksSearchSchema.shape),
  },
  merchants: {
    fields: merchantsFilterFields,
    parse: parseMerchantsSearch,
    keys: Object.keys(merchantsSearchSchema.shape),
  },
  audit: { fields: auditFilterFields, parse: parseAuditSearch, keys: Object.keys(auditSearchSchema.shape) },
} satisfies Record<
  string,
  { fields: readonly FilterField[]; parse: (raw: RawSearchParams) => unknown; keys: string[] }
>;

const pageNames = Object.keys(pages) as (keyof typeof pages)[];
const pagingKeys = Object.keys(pagingFields);

describe("filter descriptions", () => {
  it.each(pageNames)("%s: describes every key of its URL but the page position, each once", (name) => {
    const { fields, keys } = pages[name];
    const described = fields.flatMap(fieldKeys);
    expect(new Set(described).size).toBe(described.length);
    expect([...described].sort()).toEqual(keys.filter((key) => !pagingKeys.includes(key)).sort());
  });

  it.each(pageNames)("%s: every option of every select is a value the parser keeps, without a note", (name) => {
    const { fields, parse } = pages[name];
    for (const field of fields) {
      if (field.kind !== "select") continue;
      for (const option of field.options) {
        const { filters, notes } = parse({ [field.key]: option.value });
        expect((filters as Record<string, unknown>)[field.key], `${field.key}=${option.value}`).toBe(option.value);
        expect(notes).toEqual([]);
      }
    }
  });

  it("a select without an empty choice starts at the parser's default", () => {
    for (const name of pageNames) {
      const { fields, parse } = pages[name];
      const defaults = parse({}).filters as Record<string, unknown>;
      for (const field of fields)
        if (field.kind === "select" && field.all === undefined)
          expect(field.options[0]?.value).toBe(defaults[field.key]);
    }
  });

  it("folds every approval condition but the billId search on a phone", () => {
    expect(foldingKeys(approvalsFilterFields)).toEqual([
      "state",
      "from",
      "to",
      "payType",
      "issuer",
      "min",
      "max",
      "installment",
      "sort",
    ]);
  });

  it("counts what chooses approvals as a filter, not sorting, matching or page size", () => {
    const filtersOf = (raw: RawSearchParams) => parseApprovalsSearch(raw).filters;
    expect(hasApprovalFilters(filtersOf({}))).toBe(false);
    expect(hasApprovalFilters(filtersOf({ sort: "price_asc", match: "exact", size: "50", page: "3" }))).toBe(false);
    for (const raw of [
      { billId: "HC" },
      { from: "2026-01-05" },
      { to: "2026-01-05" },
      { state: "F" },
      { payType: "CARD_VAN" },
      { issuer: "신한" },
      { min: "100" },
      { max: "100" },
      { installment: "plan" },
    ])
      expect(hasApprovalFilters(filtersOf(raw)), JSON.stringify(raw)).toBe(true);
  });
});

describe("a reversed range", () => {
  const day = fc
    .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  const withRange = pageNames.filter((name) => pages[name].keys.includes("from"));

  test.prop([fc.constantFrom(...withRange), day, day])(
    "is put in order and said once, as a correction rather than an ignored condition",
    (name, from, to) => {
      const { filters, notes, corrections } = pages[name].parse({ from, to });
      expect(notes).toEqual([]);
      const [first, last] = [from, to].sort();
      expect(filters).toMatchObject({ from: first, to: last });
      expect(corrections).toEqual(from > to ? ["시작일이 종료일보다 늦어 두 날짜를 바꿔서 보여 줍니다."] : []);
    },
  );
});

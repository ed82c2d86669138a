import { z } from "zod";
import { callbackKind, deliveryOutcome } from "@/db/schema";
import {
  kstDay,
  pagingFields,
  parseSearchParams,
  type RawSearchParams,
  searchText,
  toQueryString,
} from "@/lib/dashboard/search-params";

// The one parser of /callbacks' URL.

export const callbacksSearchSchema = z.object({
  kind: z.enum(callbackKind.enumValues).optional().catch(undefined),
  outcome: z.enum(deliveryOutcome.enumValues).optional().catch(undefined),
  from: kstDay,
  to: kstDay,
  // billId for approvals, memberId/merchantId for merchants.
  subject: searchText(200),
  ...pagingFields,
});

export type CallbackFilters = z.output<typeof callbacksSearchSchema>;

export const callbackDefaults = callbacksSearchSchema.parse({});

export function parseCallbacksSearch(raw: RawSearchParams) {
  const { values, ignored } = parseSearchParams(callbacksSearchSchema, raw);
  const notes = ignored.map((key) => `'${key}' 값을 이해하지 못해 무시했습니다.`);
  if (values.from && values.to && values.from > values.to) {
    [values.from, values.to] = [values.to, values.from];
    notes.push("시작일이 종료일보다 늦어 두 날짜를 바꿨습니다.");
  }
  if (values.after && values.before) values.before = undefined;
  if (!values.after && !values.before) values.page = 1;
  return { filters: values, notes };
}

export function callbacksQueryString(filters: CallbackFilters, overrides: Partial<CallbackFilters> = {}): string {
  return toQueryString(
    { ...filters, after: undefined, before: undefined, page: undefined, ...overrides },
    callbackDefaults,
  );
}

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

const callbackFieldLabels = { kind: "종류", outcome: "처리 결과", from: "시작일", to: "종료일", subject: "검색어" };

export const callbackDefaults = callbacksSearchSchema.parse({});

export function parseCallbacksSearch(raw: RawSearchParams) {
  const { values, notes } = parseSearchParams(callbacksSearchSchema, raw, callbackFieldLabels);
  return { filters: values, notes };
}

export function callbacksQueryString(filters: CallbackFilters, overrides: Partial<CallbackFilters> = {}): string {
  return toQueryString(
    { ...filters, after: undefined, before: undefined, page: undefined, ...overrides },
    callbackDefaults,
  );
}

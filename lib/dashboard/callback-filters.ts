import { z } from "zod";
import { callbackKind, deliveryOutcome } from "@/db/schema";
import { kstDay, pagingFields, searchParamsFor, searchText } from "@/lib/dashboard/search-params";

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

export const {
  defaults: callbackDefaults,
  parse: parseCallbacksSearch,
  queryString: callbacksQueryString,
  filterKeys: callbackFilterKeys,
} = searchParamsFor(callbacksSearchSchema, {
  kind: "종류",
  outcome: "처리 결과",
  from: "시작일",
  to: "종료일",
  subject: "검색어",
});

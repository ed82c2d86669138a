import { z } from "zod";
import { pagingFields, searchParamsFor, searchText } from "@/lib/dashboard/search-params";
import { reviewStatuses } from "@/lib/payssam/codes";

// The one parser of /merchants' URL.

export const merchantsSearchSchema = z.object({
  status: z.enum(reviewStatuses).optional().catch(undefined),
  q: searchText(100),
  deleted: z.enum(["hide", "show"]).catch("hide"),
  sort: z.enum(["updated_desc", "updated_asc"]).catch("updated_desc"),
  ...pagingFields,
});

export type MerchantFilters = z.output<typeof merchantsSearchSchema>;

export const {
  defaults: merchantDefaults,
  parse: parseMerchantsSearch,
  queryString: merchantsQueryString,
  filterKeys: merchantFilterKeys,
} = searchParamsFor(merchantsSearchSchema, {
  status: "심사 상태",
  q: "검색어",
  deleted: "삭제된 가맹점",
  sort: "정렬",
});

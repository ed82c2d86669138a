import { z } from "zod";
import { pagingFields, searchText } from "@/lib/dashboard/search-params";
import { reviewStatuses } from "@/lib/payssam/codes";
import { type FilterField, optionsFrom } from "./filter-fields";
import { dashboardList } from "./list";

// The one parser of /merchants' URL, and the toolbar's description of it.

export const merchantsSearchSchema = z.object({
  status: z.enum(reviewStatuses).optional().catch(undefined),
  q: searchText(100),
  deleted: z.enum(["hide", "show"]).catch("hide"),
  sort: z.enum(["updated_desc", "updated_asc"]).catch("updated_desc"),
  ...pagingFields,
});

export type MerchantFilters = z.output<typeof merchantsSearchSchema>;

export const merchantsFilterFields: FilterField<Extract<keyof typeof merchantsSearchSchema.shape, string>>[] = [
  // Shown as tabs with counts above the table (status-tabs.tsx).
  { key: "status", name: "심사 상태", label: "심사 상태", kind: "tabs" },
  {
    key: "q",
    name: "검색어",
    label: "검색 (상호, 지점, 사업자등록번호, 가맹점 코드, 회원 코드)",
    kind: "search",
    placeholder: "예: 행복약국, 123-45-67890",
    wide: true,
  },
  {
    key: "deleted",
    name: "삭제된 가맹점",
    label: "삭제된 가맹점",
    kind: "select",
    // Its only other value shows more rows: an empty list with it is still an empty list.
    narrows: false,
    options: optionsFrom({ hide: "숨기기", show: "함께 보기" }),
  },
  {
    key: "sort",
    name: "정렬",
    label: "정렬",
    kind: "select",
    narrows: false,
    options: optionsFrom({ updated_desc: "최근 변경순", updated_asc: "오래된 변경순" }),
  },
];

export const merchantsList = dashboardList("/merchants", merchantsSearchSchema, merchantsFilterFields);

export const {
  defaults: merchantsDefaults,
  parse: parseMerchantsSearch,
  queryString: merchantsQueryString,
} = merchantsList;

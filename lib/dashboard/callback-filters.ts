import { z } from "zod";
import { callbackKind, deliveryOutcome } from "@/db/schema";
import { kstDay, pagingFields, searchText } from "@/lib/dashboard/search-params";
import { type FilterField, optionsFrom } from "./filter-fields";
import { callbackKindLabels, deliveryOutcomeLabels } from "./labels";
import { dashboardList } from "./list";

// The one parser of /callbacks' URL, and the toolbar's description of it.

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

export const callbacksFilterFields: FilterField<Extract<keyof typeof callbacksSearchSchema.shape, string>>[] = [
  { key: "kind", name: "종류", label: "종류", kind: "select", all: "전체", options: optionsFrom(callbackKindLabels) },
  {
    key: "outcome",
    name: "처리 결과",
    label: "결과",
    kind: "select",
    all: "전체",
    options: optionsFrom(deliveryOutcomeLabels),
  },
  {
    key: "from",
    name: "시작일",
    label: "받은 날 시작 (KST)",
    kind: "date-range",
    end: { key: "to", name: "종료일", label: "받은 날 끝 (KST)" },
  },
  {
    key: "subject",
    name: "검색어",
    label: "대상 (billId 또는 회원/가맹점 코드)",
    kind: "search",
    placeholder: "정확히 일치",
    wide: true,
  },
];

export const callbacksList = dashboardList("/callbacks", callbacksSearchSchema, callbacksFilterFields);

export const {
  defaults: callbacksDefaults,
  parse: parseCallbacksSearch,
  queryString: callbacksQueryString,
} = callbacksList;

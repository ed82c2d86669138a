import { z } from "zod";
import {
  billIdSearch,
  kstDayRangeFields,
  merchantCodeFields,
  pagingFields,
  type RawSearchParams,
  searchText,
  wonBound,
} from "@/lib/dashboard/search-params";
import { approvalStateLabels, approvalStates, payTypeLabels } from "@/lib/payssam/codes";
import {
  billIdSearchField,
  codeSelectField,
  type FilterField,
  kstDayRangeField,
  merchantCodeFilterFields,
  optionsFrom,
} from "./filter-fields";
import { installmentLabels } from "./labels";
import { dashboardList } from "./list";

// The one parser of /approvals' URL (also used by the CSV export, so it exports what you see),
// and the toolbar's description of it.

export const approvalSorts = ["dt_desc", "dt_asc", "price_desc", "price_asc"] as const;
export type ApprovalSort = (typeof approvalSorts)[number];

export const approvalsSearchSchema = z.object({
  billId: billIdSearch,
  match: z.enum(["prefix", "exact"]).catch("prefix"),
  ...kstDayRangeFields,
  state: z.enum(approvalStates).optional().catch(undefined),
  payType: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z0-9_]*$/)
    .catch(""),
  issuer: searchText(40),
  min: wonBound,
  max: wonBound,
  installment: z.enum(["lump", "plan"]).optional().catch(undefined),
  // A merchant's approvals (its bills tie them to it): both codes, from the merchant's page.
  ...merchantCodeFields,
  sort: z.enum(approvalSorts).catch("dt_desc"),
  ...pagingFields,
});

export type ApprovalFilters = z.output<typeof approvalsSearchSchema>;

type ApprovalKey = Extract<keyof typeof approvalsSearchSchema.shape, string>;

// On a phone only the billId search shows; the rest folds away.
export const approvalsFilterFields: FilterField<ApprovalKey>[] = [
  billIdSearchField("billId", "청구서 ID (billId)"),
  {
    key: "match",
    name: "billId 검색 방식",
    label: "billId 일치",
    kind: "select",
    narrows: false,
    options: optionsFrom({ prefix: "앞부분 일치", exact: "정확히 일치" }),
  },
  codeSelectField("state", "상태", approvalStateLabels, { label: "승인 상태", folds: true }),
  kstDayRangeField("승인일", { folds: true }),
  codeSelectField("payType", "결제 수단", payTypeLabels, { folds: true }),
  { key: "issuer", name: "카드사/은행", label: "카드사/은행", kind: "text", placeholder: "예: 신한", folds: true },
  { key: "min", name: "최소 금액", label: "최소 금액 (원)", kind: "won", placeholder: "0", folds: true },
  { key: "max", name: "최대 금액", label: "최대 금액 (원)", kind: "won", placeholder: "제한 없음", folds: true },
  codeSelectField(
    "installment",
    "할부",
    { lump: installmentLabels.lump, plan: `${installmentLabels.plan} (2개월 이상)` },
    { folds: true },
  ),
  // A merchant's approvals, from its page: shown above the list (merchant-filter-note.tsx), not edited here.
  ...merchantCodeFilterFields("tabs"),
  {
    key: "sort",
    name: "정렬",
    label: "정렬",
    kind: "select",
    narrows: false,
    options: optionsFrom({
      dt_desc: "승인일시 최신순",
      dt_asc: "승인일시 오래된순",
      price_desc: "금액 큰순",
      price_asc: "금액 작은순",
    }),
    folds: true,
  },
];

const approvalsSearch = dashboardList("/approvals", approvalsSearchSchema, approvalsFilterFields);

export const { defaults: approvalsDefaults, queryString: approvalsQueryString } = approvalsSearch;

export function parseApprovalsSearch(raw: RawSearchParams) {
  const parsed = approvalsSearch.parse(raw);
  const { filters } = parsed;
  if (filters.min !== undefined && filters.max !== undefined && filters.min > filters.max) {
    [filters.min, filters.max] = [filters.max, filters.min];
    parsed.corrections.push("최소 금액이 최대 금액보다 커서 두 값을 바꿔서 보여 줍니다.");
  }
  return parsed;
}

/** Whether anything narrows the list (sorting and page size do not). */
export const hasApprovalFilters = approvalsSearch.narrows;

export const approvalsList = { ...approvalsSearch, parse: parseApprovalsSearch };

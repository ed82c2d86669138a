import { z } from "zod";
import {
  kstDay,
  pagingFields,
  type RawSearchParams,
  searchParamsFor,
  searchText,
  wonBound,
} from "@/lib/dashboard/search-params";
import { approvalStates } from "@/lib/payssam/codes";

// The one parser of /approvals' URL (also used by the CSV export, so it exports what you see).

export const approvalSorts = ["dt_desc", "dt_asc", "price_desc", "price_asc"] as const;
export type ApprovalSort = (typeof approvalSorts)[number];

export const approvalsSearchSchema = z.object({
  // billId: letters, digits and (in PaySsam's own example) hyphens; at most 20 characters.
  billId: z
    .string()
    .trim()
    .max(20)
    .regex(/^[A-Za-z0-9_-]*$/)
    .catch(""),
  match: z.enum(["prefix", "exact"]).catch("prefix"),
  from: kstDay,
  to: kstDay,
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
  memberId: searchText(60),
  merchantId: searchText(60),
  sort: z.enum(approvalSorts).catch("dt_desc"),
  ...pagingFields,
});

export type ApprovalFilters = z.output<typeof approvalsSearchSchema>;

const approvalsSearch = searchParamsFor(approvalsSearchSchema, {
  billId: "billId",
  match: "billId 검색 방식",
  from: "시작일",
  to: "종료일",
  state: "상태",
  payType: "결제 수단",
  issuer: "카드사/은행",
  min: "최소 금액",
  max: "최대 금액",
  installment: "할부",
  memberId: "회원 코드",
  merchantId: "가맹점 코드",
  sort: "정렬",
});

export const {
  defaults: approvalDefaults,
  queryString: approvalsQueryString,
  filterKeys: approvalFilterKeys,
} = approvalsSearch;

export function parseApprovalsSearch(raw: RawSearchParams) {
  const { filters, notes } = approvalsSearch.parse(raw);
  if (filters.min !== undefined && filters.max !== undefined && filters.min > filters.max) {
    [filters.min, filters.max] = [filters.max, filters.min];
    notes.push("최소 금액이 최대 금액보다 커서 두 값을 바꿨습니다.");
  }
  return { filters, notes };
}

/** Whether anything narrows the list (sorting and page size do not). */
export function hasApprovalFilters(filters: ApprovalFilters): boolean {
  const { billId, from, to, state, payType, issuer, min, max, installment, memberId, merchantId } = filters;
  return [billId, from, to, state, payType, issuer, min, max, installment, memberId, merchantId].some(
    (value) => value !== undefined && value !== "",
  );
}

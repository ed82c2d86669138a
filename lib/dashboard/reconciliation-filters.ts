import { z } from "zod";
import { mismatchReasons, reconciliationStatuses } from "@/lib/reconcile/statuses";
import { billIdSearch } from "./bill-filters";
import { kstDay, pagingFields, searchParamsFor, searchText } from "./search-params";

// The one parser of /reconciliation's URL (and of its Excel and CSV exports, so a file holds what
// the page shows): the KST days of the bills' issue, which sets the summary cards too, and the
// list's status, mismatch reason, merchant and billId prefix.

export const reconciliationSearchSchema = z.object({
  from: kstDay,
  to: kstDay,
  status: z.enum(reconciliationStatuses).optional().catch(undefined),
  reason: z.enum(mismatchReasons).optional().catch(undefined),
  memberId: searchText(60),
  merchantId: searchText(60),
  billId: billIdSearch,
  ...pagingFields,
});

export type ReconciliationPageFilters = z.output<typeof reconciliationSearchSchema>;

export const {
  parse: parseReconciliationSearch,
  queryString: reconciliationQueryString,
  filterKeys: reconciliationFilterKeys,
} = searchParamsFor(reconciliationSearchSchema, {
  from: "시작일",
  to: "종료일",
  status: "대사 상태",
  reason: "불일치 사유",
  memberId: "회원 코드",
  merchantId: "가맹점 코드",
  billId: "청구서 ID",
});

/** The range and merchant the summary cards count (the list's status and reason do not narrow them). */
export function summaryRange(filters: ReconciliationPageFilters) {
  const { from, to, memberId, merchantId } = filters;
  return { from, to, memberId: memberId || undefined, merchantId: merchantId || undefined };
}

export function hasReconciliationFilters(filters: ReconciliationPageFilters): boolean {
  const { from, to, status, reason, memberId, merchantId, billId } = filters;
  return [from, to, status, reason, memberId, merchantId, billId].some((value) => value !== undefined && value !== "");
}

/** The filters as the queries take them (an empty search box is no condition). */
export function reconciliationListFilters(filters: ReconciliationPageFilters) {
  return {
    ...filters,
    memberId: filters.memberId || undefined,
    merchantId: filters.merchantId || undefined,
    billId: filters.billId || undefined,
  };
}

import { z } from "zod";
import {
  mismatchReasonLabels,
  mismatchReasons,
  reconciliationStatuses,
  reconciliationStatusLabels,
} from "@/lib/reconcile/statuses";
import { billIdSearch } from "./bill-filters";
import { type FilterField, optionsFrom } from "./filter-fields";
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

type ReconciliationKey = Extract<keyof typeof reconciliationSearchSchema.shape, string>;

export const reconciliationFilterFields: FilterField<ReconciliationKey>[] = [
  {
    key: "from",
    name: "시작일",
    label: "발행일 시작 (KST)",
    kind: "date-range",
    end: { key: "to", name: "종료일", label: "발행일 끝 (KST)" },
  },
  {
    key: "status",
    name: "대사 상태",
    label: "대사 상태",
    kind: "select",
    all: "전체",
    options: optionsFrom(reconciliationStatusLabels),
  },
  {
    key: "reason",
    name: "불일치 사유",
    label: "불일치 사유",
    kind: "select",
    all: "전체",
    options: optionsFrom(mismatchReasonLabels),
    folds: true,
  },
  { key: "memberId", name: "회원 코드", label: "회원 코드", kind: "text", folds: true },
  { key: "merchantId", name: "가맹점 코드", label: "가맹점 코드", kind: "text", folds: true },
  { key: "billId", name: "청구서 ID", label: "청구서 ID", kind: "search", placeholder: "앞부분", folds: true },
];

const reconciliationSearch = searchParamsFor(reconciliationSearchSchema, reconciliationFilterFields);

export const {
  parse: parseReconciliationSearch,
  queryString: reconciliationQueryString,
  narrows: hasReconciliationFilters,
} = reconciliationSearch;

/** The range and merchant the summary cards count (the list's status and reason do not narrow them). */
export function summaryRange(filters: ReconciliationPageFilters) {
  const { from, to, memberId, merchantId } = filters;
  return { from, to, memberId: memberId || undefined, merchantId: merchantId || undefined };
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

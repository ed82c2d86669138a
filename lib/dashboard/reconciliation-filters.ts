import { z } from "zod";
import {
  mismatchReasonLabels,
  mismatchReasons,
  reconciliationStatuses,
  reconciliationStatusLabels,
} from "@/lib/reconcile/statuses";
import { codeSelectField, type FilterField, kstDayRangeField, merchantCodeFilterFields } from "./filter-fields";
import { dashboardList } from "./list";
import { billIdSearch, kstDayRangeFields, merchantCodeFields, pagingFields } from "./search-params";

// The one parser of /reconciliation's URL (and of its Excel and CSV exports, so a file holds what
// the page shows): the KST days of the bills' issue, which sets the summary cards too, and the
// list's status, mismatch reason, merchant and billId prefix.

export const reconciliationSearchSchema = z.object({
  ...kstDayRangeFields,
  status: z.enum(reconciliationStatuses).optional().catch(undefined),
  reason: z.enum(mismatchReasons).optional().catch(undefined),
  ...merchantCodeFields,
  billId: billIdSearch,
  ...pagingFields,
});

export type ReconciliationPageFilters = z.output<typeof reconciliationSearchSchema>;

type ReconciliationKey = Extract<keyof typeof reconciliationSearchSchema.shape, string>;

export const reconciliationFilterFields: FilterField<ReconciliationKey>[] = [
  kstDayRangeField("발행일"),
  codeSelectField("status", "대사 상태", reconciliationStatusLabels),
  codeSelectField("reason", "불일치 사유", mismatchReasonLabels, { folds: true }),
  ...merchantCodeFilterFields("text", { folds: true }),
  { key: "billId", name: "청구서 ID", label: "청구서 ID", kind: "search", placeholder: "앞부분", folds: true },
];

export const reconciliationList = dashboardList(
  "/reconciliation",
  reconciliationSearchSchema,
  reconciliationFilterFields,
);

export const { parse: parseReconciliationSearch, queryString: reconciliationQueryString } = reconciliationList;

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

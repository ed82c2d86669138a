import { z } from "zod";
import { billSourceLabels, reconciliationStatuses, reconciliationStatusLabels } from "@/lib/reconcile/statuses";
import {
  billIdSearchField,
  codeSelectField,
  type FilterField,
  kstDayRangeField,
  merchantCodeFilterFields,
} from "./filter-fields";
import { dashboardList } from "./list";
import { billIdSearch, kstDayRangeFields, merchantCodeFields, pagingFields } from "./search-params";

// The one parser of /bills' URL: a billId prefix, the merchant (member and merchant code), the
// bill's reconciliation status, where it came from and the KST days it was issued on.

export const billsSearchSchema = z.object({
  billId: billIdSearch,
  ...merchantCodeFields,
  status: z.enum(reconciliationStatuses).optional().catch(undefined),
  source: z
    .enum(Object.keys(billSourceLabels) as ["api", "upload", "demo"])
    .optional()
    .catch(undefined),
  ...kstDayRangeFields,
  ...pagingFields,
});

export type BillPageFilters = z.output<typeof billsSearchSchema>;

type BillKey = Extract<keyof typeof billsSearchSchema.shape, string>;

export const billsFilterFields: FilterField<BillKey>[] = [
  billIdSearchField("청구서 ID", "청구서 ID"),
  ...merchantCodeFilterFields("text", { folds: true }),
  codeSelectField("status", "대사 상태", reconciliationStatusLabels, { folds: true }),
  codeSelectField("source", "등록 경로", billSourceLabels, { folds: true }),
  kstDayRangeField("발행일", { folds: true }),
];

export const billsList = dashboardList("/bills", billsSearchSchema, billsFilterFields);

export const { parse: parseBillsSearch, queryString: billsQueryString } = billsList;

import { z } from "zod";
import { billSourceLabels, reconciliationStatuses } from "@/lib/reconcile/statuses";
import { kstDay, pagingFields, searchParamsFor, searchText } from "./search-params";

// The one parser of /bills' URL: a billId prefix, the merchant (member and merchant code), the
// bill's reconciliation status, where it came from and the KST days it was issued on.

export const billIdSearch = z
  .string()
  .trim()
  .max(20)
  .regex(/^[A-Za-z0-9_-]*$/)
  .catch("");

export const billsSearchSchema = z.object({
  billId: billIdSearch,
  memberId: searchText(60),
  merchantId: searchText(60),
  status: z.enum(reconciliationStatuses).optional().catch(undefined),
  source: z
    .enum(Object.keys(billSourceLabels) as ["api", "upload", "demo"])
    .optional()
    .catch(undefined),
  from: kstDay,
  to: kstDay,
  ...pagingFields,
});

export type BillPageFilters = z.output<typeof billsSearchSchema>;

export const {
  parse: parseBillsSearch,
  queryString: billsQueryString,
  filterKeys: billFilterKeys,
} = searchParamsFor(billsSearchSchema, {
  billId: "청구서 ID",
  memberId: "회원 코드",
  merchantId: "가맹점 코드",
  status: "대사 상태",
  source: "등록 경로",
  from: "시작일",
  to: "종료일",
});

export function hasBillFilters(filters: BillPageFilters): boolean {
  const { billId, memberId, merchantId, status, source, from, to } = filters;
  return [billId, memberId, merchantId, status, source, from, to].some((value) => value !== undefined && value !== "");
}

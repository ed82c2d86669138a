import { z } from "zod";
import { billSourceLabels, reconciliationStatuses, reconciliationStatusLabels } from "@/lib/reconcile/statuses";
import { type FilterField, optionsFrom } from "./filter-fields";
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

type BillKey = Extract<keyof typeof billsSearchSchema.shape, string>;

export const billsFilterFields: FilterField<BillKey>[] = [
  {
    key: "billId",
    name: "청구서 ID",
    label: "청구서 ID",
    kind: "search",
    placeholder: "앞부분만 입력해도 찾습니다",
    wide: true,
  },
  { key: "memberId", name: "회원 코드", label: "회원 코드", kind: "text", folds: true },
  { key: "merchantId", name: "가맹점 코드", label: "가맹점 코드", kind: "text", folds: true },
  {
    key: "status",
    name: "대사 상태",
    label: "대사 상태",
    kind: "select",
    all: "전체",
    options: optionsFrom(reconciliationStatusLabels),
    folds: true,
  },
  {
    key: "source",
    name: "등록 경로",
    label: "등록 경로",
    kind: "select",
    all: "전체",
    options: optionsFrom(billSourceLabels),
    folds: true,
  },
  {
    key: "from",
    name: "시작일",
    label: "발행일 시작 (KST)",
    kind: "date-range",
    end: { key: "to", name: "종료일", label: "발행일 끝 (KST)" },
    folds: true,
  },
];

const billsSearch = searchParamsFor(billsSearchSchema, billsFilterFields);

export const { parse: parseBillsSearch, queryString: billsQueryString, narrows: hasBillFilters } = billsSearch;

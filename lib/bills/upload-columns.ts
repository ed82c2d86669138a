import { comparedBillKeys } from "./bill";

// The columns of a bill upload (.xlsx or .csv), once: the template's Korean header, the key of the
// bill field it fills, whether a row needs it, and what staff are told to write in it. The reader
// finds each column by its header, so the columns may come in any order and extra ones are ignored.

// A bill's key, then the fields a second registration of it is compared on.
export const billUploadFields = ["billId", ...comparedBillKeys] as const;

export type BillUploadField = (typeof billUploadFields)[number];

export interface BillUploadColumn {
  field: BillUploadField;
  /** The template's header: Korean name, then the API's key in parentheses. */
  header: string;
  required: boolean;
  /** How to fill it, for the template's guide and the page. */
  hint: string;
  /** Excel column width, in characters. */
  width: number;
}

export const billUploadColumns: readonly BillUploadColumn[] = [
  {
    field: "billId",
    header: "청구서 ID (billId)",
    required: true,
    hint: "PaySsam에 보낸 청구서 ID. 영문·숫자·-·_ 20자 이내, 파일 안에서 겹치면 안 됩니다.",
    width: 24,
  },
  {
    field: "memberId",
    header: "회원 코드 (memberId)",
    required: true,
    hint: "청구서를 보낸 회원(학원) 코드",
    width: 20,
  },
  {
    field: "merchantId",
    header: "가맹점 코드 (merchantId)",
    required: true,
    hint: "하위가맹점 코드",
    width: 22,
  },
  { field: "price", header: "금액 (원)", required: true, hint: "청구 금액, 원 단위 정수 (쉼표 가능)", width: 14 },
  {
    field: "issuedAt",
    header: "발행 일시 (KST)",
    required: false,
    hint: "2026-12-07 10:30:00 형식, 한국 시간. 비우면 올린 시각",
    width: 22,
  },
  { field: "expireDate", header: "만료일", required: false, hint: "2026-12-31 형식", width: 14 },
  { field: "orderRef", header: "주문 번호", required: false, hint: "우리 쪽 주문·청구 번호 (선택)", width: 20 },
  {
    field: "productName",
    header: "상품명",
    required: false,
    hint: "상품·청구 내용 (선택). 고객 이름·전화번호는 넣지 마세요.",
    width: 24,
  },
];

// Headers are matched loosely: spaces, case and anything in parentheses do not matter, and the
// API's own key is accepted too, so "청구서ID", "billId" and "청구서 ID (billId)" all find billId.
function headerKey(text: string): string {
  return text
    .replace(/\([^)]*\)/g, "")
    .replace(/[\s_-]/g, "")
    .toLowerCase();
}

const headerAliases = new Map<string, BillUploadField>();
for (const column of billUploadColumns) {
  headerAliases.set(headerKey(column.header), column.field);
  headerAliases.set(headerKey(column.field), column.field);
  const inParentheses = /\(([^)]+)\)/.exec(column.header)?.[1];
  if (inParentheses && inParentheses !== "원" && inParentheses !== "KST") {
    headerAliases.set(headerKey(inParentheses), column.field);
  }
}

/** The bill field a header names, or null for a column the upload does not use. */
export function fieldOfHeader(header: string): BillUploadField | null {
  return headerAliases.get(headerKey(header)) ?? null;
}

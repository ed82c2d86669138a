import { approvalStateLabels, approvalStates, reviewStatuses, reviewStatusLabels } from "./codes";

// Every callback field with its Korean name and what the receiver accepts in it, so a refusal can
// be explained to operations staff in Korean. The rules mirror fields.ts, approval.ts and
// auth-mapping.ts; test/unit/refusal-explanations.test.ts checks them against those schemas.

export type FieldRule =
  | { kind: "text"; required: true; maxLength: number }
  | { kind: "text"; required: false }
  | { kind: "code"; codes: readonly string[]; labels: Record<string, string> }
  | { kind: "kstTime"; required: boolean }
  | { kind: "won" }
  | { kind: "months" }
  | { kind: "yesNo" }
  | { kind: "json" }
  | { kind: "object"; nullable: boolean }
  // Never shown back, not even masked: the apiKey and the URL token.
  | { kind: "secret" };

export interface FieldDescription {
  /** Korean name, e.g. 할부 개월. */
  name: string;
  rule: FieldRule;
}

const optionalText: FieldRule = { kind: "text", required: false };

const approvalFields = {
  apiKey: { name: "API 키", rule: { kind: "secret" } },
  billId: { name: "청구서 ID", rule: { kind: "text", required: true, maxLength: 20 } },
  apprPayType: { name: "결제 수단", rule: optionalText },
  apprCardType: { name: "카드 구분", rule: optionalText },
  apprDt: { name: "승인 일시", rule: { kind: "kstTime", required: true } },
  apprOriginDt: { name: "원거래 일시", rule: { kind: "kstTime", required: false } },
  apprPrice: { name: "결제 금액", rule: { kind: "won" } },
  apprIssuer: { name: "카드사/은행", rule: optionalText },
  apprIssuerCd: { name: "카드사/은행 코드", rule: optionalText },
  apprIssuerNum: { name: "카드/계좌 번호", rule: optionalText },
  apprAcquirerCd: { name: "매입사 코드", rule: optionalText },
  apprAcquirerNm: { name: "매입사", rule: optionalText },
  apprNum: { name: "승인번호", rule: optionalText },
  apprOriginNum: { name: "원거래 승인번호", rule: optionalText },
  apprResCd: { name: "응답 코드", rule: optionalText },
  apprMonthly: { name: "할부 개월", rule: { kind: "months" } },
  apprState: { name: "승인 상태", rule: { kind: "code", codes: approvalStates, labels: approvalStateLabels } },
  apprCashNum: { name: "현금영수증 식별번호", rule: optionalText },
  apprCashTrader: { name: "현금영수증 구분", rule: optionalText },
  apprCashIssuanceNumber: { name: "현금영수증 승인번호", rule: optionalText },
  apprCardMerchantNum: { name: "카드 가맹점번호", rule: optionalText },
  catId: { name: "단말기 ID", rule: optionalText },
  udItem: { name: "사용자 정의 항목", rule: { kind: "json" } },
  dscTxNum: { name: "거래 고유번호", rule: optionalText },
  cardType: { name: "카드 종류", rule: optionalText },
  apprSign: { name: "서명", rule: optionalText },
} satisfies Record<string, FieldDescription>;

/** The approval callback's fields by their v2 (camelCase) key. */
export const approvalFieldDescriptions: Record<string, FieldDescription> = approvalFields;

export type ApprovalField = keyof typeof approvalFields;

/** The Korean name of an approval field, as the detail page, the exports and refusals call it. */
export function approvalFieldName(field: ApprovalField): string {
  return approvalFields[field].name;
}

const authMappingFields = {
  memberId: { name: "회원 코드", rule: { kind: "text", required: true, maxLength: 60 } },
  merchantId: { name: "가맹점 코드", rule: { kind: "text", required: true, maxLength: 60 } },
  member: { name: "회원 정보", rule: { kind: "object", nullable: true } },
  "member.id": { name: "PaySsam 회원 ID", rule: optionalText },
  merchant: { name: "가맹점 정보", rule: { kind: "object", nullable: false } },
  "merchant.companyName": { name: "상호", rule: optionalText },
  "merchant.branchName": { name: "지점", rule: optionalText },
  "merchant.businessNumber": { name: "사업자등록번호", rule: optionalText },
  "merchant.reviewStatus": {
    name: "심사 상태",
    rule: { kind: "code", codes: reviewStatuses, labels: reviewStatusLabels },
  },
  "merchant.reviewMessage": { name: "심사 메시지", rule: optionalText },
  "merchant.isDeleted": { name: "삭제 여부", rule: { kind: "yesNo" } },
} satisfies Record<string, FieldDescription>;

/** The sub-merchant link result's fields by their path (nested members joined with "."). */
export const authMappingFieldDescriptions: Record<string, FieldDescription> = authMappingFields;

/** The Korean name of a sub-merchant field (`merchant.companyName` → 상호). */
export function authMappingFieldName(field: keyof typeof authMappingFields): string {
  return authMappingFields[field].name;
}

/** Paths that are not payload fields but can be named by a refusal. */
export const requestFieldDescriptions: Record<string, FieldDescription> = {
  token: { name: "콜백 주소의 토큰", rule: { kind: "secret" } },
};

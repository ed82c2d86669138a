import { reviewStatuses, reviewStatusLabels } from "./codes";
import type { FieldDescription, FieldRule } from "./fields";

// The sub-merchant link result's fields with their Korean names and what the receiver accepts in
// them, so a refusal can be explained to operations staff in Korean (the approval's are in
// approval.ts's field table). The rules mirror auth-mapping.ts; test/unit/refusal-explanations.test.ts
// checks them against its schema.

const optionalText: FieldRule = { kind: "text", required: false };

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

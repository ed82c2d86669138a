import type { Merchant } from "@/db/schema";
import { reviewStatuses, reviewStatusLabels } from "./codes";
import { extraMembers, type FieldDescription, type FieldValue, fieldSchema, payloadObject } from "./fields";

// The sub-merchant link result sync callback (callbackAuthMapping, PartnerAuthCallbackPayload).
// Every field is described once, here: its key (nested members inside their object's entry), the
// merchants column it is stored in, its Korean name and what it accepts. The zod schema, the
// parsed row's columns, the Korean names of refusals and exports come from this table.

const optionalText = { kind: "text", required: false } as const;

interface AuthMappingFieldSpec extends FieldDescription {
  column: keyof Merchant;
}

/** A nested object of the payload: its own refusal text and its members, each a field of its own. */
interface AuthMappingObjectSpec extends FieldDescription {
  rule: { kind: "object"; nullable: boolean };
  error: string;
  fields: Record<string, AuthMappingFieldSpec>;
}

// In PaySsam's order: the schema checks the fields in this order, and a refusal names the first.
const authMappingFields = {
  memberId: { column: "memberId", name: "회원 코드", rule: { kind: "text", required: true, maxLength: 60 } },
  merchantId: { column: "merchantId", name: "가맹점 코드", rule: { kind: "text", required: true, maxLength: 60 } },
  // PaySsam may send null for a member it has not created yet: its fields are then not given.
  member: {
    name: "회원 정보",
    rule: { kind: "object", nullable: true },
    error: 'must be an object like {"id": "PM00012345"}',
    fields: { id: { column: "payssamMemberId", name: "PaySsam 회원 ID", rule: optionalText } },
  },
  merchant: {
    name: "가맹점 정보",
    rule: { kind: "object", nullable: false },
    error: "must be an object with reviewStatus, companyName, branchName, businessNumber, reviewMessage, isDeleted",
    fields: {
      companyName: { column: "companyName", name: "상호", rule: optionalText },
      branchName: { column: "branchName", name: "지점", rule: optionalText },
      businessNumber: { column: "businessNumber", name: "사업자등록번호", rule: optionalText },
      reviewStatus: {
        column: "reviewStatus",
        name: "심사 상태",
        rule: { kind: "code", codes: reviewStatuses, labels: reviewStatusLabels },
      },
      reviewMessage: { column: "reviewMessage", name: "심사 메시지", rule: optionalText },
      isDeleted: { column: "isDeleted", name: "삭제 여부", rule: { kind: "yesNo" } },
    },
  },
} as const satisfies Record<string, AuthMappingFieldSpec | AuthMappingObjectSpec>;

type Fields = typeof authMappingFields;
type TopKey = keyof Fields & string;
type Leaf = {
  [Key in TopKey]: Fields[Key] extends { fields: infer Members } ? Members[keyof Members] : Fields[Key];
}[TopKey];

/** A field's path: a top-level key, or a nested member joined with "." (`merchant.companyName`). */
export type AuthMappingFieldPath = {
  [Key in TopKey]: Key | (Fields[Key] extends { fields: infer Members } ? `${Key}.${keyof Members & string}` : never);
}[TopKey];

/** The parsed link result: each field under its merchants column, and the members nobody knows. */
export type AuthMappingCallback = { [Field in Leaf as Field["column"]]: FieldValue<Field["rule"]> } & {
  extra: Record<string, unknown> | null;
};

const topFields = Object.entries(authMappingFields as Record<string, AuthMappingFieldSpec | AuthMappingObjectSpec>);
const isObjectField = (spec: AuthMappingFieldSpec | AuthMappingObjectSpec): spec is AuthMappingObjectSpec =>
  spec.rule.kind === "object";

/** The sub-merchant link result's fields by their path, as refusals name them. */
export const authMappingFieldDescriptions: Record<string, FieldDescription> = Object.fromEntries(
  topFields.flatMap(([key, spec]) => [
    [key, spec],
    ...(isObjectField(spec) ? Object.entries(spec.fields).map(([member, field]) => [`${key}.${member}`, field]) : []),
  ]),
);

/** The Korean name of a sub-merchant field (`merchant.companyName` → 상호). */
export function authMappingFieldName(path: AuthMappingFieldPath): string {
  return authMappingFieldDescriptions[path].name;
}

/** The merchants columns a link result sets, in the table's order (extra last). */
export const authMappingColumns: readonly (keyof Merchant)[] = [
  ...topFields.flatMap(([, spec]) =>
    isObjectField(spec) ? Object.values(spec.fields).map((field) => field.column) : [spec.column],
  ),
  "extra",
];

function objectSchema(spec: AuthMappingObjectSpec) {
  const shape = Object.fromEntries(Object.entries(spec.fields).map(([key, field]) => [key, fieldSchema(field.rule)]));
  const object = payloadObject(shape, spec.error);
  if (!spec.rule.nullable) return object;
  const absent = Object.fromEntries(Object.keys(spec.fields).map((key) => [key, null]));
  return object.nullable().transform((value) => value ?? { ...absent });
}

const topShape = Object.fromEntries(
  topFields.map(([key, spec]) => [key, isObjectField(spec) ? objectSchema(spec) : fieldSchema(spec.rule)]),
);

export const authMappingCallbackSchema = payloadObject(topShape, "must be a JSON object").transform(
  (payload): AuthMappingCallback => {
    const columns: Record<string, unknown> = {};
    // Unknown members are kept, nested ones under their path (`merchant.logoUrl`).
    const extra: [string, unknown][] = Object.entries(
      extraMembers(
        payload,
        topFields.map(([key]) => key),
      ) ?? {},
    );
    for (const [key, spec] of topFields) {
      if (!isObjectField(spec)) {
        columns[spec.column] = payload[key];
        continue;
      }
      const members = payload[key] as Record<string, unknown>;
      for (const [member, field] of Object.entries(spec.fields)) columns[field.column] = members[member];
      const unknown = extraMembers(members, Object.keys(spec.fields)) ?? {};
      extra.push(...Object.entries(unknown).map(([member, value]): [string, unknown] => [`${key}.${member}`, value]));
    }
    return { ...columns, extra: extra.length > 0 ? Object.fromEntries(extra) : null } as AuthMappingCallback;
  },
);

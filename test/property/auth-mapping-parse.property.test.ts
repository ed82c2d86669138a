import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import { authMappingCallbackSchema } from "@/lib/payssam/auth-mapping";
import { reviewStatuses, reviewStatusLabels } from "@/lib/payssam/codes";
import { extraMembers, optionalText, payloadObject, requiredCode, requiredText, yesNoFlag } from "@/lib/payssam/fields";

// The schema derived from the field table must parse exactly as the hand-written one it replaced:
// the same data, and the same issues (path, code and message) in the same order. The hand-written
// schema is kept here, verbatim, as the reference.

const memberFields = { id: optionalText };

const merchantFields = {
  companyName: optionalText,
  branchName: optionalText,
  businessNumber: optionalText,
  reviewStatus: requiredCode(reviewStatuses, reviewStatusLabels),
  reviewMessage: optionalText,
  isDeleted: yesNoFlag,
};

const topFields = {
  memberId: requiredText(60),
  merchantId: requiredText(60),
  member: payloadObject(memberFields, 'must be an object like {"id": "PM00012345"}')
    .nullable()
    .transform((member) => member ?? { id: null }),
  merchant: payloadObject(
    merchantFields,
    "must be an object with reviewStatus, companyName, branchName, businessNumber, reviewMessage, isDeleted",
  ),
};

const referenceSchema = payloadObject(topFields, "must be a JSON object").transform((payload) => {
  const extra = {
    ...(extraMembers(payload, Object.keys(topFields)) ?? {}),
    ...prefixed("member", extraMembers(payload.member, Object.keys(memberFields))),
    ...prefixed("merchant", extraMembers(payload.merchant, Object.keys(merchantFields))),
  };
  return {
    memberId: payload.memberId,
    merchantId: payload.merchantId,
    payssamMemberId: payload.member.id,
    companyName: payload.merchant.companyName,
    branchName: payload.merchant.branchName,
    businessNumber: payload.merchant.businessNumber,
    reviewStatus: payload.merchant.reviewStatus,
    reviewMessage: payload.merchant.reviewMessage,
    isDeleted: payload.merchant.isDeleted,
    extra: Object.keys(extra).length > 0 ? extra : null,
  };
});

function prefixed(prefix: string, members: Record<string, unknown> | null) {
  return Object.fromEntries(Object.entries(members ?? {}).map(([key, value]) => [`${prefix}.${key}`, value]));
}

/** What a parse says, in a form toStrictEqual compares member by member (key order included). */
function outcome(result: ReturnType<typeof authMappingCallbackSchema.safeParse>) {
  return result.success
    ? {
        success: true,
        data: result.data,
        keys: Object.keys(result.data),
        extraKeys: Object.keys(result.data.extra ?? {}),
      }
    : { success: false, issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

// Values each rule treats differently: blank, blank-looking, wrong type, too long, codes, flags.
const fieldValue = fc.oneof(
  fc.constantFrom(undefined, null, "", " ", "\t", "Y", "N", "y", " true ", "FALSE", "yes", true, false, 0, 1, -1, 1.5),
  fc.constantFrom(...reviewStatuses, "X", "o", "OO"),
  fc.string({ maxLength: 8 }),
  fc.string({ minLength: 55, maxLength: 65 }),
  fc.constantFrom("가".repeat(60), "가".repeat(61), "😀".repeat(31), "😀".repeat(30)),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

// Unknown members, including the names an object copy could mistake for its prototype.
const extraKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "logoUrl", "id.x"), fc.string());

function withExtras(known: Record<string, fc.Arbitrary<unknown>>) {
  return fc
    .tuple(
      fc.record(known, { requiredKeys: [] }),
      fc.array(fc.tuple(extraKey, fieldValue), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([members, extras, extrasFirst]) => {
      const entries = [...Object.entries(members), ...extras];
      return Object.fromEntries(extrasFirst ? entries.reverse() : entries);
    });
}

// Values each field accepts, more often than not, so that many payloads are accepted and their data compared.
const usually = (arbitrary: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary }, fieldValue);
const text = usually(fc.option(fc.string({ maxLength: 10 })));

const memberObject = withExtras({ id: text });
const merchantObject = withExtras({
  companyName: text,
  branchName: text,
  businessNumber: text,
  reviewStatus: usually(fc.constantFrom(...reviewStatuses)),
  reviewMessage: text,
  isDeleted: usually(fc.constantFrom("Y", "N", "", null)),
});

const partnerCode = usually(fc.stringMatching(/^[a-z0-9-]{1,20}$/));

const payload = fc.oneof(
  {
    weight: 6,
    arbitrary: withExtras({
      memberId: partnerCode,
      merchantId: partnerCode,
      member: fc.oneof(memberObject, fc.constantFrom(null, undefined), fieldValue),
      merchant: fc.oneof({ weight: 3, arbitrary: merchantObject }, fieldValue),
    }),
  },
  { weight: 1, arbitrary: fc.anything() },
);

describe("the sub-merchant link result schema derived from its field table", () => {
  let accepted = 0;

  test.prop([payload], { numRuns: 3000 })("parses every payload exactly as the hand-written schema did", (input) => {
    const derived = authMappingCallbackSchema.safeParse(input);
    expect(outcome(derived)).toStrictEqual(
      outcome(referenceSchema.safeParse(input) as ReturnType<typeof authMappingCallbackSchema.safeParse>),
    );
    accepted += derived.success ? 1 : 0;
  });

  // Both outcomes must be exercised: a generator that only made refusals would compare no data.
  afterAll(() => expect(accepted).toBeGreaterThan(100));

  test.prop([fc.jsonValue()], { numRuns: 1000 })("and every JSON body, as the receiver decodes it", (input) => {
    expect(outcome(authMappingCallbackSchema.safeParse(input))).toStrictEqual(
      outcome(referenceSchema.safeParse(input) as ReturnType<typeof authMappingCallbackSchema.safeParse>),
    );
  });
});

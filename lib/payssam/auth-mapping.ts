import type { z } from "zod";
import { reviewStatuses, reviewStatusLabels } from "./codes";
import { extraMembers, optionalText, payloadObject, requiredCode, requiredText, yesNoFlag } from "./fields";

// The sub-merchant link result sync callback (callbackAuthMapping, PartnerAuthCallbackPayload).

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

export const authMappingCallbackSchema = payloadObject(topFields, "must be a JSON object").transform((payload) => {
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

export type AuthMappingCallback = z.output<typeof authMappingCallbackSchema>;

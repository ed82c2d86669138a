import type { ReviewStatus } from "@/db/schema";
import {
  documentRequestMessages,
  generateCompany,
  industries,
  rejectionMessages,
  type SimulatedCompany,
} from "./korea";
import type { Random } from "./random";

// PaySsam's sub-merchant link result sync callback (callbackAuthMapping): sent on every review
// status change of a merchant the partner linked through /auth/mapping. No timestamp: the order
// of arrival is the timeline.

export type AuthMappingPayload = {
  memberId: string;
  merchantId: string;
  member: { id: string };
  merchant: {
    companyName: string;
    branchName: string | null;
    businessNumber: string;
    reviewStatus: ReviewStatus;
    reviewMessage: string | null;
    isDeleted: "Y" | "N";
  };
};

export interface SimulatedMerchant extends SimulatedCompany {
  memberId: string;
  merchantId: string;
  payssamMemberId: string;
}

export function generateMerchant(
  random: Random,
  company: SimulatedCompany = generateCompany(random),
): SimulatedMerchant {
  const prefix = industries[company.industry].memberPrefix;
  return {
    ...company,
    // The partner's own codes for its user and store (up to 60 characters in v2).
    memberId: `${prefix}-member-${random.digits(6)}`,
    merchantId: `${company.branchSlug}-${random.alphanumeric(6).toLowerCase()}`,
    payssamMemberId: `PM${random.digits(8)}`,
  };
}

/** PaySsam fills reviewMessage only for R (the reason) and S (the documents wanted). */
export function reviewMessageFor(random: Random, status: ReviewStatus): string | null {
  if (status === "R") return random.pick(rejectionMessages);
  if (status === "S") return random.pick(documentRequestMessages);
  return null;
}

export function authMappingPayload(
  merchant: SimulatedMerchant,
  status: ReviewStatus,
  reviewMessage: string | null,
  isDeleted = false,
): AuthMappingPayload {
  return {
    memberId: merchant.memberId,
    merchantId: merchant.merchantId,
    member: { id: merchant.payssamMemberId },
    merchant: {
      companyName: merchant.companyName,
      branchName: merchant.branchName,
      businessNumber: merchant.businessNumber,
      reviewStatus: status,
      reviewMessage,
      isDeleted: isDeleted ? "Y" : "N",
    },
  };
}

// The paths a merchant takes to each final status. Backwards moves are real: S → P once the
// documents arrive, R → W when the merchant applies again.
const pathsTo: Record<ReviewStatus, readonly (readonly [readonly ReviewStatus[], number])[]> = {
  N: [[["N"], 1]],
  W: [
    [["W"], 5],
    [["W", "P", "R", "W"], 1],
  ],
  P: [
    [["W", "P"], 5],
    [["W", "P", "S", "P"], 2],
  ],
  S: [
    [["W", "P", "S"], 5],
    [["W", "P", "S", "P", "S"], 1],
  ],
  R: [
    [["W", "P", "R"], 5],
    [["W", "P", "S", "P", "R"], 2],
  ],
  O: [
    [["W", "P", "O"], 6],
    [["W", "P", "S", "P", "O"], 3],
    [["W", "P", "R", "W", "P", "O"], 1],
  ],
};

export const finalStatusMix: readonly (readonly [ReviewStatus, number])[] = [
  ["O", 45],
  ["P", 13],
  ["W", 14],
  ["S", 10],
  ["R", 10],
  ["N", 8],
];

/**
 * Every callback PaySsam sends for one merchant, in order, from the first application to
 * `finalStatus`. A few live merchants are later unlinked (isDeleted Y), a last callback of its own.
 */
export function merchantTimeline(
  random: Random,
  merchant: SimulatedMerchant,
  finalStatus: ReviewStatus = random.weighted(finalStatusMix),
): AuthMappingPayload[] {
  const path = random.weighted(pathsTo[finalStatus]);
  const timeline = path.map((status) => authMappingPayload(merchant, status, reviewMessageFor(random, status)));
  if (finalStatus === "O" && random.chance(0.04)) timeline.push(authMappingPayload(merchant, "O", null, true));
  return timeline;
}

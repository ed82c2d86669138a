import type { CallbackKind } from "@/db/schema";

// PaySsam's docs hint that a mapping's callbackUrl may also receive payment callbacks, so the
// kind is told by shape, whichever endpoint received it.

const approvalMarkers = [
  "billId",
  "bill_id",
  "apprState",
  "appr_state",
  "apprPrice",
  "appr_price",
  "apprDt",
  "appr_dt",
];
const authMappingMarkers = ["merchant", "memberId", "merchantId"];

export type PayloadKind = Exclude<CallbackKind, "unknown">;

/** The kind this payload's shape says it is; the endpoint's own kind only when the shape says nothing. */
export function classifyPayload(
  payload: Record<string, unknown>,
  endpointKind: PayloadKind | null,
): PayloadKind | null {
  const looksLikeApproval = approvalMarkers.some((key) => key in payload);
  const looksLikeAuthMapping = authMappingMarkers.some((key) => key in payload);
  if (looksLikeApproval && !looksLikeAuthMapping) return "approval";
  if (looksLikeAuthMapping && !looksLikeApproval) return "auth_mapping";
  return endpointKind;
}

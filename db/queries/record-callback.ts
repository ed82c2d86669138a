import type { Database } from "@/db";
import type { ApprovalCallback } from "@/lib/payssam/approval";
import type { AuthMappingCallback } from "@/lib/payssam/auth-mapping";
import type { DeliveryFacts, RecordedDelivery } from "./delivery-facts";
import { recordApproval } from "./record-approval";
import { recordAuthMapping } from "./record-auth-mapping";
import { type DeliveryRefusal, recordRefusedDelivery } from "./record-refusal";

// The writes behind a callback. Each is ONE statement (data-modifying CTEs), so a delivery and
// its effect commit together or not at all, in one round trip to the database: the approval's
// (record-approval.ts), the link result's (record-auth-mapping.ts), a refusal's (record-refusal.ts).

/** What one callback does to the database: the effect of an accepted delivery, or its refusal. */
export type DeliveryEffect =
  | { kind: "approval"; approval: ApprovalCallback; apiKeyMasked: string | null; payloadVersion: "v1" | "v2" }
  | { kind: "auth_mapping"; mapping: AuthMappingCallback }
  | { kind: "refused"; refusal: DeliveryRefusal };

/** The one statement for a delivery: what the interpretation said it is decides which. */
export function recordDelivery(
  db: Database,
  delivery: DeliveryFacts,
  effect: DeliveryEffect,
): Promise<RecordedDelivery> {
  switch (effect.kind) {
    case "approval":
      return recordApproval(db, delivery, effect.approval, effect);
    case "auth_mapping":
      return recordAuthMapping(db, delivery, effect.mapping);
    case "refused":
      return recordRefusedDelivery(db, delivery, effect.refusal);
  }
}

import { z } from "zod";
import { callbackKind, reviewStatus } from "@/db/schema";
import type { AlertMessage } from "./messages";

// What alert_outbox.facts holds for each kind: written by the app (the callback statement, the
// sweep), read back through these schemas, so a row from an older version fails loudly, not oddly.

const instant = z.coerce.date();

export const reviewAlertFacts = z.object({
  companyName: z.string().nullable(),
  branchName: z.string().nullable(),
  reviewStatus: z.enum(reviewStatus.enumValues),
  reviewMessage: z.string().nullable(),
});

export const retryAlertFacts = z.object({
  callbackKind: z.enum(callbackKind.enumValues),
  subject: z.string(),
  firstRefusedAt: instant,
  attempts: z.number().int(),
  reason: z.string(),
});
export type RetryAlertFacts = z.infer<typeof retryAlertFacts>;

export const digestAlertFacts = z.object({
  since: instant,
  received: z.number().int(),
  threshold: z.number().int(),
});
export type DigestAlertFacts = z.infer<typeof digestAlertFacts>;

export const reconciliationAlertFacts = z.object({
  billId: z.string(),
  memberId: z.string().nullable(),
  merchantId: z.string().nullable(),
  amount: z.number(),
  reasons: z.array(z.string()),
});
export type ReconciliationAlertFacts = z.infer<typeof reconciliationAlertFacts>;

export const stoppedAlertFacts = z.object({
  failures: z.number().int(),
  lastError: z.string(),
  since: instant,
});

/** The message of a queued alert from its stored facts. */
export function messageOf(alert: {
  kind: AlertMessage["kind"];
  subject: string | null;
  merchantId: number | null;
  facts: unknown;
}): AlertMessage {
  switch (alert.kind) {
    case "review_status":
      return {
        kind: "review_status",
        merchantRowId: alert.merchantId,
        subject: alert.subject,
        ...reviewAlertFacts.parse(alert.facts),
      };
    case "refusal":
    case "deadline":
      return { kind: alert.kind, ...retryAlertFacts.parse(alert.facts) };
    case "unauthenticated":
      return { kind: "unauthenticated", ...digestAlertFacts.parse(alert.facts) };
    case "missing_callback":
    case "mismatch":
      return { kind: alert.kind, ...reconciliationAlertFacts.parse(alert.facts) };
    case "reconciliation_stopped":
      return { kind: alert.kind, ...stoppedAlertFacts.parse(alert.facts) };
  }
}

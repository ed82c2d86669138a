import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import type { RecordedDelivery } from "@/db/queries/delivery-facts";
import { recordDelivery } from "@/db/queries/record-callback";
import { type CallbackKind, callbackDeliveries } from "@/db/schema";
import { env } from "@/lib/env";
import { actionWords, withParticle } from "@/lib/glossary";
import { type ErrorAnswer, errorCodes } from "@/lib/payssam/answers";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";
import { endpointKindFromEndpoint } from "./endpoints";
import { interpretText } from "./interpret";
import { deliveryEffect, deliveryFacts, secretsFor } from "./record";

// An operator reprocesses a rejected delivery after a fix (to the validation, or to data on our
// side): its stored body goes through the same interpretation as a live callback, and the result
// is recorded as a new delivery pointing back at the original, which stays as it was.
// The same interpretation, without recording, is the preview the page shows before 다시 처리.

export class ReprocessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReprocessError";
  }
}

// Refusals whose stored body is not the body that arrived: only its head (too large, stalled), or
// its bytes shown as text (not UTF-8). Interpreting that text would not be reprocessing the delivery.
const bodyNotKeptAsReceived = new Set<string>([
  errorCodes.bodyTooLarge,
  errorCodes.bodyTimeout,
  errorCodes.invalidEncoding,
]);

/** What 다시 처리 would do now, without doing it: the page shows it before asking to confirm. */
export type ReprocessPreview =
  | { status: "stores"; kind: CallbackKind; subject: string | null }
  | { status: "refused-again"; errorCode: string; reason: string }
  | { status: "cannot"; reason: string };

type StoredDelivery = typeof callbackDeliveries.$inferSelect;

function interpretStored(original: StoredDelivery) {
  const id = original.id;
  // Unauthorized deliveries failed the URL token or the apiKey: their sender is unknown, so they are never replayed.
  if (original.outcome !== "rejected") {
    throw new ReprocessError(
      `거부된 수신만 ${actionWords.reprocess}할 수 있습니다 (#${id}의 결과: ${original.outcome}).`,
    );
  }
  if (original.errorCode !== null && bodyNotKeptAsReceived.has(original.errorCode)) {
    throw new ReprocessError(
      `${withParticle(`#${id}`, "은/는")} 받은 본문이 그대로 보관되지 않아 (${original.errorMessage ?? original.errorCode}) ${actionWords.reprocess}할 수 없습니다. PaySsam의 재전송을 기다려 주세요.`,
    );
  }
  // Retention (RETENTION_DAYS) drops the raw body of old deliveries: then there is nothing to reprocess.
  const rawBody: string | null = original.rawBody;
  if (rawBody === null) {
    throw new ReprocessError(
      `#${id}의 본문은 보관 기간(RETENTION_DAYS)이 지나 삭제되어 ${actionWords.reprocess}할 수 없습니다.`,
    );
  }
  const apiKeys = env().PAYSSAM_API_KEYS;
  // The stored body has its apiKey masked. An approval whose key was checked on arrival needs no
  // second check; one whose key was not checked is checked now, against the masked key, and so is
  // refused while PAYSSAM_API_KEYS is set: reprocessing never gets around the allow-list.
  const interpretation = interpretText(rawBody, endpointKindFromEndpoint(original.endpoint), {
    accepted: apiKeys,
    source: "stored",
    verifiedEarlier: original.apiKeyVerified,
  });
  return { rawBody, apiKeys, interpretation };
}

async function storedDelivery(db: Database, id: number): Promise<StoredDelivery> {
  const [original] = await db.select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id)).limit(1);
  if (!original) throw new ReprocessError(`${withParticle(`수신 기록 #${id}`, "이/가")} 없습니다.`);
  return original;
}

/** Why today's rules refuse the stored body, in the words the refusal card uses. */
function refusedAgainReason(answer: ErrorAnswer, rawBody: string): string {
  return explainRefusal({ errorCode: answer.code, errorMessage: answer.message, errors: answer.errors, rawBody })
    .summary;
}

export async function previewReprocess(db: Database, id: number): Promise<ReprocessPreview> {
  let interpreted: ReturnType<typeof interpretStored>;
  try {
    interpreted = interpretStored(await storedDelivery(db, id));
  } catch (error) {
    if (error instanceof ReprocessError) return { status: "cannot", reason: error.message };
    throw error;
  }
  const { interpretation, rawBody } = interpreted;
  if (interpretation.ok) {
    const subject = interpretation.kind === "approval" ? interpretation.approval.billId : interpretation.subject;
    return { status: "stores", kind: interpretation.kind, subject };
  }
  const { answer } = interpretation;
  return { status: "refused-again", errorCode: answer.code, reason: refusedAgainReason(answer, rawBody) };
}

/**
 * 다시 처리: the stored body under today's rules, recorded as a new delivery pointing back at the
 * original. A body today's rules would refuse again is not recorded a second time: the operator
 * is told why instead (a second refused entry would only offer 다시 처리 again).
 */
export async function reprocessDelivery(db: Database, id: number): Promise<RecordedDelivery> {
  const original = await storedDelivery(db, id);
  const { rawBody, apiKeys, interpretation } = interpretStored(original);
  if (!interpretation.ok) {
    const { answer } = interpretation;
    throw new ReprocessError(
      `지금 규칙으로도 거부됩니다 ([${answer.code}] ${refusedAgainReason(answer, rawBody)}). 새 수신 기록을 만들지 않았습니다.`,
    );
  }
  const facts = deliveryFacts(
    { endpoint: original.endpoint, remoteAddr: null, reprocessOf: original.id },
    { rawBody, bodyBytes: original.bodyBytes },
    interpretation,
    secretsFor(rawBody, apiKeys),
  );
  return recordDelivery(db, facts, deliveryEffect(interpretation));
}

import type { DeliveryFacts } from "@/db/queries/delivery-facts";
import type { DeliveryEffect } from "@/db/queries/record-callback";
import type { DeliveryRefusal } from "@/db/queries/record-refusal";
import { alertsConfigured } from "@/lib/alerts/settings";
import { carriedApiKeys, maskBody, maskRawBody, redactSecrets } from "@/lib/mask";
import type { ErrorAnswer } from "@/lib/payssam/answers";
import type { Interpretation, Refusal } from "./interpret";
import { bodyHeadBytes } from "./read-body";
import { storableText } from "./storable-text";

// What is written about a delivery, live or reprocessed: the body masked, every configured secret
// redacted, and nothing PostgreSQL would refuse (so that a refusal can always be logged); and
// which statement writes it. Each a function of what the step before returned.

export interface DeliverySource {
  endpoint: string;
  remoteAddr: string | null;
  reprocessOf?: number | null;
  /** Backdates the delivery (the demo seeder only); unset means now. */
  receivedAt?: Date | null;
}

export interface StoredBody {
  rawBody: string;
  bodyBytes: number;
}

/** The secrets to keep out of storage: the configured API keys, and any apiKey the body itself carries. */
export function secretsFor(text: string, configuredKeys: readonly string[]): string[] {
  return [...new Set([...configuredKeys, ...carriedApiKeys(text)])];
}

export interface BodyReceived {
  /** Bytes actually read. */
  bodyBytes: number;
  /** "head": only the beginning was read or kept (too large, unauthenticated); "incomplete": it stopped arriving. */
  kept: "whole" | "head" | "incomplete";
  declaredLength?: number | null;
}

/** A whole body as it is logged (masked, storable), and the secrets to keep out of the rest of its row. */
export function storedWholeBody(
  text: string,
  configuredKeys: readonly string[],
  bodyBytes: number,
): { stored: StoredBody; secrets: string[] } {
  const { masked, secrets } = maskBody(text, configuredKeys);
  return { stored: { rawBody: storableText(masked), bodyBytes }, secrets };
}

/**
 * A received body as it is logged: masked, storable, and when it is not the whole body, at most
 * bodyHeadBytes characters of it (bytes that are not UTF-8 are shown as \xNN, four characters each,
 * so characters are counted) followed by a note of what arrived.
 */
export function storedBody(text: string, secrets: readonly string[], received: BodyReceived): StoredBody {
  if (received.kept === "whole") {
    return { rawBody: storableText(maskRawBody(text, { secrets })), bodyBytes: received.bodyBytes };
  }
  const head = text.slice(0, bodyHeadBytes);
  const masked = storableText(maskRawBody(head, { secrets, truncated: true }));
  const of = received.declaredLength ? ` of ${received.declaredLength} declared` : "";
  const kept = received.bodyBytes > bodyHeadBytes || head.length < text.length ? `, first ${bodyHeadBytes} kept` : "";
  const note =
    received.kept === "head"
      ? `…[truncated: ${received.bodyBytes} bytes read${of}${kept}]`
      : `…[incomplete: the body stopped after ${received.bodyBytes} bytes${of}${kept}]`;
  return { rawBody: `${masked}\n${note}`, bodyBytes: received.bodyBytes };
}

/** The answer as it is sent and stored: no secret, nothing PostgreSQL would refuse. */
export function storableAnswer(answer: ErrorAnswer, secrets: readonly string[]): ErrorAnswer {
  const clean = (text: string) => storableText(redactSecrets(text, secrets));
  return {
    code: answer.code,
    message: clean(answer.message),
    errors: answer.errors.map((error) => ({ path: clean(error.path), message: clean(error.message) })),
  };
}

/**
 * The delivery's log row, computed once per delivery: what arrived, from where, and what it is.
 * An accepted approval's subject is its billId as stored; a refusal's is whatever the body named,
 * kept free of secrets and storable.
 */
export function deliveryFacts(
  source: DeliverySource,
  body: StoredBody,
  interpretation: Interpretation | Pick<Refusal, "kind" | "subject" | "apiKeyVerified">,
  secrets: readonly string[],
): DeliveryFacts {
  return {
    kind: interpretation.kind,
    endpoint: source.endpoint,
    rawBody: body.rawBody,
    bodyBytes: body.bodyBytes,
    remoteAddr: source.remoteAddr,
    subject: subjectOf(interpretation, secrets),
    apiKeyVerified: interpretation.apiKeyVerified,
    reprocessOf: source.reprocessOf ?? null,
    receivedAt: source.receivedAt ?? null,
    // A backdated delivery is the demo seeder's history, not news: it never alerts.
    alerts: !source.receivedAt && alertsConfigured(),
  };
}

function subjectOf(
  interpretation: Interpretation | Pick<Refusal, "kind" | "subject" | "apiKeyVerified">,
  secrets: readonly string[],
): string | null {
  // Accepted: the payload was redacted and checked for unstorable characters before it was parsed.
  if ("ok" in interpretation && interpretation.ok) {
    return interpretation.kind === "approval" ? interpretation.approval.billId : interpretation.subject;
  }
  const { subject } = interpretation;
  return subject === null ? null : storableText(redactSecrets(subject, secrets));
}

/** A refusal with its answer as it is both stored and sent: no secret, nothing PostgreSQL would refuse. */
export function storableRefusal(refusal: Refusal, secrets: readonly string[]): Refusal {
  return { ...refusal, answer: storableAnswer(refusal.answer, secrets) };
}

export function refusalRecord(refusal: Refusal): DeliveryRefusal {
  return {
    outcome: refusal.outcome,
    httpStatus: refusal.status,
    errorCode: refusal.answer.code,
    errorMessage: refusal.answer.message,
    errors: refusal.answer.errors,
  };
}

/** What the one statement does for this interpretation (db/queries/record-callback.ts, recordDelivery). */
export function deliveryEffect(interpretation: Interpretation): DeliveryEffect {
  if (!interpretation.ok) return { kind: "refused", refusal: refusalRecord(interpretation) };
  if (interpretation.kind === "auth_mapping") return { kind: "auth_mapping", mapping: interpretation.mapping };
  const { approval, apiKeyMasked, payloadVersion } = interpretation;
  return { kind: "approval", approval, apiKeyMasked, payloadVersion };
}

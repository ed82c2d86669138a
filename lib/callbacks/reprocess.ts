import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryFacts, type RecordedDelivery, recordRefusedDelivery } from "@/db/queries/record-callback";
import { callbackDeliveries } from "@/db/schema";
import { errorAnswer, errorCodes } from "@/lib/payssam/answers";
import type { PayloadKind } from "./classify";
import { interpret } from "./receive";

// An operator reprocesses a rejected delivery after a fix (to the validation, or to data on our
// side): its stored body goes through the same interpretation as a live callback, and the result
// is recorded as a new delivery pointing back at the original, which stays as it was.

export class ReprocessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReprocessError";
  }
}

export function endpointKindFromEndpoint(endpoint: string): PayloadKind | null {
  if (endpoint.endsWith("/callbacks/approval")) return "approval";
  if (endpoint.endsWith("/callbacks/auth-mapping")) return "auth_mapping";
  return null;
}

export async function reprocessDelivery(db: Database, id: number): Promise<RecordedDelivery> {
  const [original] = await db.select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id)).limit(1);
  if (!original) throw new ReprocessError(`수신 기록 #${id}이(가) 없습니다.`);
  // Unauthorized deliveries failed the URL token: their sender is unknown, so they are never replayed.
  if (original.outcome !== "rejected") {
    throw new ReprocessError(`거부된 수신만 재처리할 수 있습니다 (#${id}의 결과: ${original.outcome}).`);
  }
  const rawBody = original.rawBody;
  if (rawBody === null) {
    throw new ReprocessError(`#${id}의 본문은 보관 기간(RETENTION_DAYS)이 지나 삭제되어 다시 처리할 수 없습니다.`);
  }

  const endpointKind = endpointKindFromEndpoint(original.endpoint);
  const facts = (kind: DeliveryFacts["kind"], subject: string | null): DeliveryFacts => ({
    kind,
    endpoint: original.endpoint,
    rawBody,
    bodyBytes: original.bodyBytes,
    remoteAddr: null,
    subject,
    reprocessOf: original.id,
  });

  const payload = parseObject(rawBody);
  if (!payload) {
    const answer = errorAnswer(
      errorCodes.invalidJson,
      "The stored body is not a JSON object (it may have been truncated), so it cannot be reprocessed.",
      [{ path: "", message: "must be a JSON object" }],
    );
    return recordRefusedDelivery(db, facts(original.kind, original.subject), {
      outcome: "rejected",
      httpStatus: 400,
      errorCode: answer.code,
      errorMessage: answer.message,
      errors: answer.errors,
    });
  }

  // No apiKey check (null): the stored body carries only the masked key, and a delivery was
  // logged as rejected only after its key had been accepted (see interpret()).
  const interpretation = interpret(payload, endpointKind, null);
  if (interpretation.ok) {
    return interpretation.store(db, facts(interpretation.kind, interpretation.subject));
  }
  return recordRefusedDelivery(db, facts(interpretation.kind, interpretation.subject), {
    outcome: interpretation.status === 401 ? "unauthorized" : "rejected",
    httpStatus: interpretation.status,
    errorCode: interpretation.answer.code,
    errorMessage: interpretation.answer.message,
    errors: interpretation.answer.errors,
  });
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

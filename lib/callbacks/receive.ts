import type { Database } from "@/db";
import {
  type DeliveryFacts,
  type RecordedDelivery,
  recordApproval,
  recordAuthMapping,
  recordRefusedDelivery,
} from "@/db/queries/record-callback";
import type { CallbackKind, DeliveryOutcome } from "@/db/schema";
import { env } from "@/lib/env";
import { maskRawBody, maskSecret } from "@/lib/mask";
import { type ErrorAnswer, errorAnswer, errorCodes, type FieldError, successAnswer } from "@/lib/payssam/answers";
import {
  approvalApiKey,
  approvalCallbackSchema,
  isV1Approval,
  sentApprovalKey,
  toV2ApprovalKeys,
} from "@/lib/payssam/approval";
import { authMappingCallbackSchema } from "@/lib/payssam/auth-mapping";
import { classifyPayload, type PayloadKind } from "./classify";
import type { BodyRead } from "./read-body";
import { isAcceptedApiKey, secretsEqual } from "./secrets";

// From a received body to an answer for PaySsam: authenticate, parse, validate, store, answer.
// Every delivery that reaches the database is logged with its outcome, refused ones included.

export interface CallbackRequest {
  endpoint: string;
  endpointKind: PayloadKind | null;
  body: BodyRead;
  token: string | null;
  remoteAddr: string | null;
  /** Backdates the delivery: set only by the demo seeder in-process, never from an HTTP request. */
  receivedAt?: Date;
}

export interface CallbackAnswer {
  status: number;
  body: typeof successAnswer | ErrorAnswer;
  kind: CallbackKind;
  outcome: DeliveryOutcome | "not_recorded";
  subject: string | null;
  deliveryId?: number;
  // For the route's log line only: never part of the answer (no SQL or stack traces for PaySsam).
  databaseError?: unknown;
}

type Interpretation =
  | { ok: true; kind: "approval"; subject: string; store: StoreEffect }
  | { ok: true; kind: "auth_mapping"; subject: string; store: StoreEffect }
  | { ok: false; kind: CallbackKind; subject: string | null; status: number; answer: ErrorAnswer };

type StoreEffect = (db: Database, delivery: DeliveryFacts) => Promise<RecordedDelivery>;

export async function receiveCallback(
  request: CallbackRequest,
  openDb: () => Promise<Database>,
): Promise<CallbackAnswer> {
  const config = env();
  if (config.NODE_ENV === "production" && !config.CALLBACK_TOKEN) {
    return {
      status: 503,
      body: errorAnswer(
        errorCodes.notConfigured,
        "The callback receiver is not configured: CALLBACK_TOKEN is not set. PaySsam will retry.",
      ),
      kind: request.endpointKind ?? "unknown",
      outcome: "not_recorded",
      subject: null,
    };
  }

  const rawBody = request.body.tooLarge ? request.body.head : request.body.text;
  const facts = (kind: CallbackKind, subject: string | null): DeliveryFacts => ({
    kind,
    endpoint: request.endpoint,
    rawBody: request.body.tooLarge
      ? `${maskRawBody(rawBody)}\n…[truncated: ${request.body.bytes} bytes received, first 4096 kept]`
      : maskRawBody(rawBody),
    bodyBytes: request.body.bytes,
    remoteAddr: request.remoteAddr,
    subject,
    receivedAt: request.receivedAt ?? null,
  });

  const payload = request.body.tooLarge ? undefined : parseJsonObject(request.body.text);

  if (config.CALLBACK_TOKEN && !secretsEqual(request.token ?? "", config.CALLBACK_TOKEN)) {
    const kind = payload?.ok
      ? (classifyPayload(payload.value, request.endpointKind) ?? "unknown")
      : (request.endpointKind ?? "unknown");
    return refuse(
      openDb,
      facts(kind, null),
      "unauthorized",
      401,
      errorAnswer(
        errorCodes.badToken,
        request.token ? "The token in the callback URL is wrong." : "The callback URL has no ?token= parameter.",
        [{ path: "token", message: request.token ? "does not match CALLBACK_TOKEN" : "is required" }],
      ),
    );
  }

  if (request.body.tooLarge || !payload) {
    return refuse(
      openDb,
      facts(request.endpointKind ?? "unknown", null),
      "rejected",
      413,
      errorAnswer(
        errorCodes.bodyTooLarge,
        `The body is ${request.body.bytes} bytes; callbacks are limited to 1 MiB (1048576 bytes).`,
        [{ path: "", message: "body exceeds 1048576 bytes" }],
      ),
    );
  }

  if (!payload.ok) {
    return refuse(openDb, facts(request.endpointKind ?? "unknown", null), "rejected", 400, payload.answer);
  }

  const interpretation = interpret(payload.value, request.endpointKind, config.PAYSSAM_API_KEYS);
  if (!interpretation.ok) {
    const outcome = interpretation.status === 401 ? "unauthorized" : "rejected";
    return refuse(
      openDb,
      facts(interpretation.kind, interpretation.subject),
      outcome,
      interpretation.status,
      interpretation.answer,
    );
  }

  const recorded = await withDatabase(openDb, (db) =>
    interpretation.store(db, facts(interpretation.kind, interpretation.subject)),
  );
  if (!recorded.ok) return unavailable(interpretation.kind, interpretation.subject, recorded.error);
  return {
    status: 200,
    body: successAnswer,
    kind: interpretation.kind,
    outcome: recorded.result.outcome,
    subject: interpretation.subject,
    deliveryId: recorded.result.deliveryId,
  };
}

/**
 * Interprets a JSON object as a callback: which kind, whether it is valid, and how to store it.
 * Reprocessing a logged delivery goes through here too, without the apiKey check (see reprocess).
 */
export function interpret(
  payload: Record<string, unknown>,
  endpointKind: PayloadKind | null,
  acceptedApiKeys: string[] | null,
): Interpretation {
  const kind = classifyPayload(payload, endpointKind);
  const nulPath = findNul(payload, "");
  if (kind === null) {
    return {
      ok: false,
      kind: "unknown",
      subject: null,
      status: 400,
      answer: errorAnswer(
        errorCodes.unknownKind,
        "Cannot tell which callback this is: an approval has billId and apprState, a sub-merchant link result has memberId, merchantId and merchant.",
        [{ path: "", message: "has neither billId/apprState nor memberId/merchantId/merchant" }],
      ),
    };
  }
  if (kind === "approval") {
    const version = isV1Approval(payload) ? "v1" : "v2";
    const subject = textOrNull(payload.billId ?? payload.bill_id);
    // The apiKey is checked before validation, so a logged "rejected" approval is known to carry
    // an accepted key and can be reprocessed later without it (the log keeps it masked).
    if (acceptedApiKeys && acceptedApiKeys.length > 0) {
      const apiKey = approvalApiKey(payload);
      if (!isAcceptedApiKey(apiKey, acceptedApiKeys)) {
        const keyName = version === "v1" ? "apikey" : "apiKey";
        return {
          ok: false,
          kind,
          subject,
          status: 401,
          answer: errorAnswer(errorCodes.badApiKey, `The ${keyName} is not one of this partner's PaySsam API keys.`, [
            { path: keyName, message: apiKey ? "is not an accepted key (PAYSSAM_API_KEYS)" : "is required" },
          ]),
        };
      }
    }
    if (nulPath !== null) return nulRefusal(kind, subject, nulPath);
    const parsed = approvalCallbackSchema.safeParse(toV2ApprovalKeys(payload));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({
        path: issue.path
          .map((part, index) => (index === 0 ? sentApprovalKey(String(part), version) : String(part)))
          .join("."),
        message: issue.message,
      }));
      return { ok: false, kind, subject, status: 400, answer: validationAnswer("payment approval", errors) };
    }
    const approval = parsed.data;
    const apiKeyMasked = approval.apiKey ? maskSecret(approval.apiKey) : null;
    return {
      ok: true,
      kind,
      subject: approval.billId,
      store: (db, delivery) => recordApproval(db, delivery, approval, { apiKeyMasked, payloadVersion: version }),
    };
  }

  const subject = mappingSubject(payload.memberId, payload.merchantId);
  if (nulPath !== null) return nulRefusal(kind, subject, nulPath);
  const parsed = authMappingCallbackSchema.safeParse(payload);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return { ok: false, kind, subject, status: 400, answer: validationAnswer("sub-merchant link result", errors) };
  }
  const mapping = parsed.data;
  return {
    ok: true,
    kind,
    subject: mappingSubject(mapping.memberId, mapping.merchantId) ?? "",
    store: (db, delivery) => recordAuthMapping(db, delivery, mapping),
  };
}

function validationAnswer(what: string, errors: FieldError[]): ErrorAnswer {
  const first = errors[0];
  const message =
    errors.length === 1
      ? `Invalid ${what} callback: ${first.path || "body"} ${first.message}.`
      : `Invalid ${what} callback: ${errors.length} fields are invalid (${errors.map((error) => error.path || "body").join(", ")}); first: ${first.path || "body"} ${first.message}.`;
  return errorAnswer(errorCodes.invalidPayload, message, errors);
}

function nulRefusal(kind: PayloadKind, subject: string | null, path: string): Interpretation {
  return {
    ok: false,
    kind,
    subject,
    status: 400,
    answer: errorAnswer(
      errorCodes.invalidPayload,
      `Invalid callback: ${path || "body"} contains a NUL character (\\u0000), which cannot be stored.`,
      [{ path, message: "contains a NUL character (\\u0000)" }],
    ),
  };
}

function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, member] of Object.entries(value)) {
    const memberPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return memberPath;
    const found = findNul(member, memberPath);
    if (found !== null) return found;
  }
  return null;
}

type JsonObjectParse = { ok: true; value: Record<string, unknown> } | { ok: false; answer: ErrorAnswer };

function parseJsonObject(text: string): JsonObjectParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === "" ? "the body is empty" : (error as Error).message;
    return {
      ok: false,
      answer: errorAnswer(errorCodes.invalidJson, `The body is not valid JSON: ${reason}.`, [
        { path: "", message: "must be a JSON object" },
      ]),
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    return {
      ok: false,
      answer: errorAnswer(errorCodes.invalidJson, `The body must be a JSON object, got ${got}.`, [
        { path: "", message: `must be a JSON object, got ${got}` },
      ]),
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

const textOrNull = (value: unknown) => (typeof value === "string" && value !== "" ? value.slice(0, 200) : null);

function mappingSubject(memberId: unknown, merchantId: unknown): string | null {
  const member = textOrNull(memberId);
  const merchant = textOrNull(merchantId);
  return member || merchant ? `${member ?? ""}/${merchant ?? ""}` : null;
}

async function refuse(
  openDb: () => Promise<Database>,
  delivery: DeliveryFacts,
  outcome: "rejected" | "unauthorized",
  status: number,
  answer: ErrorAnswer,
): Promise<CallbackAnswer> {
  const recorded = await withDatabase(openDb, (db) =>
    recordRefusedDelivery(db, delivery, {
      outcome,
      httpStatus: status,
      errorCode: answer.code,
      errorMessage: answer.message,
      errors: answer.errors,
    }),
  );
  // A refusal that could not be logged is answered 503 like any other outage: PaySsam retries
  // every non-0000 answer anyway, and the retry will find the log working again.
  if (!recorded.ok) return unavailable(delivery.kind, delivery.subject, recorded.error);
  return {
    status,
    body: answer,
    kind: delivery.kind,
    outcome,
    subject: delivery.subject,
    deliveryId: recorded.result.deliveryId,
  };
}

type DatabaseResult<Result> = { ok: true; result: Result } | { ok: false; error: unknown };

async function withDatabase<Result>(
  openDb: () => Promise<Database>,
  work: (db: Database) => Promise<Result>,
): Promise<DatabaseResult<Result>> {
  try {
    return { ok: true, result: await work(await openDb()) };
  } catch (error) {
    return { ok: false, error };
  }
}

function unavailable(kind: CallbackKind, subject: string | null, databaseError: unknown): CallbackAnswer {
  return {
    databaseError,
    status: 503,
    body: errorAnswer(
      errorCodes.databaseUnavailable,
      "The callback could not be stored right now (database unavailable). Nothing was recorded; please retry.",
    ),
    kind,
    outcome: "not_recorded",
    subject,
  };
}

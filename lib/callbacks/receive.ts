import type { Database } from "@/db";
import {
  type DeliveryFacts,
  type RecordedDelivery,
  recordDelivery,
  recordUnauthenticatedRequest,
} from "@/db/queries/record-callback";
import type { CallbackKind, DeliveryOutcome } from "@/db/schema";
import { env } from "@/lib/env";
import { type ErrorAnswer, errorAnswer, errorCodes, successAnswer } from "@/lib/payssam/answers";
import { classifyPayload, type PayloadKind } from "./classify";
import { decodeBody, showBytes } from "./decode-body";
import { type Interpretation, interpretText, type Refusal, refusal } from "./interpret";
import { excessiveNestingOffset } from "./json-checks";
import {
  type BodyRead,
  bodyHeadBytes,
  bodyStallMs,
  bodyTotalMs,
  type CallbackBody,
  type ReadLimits,
} from "./read-body";
import {
  type DeliverySource,
  deliveryEffect,
  deliveryFacts,
  refusalRecord,
  type StoredBody,
  secretsFor,
  storableRefusal,
  storedBody,
  storedWholeBody,
} from "./record";
import { matchingSecretIndex } from "./secrets";

// From a received request to an answer for PaySsam: the URL token first (before the body is read),
// then the bytes, the JSON, the payload, the store. Every delivery is logged with its outcome,
// refused ones included, except requests without the right token beyond a small per-minute number:
// those are only counted, so a stranger cannot fill the database.

/** Requests with a missing or wrong token logged per minute (each with at most 4 KiB of its body). */
export const unauthenticatedLogCap = 60;

export interface CallbackRequest {
  endpoint: { path: string; kind: PayloadKind | null };
  token: string | null;
  remoteAddr: string | null;
  body: CallbackBody;
  /** Backdates the delivery: set only by the demo seeder in-process, never from an HTTP request. */
  receivedAt?: Date;
}

export interface CallbackAnswer {
  status: number;
  body: typeof successAnswer | ErrorAnswer;
  kind: CallbackKind;
  /** "counted": a request with a wrong token beyond the minute's log cap, counted but not logged. */
  outcome: DeliveryOutcome | "counted" | "not_recorded";
  subject: string | null;
  deliveryId?: number;
  /** Which CALLBACK_TOKEN entry the request used (1 = the first), when there are several. */
  tokenEntry?: number;
  /** The body was not read to its end: close the connection rather than read the rest. */
  closeConnection?: boolean;
  // For the route's log line only: never part of the answer (no SQL or stack traces for PaySsam).
  databaseError?: unknown;
}

/**
 * One callback, top to bottom: the URL token (before the body is read), then
 * read → decode → interpret → the delivery's facts → one statement → the answer.
 * Each step takes what the one before returned; the request ends with the statement.
 */
export async function receiveCallback(
  request: CallbackRequest,
  openDb: () => Promise<Database>,
  limits: ReadLimits = {},
): Promise<CallbackAnswer> {
  const config = env();
  const tokens = config.CALLBACK_TOKEN;
  const apiKeys = config.PAYSSAM_API_KEYS;
  if (config.NODE_ENV === "production" && tokens.length === 0) return notConfigured(request.endpoint.kind);
  const tokenIndex = matchingSecretIndex(request.token, tokens);
  if (tokens.length > 0 && tokenIndex === -1) return refuseUnauthenticated(request, openDb, apiKeys, limits);
  // Which CALLBACK_TOKEN entry matched (1 = the current one): during a rotation the log shows
  // whether PaySsam still uses an old one.
  const tokenEntry = tokens.length > 1 ? tokenIndex + 1 : undefined;

  const source: DeliverySource = {
    endpoint: request.endpoint.path,
    remoteAddr: request.remoteAddr,
    receivedAt: request.receivedAt ?? null,
  };
  const body = await request.body.read(limits);
  const received = decodeReceived(body, request.endpoint.kind ?? "unknown", apiKeys, limits);
  const interpretation =
    received.refusal ?? interpretText(received.text, request.endpoint.kind, { accepted: apiKeys, source: "live" });
  const settled = interpretation.ok ? interpretation : storableRefusal(interpretation, received.secrets);
  const facts = deliveryFacts(source, received.stored, settled, received.secrets);
  const recorded = await withDatabase(openDb, (db) => recordDelivery(db, facts, deliveryEffect(settled)));
  return {
    ...answerFor(settled, facts, recorded),
    tokenEntry,
    ...(body.state === "complete" ? {} : { closeConnection: true }),
  };
}

type Received =
  | { text: string; stored: StoredBody; secrets: string[]; refusal: null }
  | { text: null; stored: StoredBody; secrets: string[]; refusal: Refusal };

/**
 * The body's bytes as text to interpret, as it is stored (masked), and the secrets to keep out of
 * storage; or, for a body that did not arrive whole or is not UTF-8, its refusal.
 */
function decodeReceived(body: BodyRead, kind: CallbackKind, apiKeys: readonly string[], limits: ReadLimits): Received {
  if (body.state !== "complete") {
    const text = showBytes(body.head);
    const secrets = secretsFor(text, apiKeys);
    const stored = storedBody(text, secrets, {
      bodyBytes: body.byteLength,
      kept: body.state === "too_large" ? "head" : "incomplete",
      declaredLength: body.declaredLength,
    });
    return { text: null, stored, secrets, refusal: incompleteBody(kind, body, limits) };
  }
  const decoded = decodeBody(body.bytes);
  const text = decoded.ok ? decoded.text : decoded.shown;
  const { stored, secrets } = storedWholeBody(text, apiKeys, body.byteLength);
  if (!decoded.ok) return { text: null, stored, secrets, refusal: refusal(kind, null, decoded.status, decoded.answer) };
  return { text, stored, secrets, refusal: null };
}

type DatabaseResult<Result> = { ok: true; result: Result } | { ok: false; error: unknown };

/** The answer for PaySsam once the statement ran (or could not). */
function answerFor(
  interpretation: Interpretation,
  facts: DeliveryFacts,
  recorded: DatabaseResult<RecordedDelivery>,
): CallbackAnswer {
  // A refusal that could not be logged is answered 503 like any other outage: PaySsam retries
  // every non-0000 answer anyway, and the retry will find the log working again.
  if (!recorded.ok) return unavailable(interpretation.kind, facts.subject, recorded.error);
  const common = { kind: interpretation.kind, subject: facts.subject, deliveryId: recorded.result.deliveryId };
  if (!interpretation.ok) {
    return { ...common, status: interpretation.status, body: interpretation.answer, outcome: interpretation.outcome };
  }
  return { ...common, status: 200, body: successAnswer, outcome: recorded.result.outcome };
}

function notConfigured(kind: PayloadKind | null): CallbackAnswer {
  return {
    status: 503,
    body: errorAnswer(
      errorCodes.notConfigured,
      "The callback receiver is not configured: CALLBACK_TOKEN is not set. PaySsam will retry.",
    ),
    kind: kind ?? "unknown",
    outcome: "not_recorded",
    subject: null,
    closeConnection: true,
  };
}

function incompleteBody(kind: CallbackKind, body: Exclude<BodyRead, { state: "complete" }>, limits: ReadLimits) {
  if (body.state === "too_large") {
    const size =
      body.declaredLength !== null && body.declaredLength > body.byteLength ? body.declaredLength : body.byteLength;
    const declared = body.declaredLength !== null && body.declaredLength > body.byteLength ? " (Content-Length)" : "";
    return refusal(
      kind,
      null,
      413,
      errorAnswer(
        errorCodes.bodyTooLarge,
        `The body is ${size} bytes${declared}; callbacks are limited to 1 MiB (1048576 bytes).`,
        [{ path: "", message: "body exceeds 1048576 bytes" }],
      ),
    );
  }
  const of = body.declaredLength !== null ? ` of ${body.declaredLength}` : "";
  const reason =
    body.state === "aborted"
      ? `the connection closed after ${body.byteLength}${of} bytes`
      : `no bytes arrived for ${(limits.stallMs ?? bodyStallMs) / 1000} s (or the body took over ${(limits.totalMs ?? bodyTotalMs) / 1000} s) after ${body.byteLength}${of} bytes`;
  return refusal(
    kind,
    null,
    408,
    errorAnswer(errorCodes.bodyTimeout, `The body stopped arriving: ${reason}. Nothing was processed.`, [
      { path: "", message: "body incomplete" },
    ]),
  );
}

async function refuseUnauthenticated(
  request: CallbackRequest,
  openDb: () => Promise<Database>,
  apiKeys: readonly string[],
  limits: ReadLimits,
): Promise<CallbackAnswer> {
  // Only the head is read (and kept, masked): the sender is unknown, so its megabytes are not wanted.
  const head = await request.body.readHead(bodyHeadBytes, limits);
  const text = showBytes(head.head);
  const secrets = secretsFor(text, apiKeys);
  // At most 4 KiB of text too: bytes that are not UTF-8 are shown four characters each.
  const whole = head.complete && text.length <= bodyHeadBytes;
  const stored = storedBody(text, secrets, { bodyBytes: head.byteLength, kept: whole ? "whole" : "head" });
  const kind = head.complete ? kindOfText(text, request.endpoint.kind) : (request.endpoint.kind ?? "unknown");
  const answer = errorAnswer(
    errorCodes.badToken,
    request.token ? "The token in the callback URL is wrong." : "The callback URL has no ?token= parameter.",
    [{ path: "token", message: request.token ? "does not match CALLBACK_TOKEN" : "is required" }],
  );
  const facts = deliveryFacts(
    { endpoint: request.endpoint.path, remoteAddr: request.remoteAddr },
    stored,
    { kind, subject: null, apiKeyVerified: false },
    secrets,
  );
  const recorded = await withDatabase(openDb, (db) =>
    recordUnauthenticatedRequest(db, facts, refusalRecord(refusal(kind, null, 401, answer)), unauthenticatedLogCap),
  );
  // Answered 401 even when the counter could not be written: the sender is refused either way,
  // and a stranger learns nothing about the database.
  return {
    status: 401,
    body: answer,
    kind,
    outcome: !recorded.ok ? "not_recorded" : recorded.result.deliveryId === null ? "counted" : "unauthorized",
    subject: null,
    deliveryId: recorded.ok ? (recorded.result.deliveryId ?? undefined) : undefined,
    closeConnection: !head.complete,
    databaseError: recorded.ok ? undefined : recorded.error,
  };
}

/** The kind a short complete body's shape says, for the log of an unauthenticated request. */
function kindOfText(text: string, endpointKind: PayloadKind | null): CallbackKind {
  if (excessiveNestingOffset(text) !== -1) return endpointKind ?? "unknown";
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return classifyPayload(value as Record<string, unknown>, endpointKind) ?? "unknown";
    }
  } catch {
    // Not JSON: the endpoint's kind is all there is to go on.
  }
  return endpointKind ?? "unknown";
}

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

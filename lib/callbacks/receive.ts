import type { Database } from "@/db";
import type { DeliveryFacts, RecordedDelivery } from "@/db/queries/delivery-facts";
import { recordDelivery } from "@/db/queries/record-callback";
import type { CallbackKind, DeliveryOutcome } from "@/db/schema";
import { env } from "@/lib/env";
import { type ErrorAnswer, errorAnswer, errorCodes, successAnswer } from "@/lib/payssam/answers";
import type { PayloadKind } from "./classify";
import { decodeBody, showBytes } from "./decode-body";
import { type Interpretation, interpretText, type Refusal, refusal } from "./interpret";
import { type BodyRead, bodyStallMs, bodyTotalMs, type CallbackBody, type ReadLimits } from "./read-body";
import {
  type DeliverySource,
  deliveryEffect,
  deliveryFacts,
  type StoredBody,
  secretsFor,
  storableRefusal,
  storedBody,
  storedWholeBody,
} from "./record";
import { matchingSecretIndex } from "./secrets";
import { refuseUnauthenticated } from "./unauthenticated";
import { type DatabaseResult, withDatabase } from "./with-database";

// From a received request to an answer for PaySsam: the URL token first (before the body is read),
// then the bytes, the JSON, the payload, the store. Every delivery is logged with its outcome,
// refused ones included; a request without the right token takes its own short way
// (unauthenticated.ts), so that a stranger cannot fill the database.

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

import type { Database } from "@/db";
import { recordUnauthenticatedRequest } from "@/db/queries/record-refusal";
import type { CallbackKind } from "@/db/schema";
import { errorAnswer, errorCodes } from "@/lib/payssam/answers";
import { classifyPayload, type PayloadKind } from "./classify";
import { showBytes } from "./decode-body";
import { refusal } from "./interpret";
import { excessiveNestingOffset } from "./json-checks";
import { bodyHeadBytes, type ReadLimits } from "./read-body";
import type { CallbackAnswer, CallbackRequest } from "./receive";
import { deliveryFacts, refusalRecord, secretsFor, storedBody } from "./record";
import { withDatabase } from "./with-database";

// A request without the right URL token: refused 401 before its body is read, logged with at most
// 4 KiB of it, and beyond a small number a minute only counted, so a stranger cannot fill the
// database.

/** Requests with a missing or wrong token logged per minute (each with at most 4 KiB of its body). */
export const unauthenticatedLogCap = 60;

export async function refuseUnauthenticated(
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

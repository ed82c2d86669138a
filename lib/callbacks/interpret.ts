import type { CallbackKind } from "@/db/schema";
import { maskSecret, redactSecrets } from "@/lib/mask";
import { type ErrorAnswer, errorAnswer, errorCodes, type FieldError } from "@/lib/payssam/answers";
import {
  type ApprovalCallback,
  approvalApiKey,
  isV1Approval,
  parseApprovalCallback,
  sentApprovalKey,
  toV2ApprovalKeys,
} from "@/lib/payssam/approval";
import { type AuthMappingCallback, authMappingCallbackSchema } from "@/lib/payssam/auth-mapping";
import { billIdInBrokenBody } from "./broken-body-subject";
import { classifyPayload, type PayloadKind } from "./classify";
import {
  excessiveNestingOffset,
  findUnstorableMember,
  maxNestingDepth,
  mayHoldUnstorable,
  type UnstorableMember,
} from "./json-checks";
import { matchesAnySecret } from "./secrets";

// A body's text → what it is: which callback, valid or not, and the values to store. Plain data,
// no database and no closure: receive.ts (a live callback) and reprocess.ts (an operator's retry of
// a stored body) hand it to the one statement (db/queries/record-callback.ts, recordDelivery).

export interface ApiKeyPolicy {
  /** PAYSSAM_API_KEYS; empty: approvals' keys are not checked. */
  accepted: readonly string[];
  /** "stored": a logged body, whose apiKey was masked before it was stored. */
  source: "live" | "stored";
  /** The key was checked against the list when the delivery arrived (reprocessing only). */
  verifiedEarlier?: boolean;
}

/** A payment approval to store; its billId is the delivery's subject. */
export interface AcceptedApproval {
  ok: true;
  kind: "approval";
  approval: ApprovalCallback;
  apiKeyVerified: boolean;
  apiKeyMasked: string | null;
  payloadVersion: "v1" | "v2";
}

/** A sub-merchant link result to store; `memberId/merchantId` is the delivery's subject. */
export interface AcceptedAuthMapping {
  ok: true;
  kind: "auth_mapping";
  mapping: AuthMappingCallback;
  subject: string;
  apiKeyVerified: false;
}

export type Interpretation = AcceptedApproval | AcceptedAuthMapping | Refusal;

export interface Refusal {
  ok: false;
  kind: CallbackKind;
  subject: string | null;
  apiKeyVerified: boolean;
  status: number;
  outcome: "rejected" | "unauthorized";
  answer: ErrorAnswer;
}

export function refusal(
  kind: CallbackKind,
  subject: string | null,
  status: number,
  answer: ErrorAnswer,
  apiKeyVerified = false,
): Refusal {
  return {
    ok: false,
    kind,
    subject,
    apiKeyVerified,
    status,
    outcome: status === 401 ? "unauthorized" : "rejected",
    answer,
  };
}

export function interpretText(text: string, endpointKind: PayloadKind | null, apiKeys: ApiKeyPolicy): Interpretation {
  const fallbackKind = endpointKind ?? "unknown";
  // Before JSON.parse and before anything walks the value: nothing below needs to recurse deeply.
  const deepAt = excessiveNestingOffset(text);
  if (deepAt !== -1) {
    return refusal(
      fallbackKind,
      null,
      400,
      errorAnswer(
        errorCodes.nestingTooDeep,
        `The body nests objects or arrays deeper than ${maxNestingDepth} levels (at character ${deepAt}).`,
        [{ path: "", message: `nesting deeper than ${maxNestingDepth} levels at character ${deepAt}` }],
      ),
    );
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) {
    const subject = fallbackKind === "auth_mapping" ? null : billIdInBrokenBody(text);
    return refusal(fallbackKind, subject, 400, parsed.answer);
  }
  const payload = parsed.value;

  const kind = classifyPayload(payload, endpointKind);
  if (kind === null) {
    return refusal(
      "unknown",
      null,
      400,
      errorAnswer(
        errorCodes.unknownKind,
        "Cannot tell which callback this is: an approval has billId and apprState, a sub-merchant link result has memberId, merchantId and merchant.",
        [{ path: "", message: "has neither billId/apprState nor memberId/merchantId/merchant" }],
      ),
    );
  }
  // Redaction cannot add such a character (masks are ASCII), so the text says whether to look.
  const unstorable = (parsed: Record<string, unknown>) =>
    mayHoldUnstorable(text) ? findUnstorableMember(parsed) : null;
  return kind === "approval"
    ? interpretApproval(payload, apiKeys, unstorable)
    : interpretAuthMapping(payload, apiKeys, unstorable);
}

type UnstorableCheck = (payload: Record<string, unknown>) => UnstorableMember | null;

function interpretApproval(
  payload: Record<string, unknown>,
  apiKeys: ApiKeyPolicy,
  findUnstorable: UnstorableCheck,
): Interpretation {
  const version = isV1Approval(payload) ? "v1" : "v2";
  const apiKey = approvalApiKey(payload);
  const billId = textOrNull(payload.billId ?? payload.bill_id);
  // The apiKey is checked before anything else about an approval, so that a refusal for any other
  // reason is known to come from a key holder; api_key_verified records that it was checked.
  let apiKeyVerified = apiKeys.verifiedEarlier === true;
  if (!apiKeyVerified && apiKeys.accepted.length > 0) {
    if (!matchesAnySecret(apiKey, apiKeys.accepted)) {
      const keyName = version === "v1" ? "apikey" : "apiKey";
      const message =
        apiKeys.source === "stored"
          ? `The ${keyName} was not checked against PAYSSAM_API_KEYS when this delivery arrived, and it is stored masked: it cannot be checked now, so the delivery is not processed.`
          : `The ${keyName} is not one of this partner's PaySsam API keys.`;
      return refusal(
        "approval",
        billId,
        401,
        errorAnswer(errorCodes.badApiKey, message, [
          {
            path: keyName,
            message: apiKey ? "is not an accepted key (PAYSSAM_API_KEYS)" : "is required",
          },
        ]),
      );
    }
    apiKeyVerified = true;
  }
  const apiKeyMasked = apiKey ? maskSecret(apiKey) : null;
  // The key itself, or a configured one, sent in any other field is not stored in clear either.
  redactPayload(payload, [...apiKeys.accepted, ...(apiKey && apiKey.length >= 8 ? [apiKey] : [])]);

  const unstorable = findUnstorable(payload);
  if (unstorable) return unstorableRefusal("approval", billId, unstorable, apiKeyVerified);
  const parsed = parseApprovalCallback(toV2ApprovalKeys(payload));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: issue.path
        .map((part, index) => (index === 0 ? sentApprovalKey(String(part), version) : String(part)))
        .join("."),
      message: issue.message,
    }));
    return refusal("approval", billId, 400, validationAnswer("payment approval", errors), apiKeyVerified);
  }
  return { ok: true, kind: "approval", approval: parsed.data, apiKeyVerified, apiKeyMasked, payloadVersion: version };
}

function interpretAuthMapping(
  payload: Record<string, unknown>,
  apiKeys: ApiKeyPolicy,
  findUnstorable: UnstorableCheck,
): Interpretation {
  redactPayload(payload, [...apiKeys.accepted]);
  const subject = mappingSubject(payload.memberId, payload.merchantId);
  const unstorable = findUnstorable(payload);
  if (unstorable) return unstorableRefusal("auth_mapping", subject, unstorable, false);
  const parsed = authMappingCallbackSchema.safeParse(payload);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return refusal("auth_mapping", subject, 400, validationAnswer("sub-merchant link result", errors));
  }
  const mapping = parsed.data;
  return {
    ok: true,
    kind: "auth_mapping",
    mapping,
    subject: mappingSubject(mapping.memberId, mapping.merchantId) ?? "",
    apiKeyVerified: false,
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

function unstorableRefusal(
  kind: PayloadKind,
  subject: string | null,
  member: { path: string; message: string },
  apiKeyVerified: boolean,
): Refusal {
  return refusal(
    kind,
    subject,
    400,
    errorAnswer(
      errorCodes.invalidPayload,
      `Invalid callback: ${member.path || "body"} ${member.message}, which cannot be stored.`,
      [{ path: member.path, message: member.message }],
    ),
    apiKeyVerified,
  );
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

/** Replaces the secrets in every string and member name of a parsed body, without recursion. */
function redactPayload(payload: Record<string, unknown>, secrets: string[]) {
  if (secrets.length === 0) return;
  const pending: Record<string, unknown>[] = [payload];
  while (pending.length > 0) {
    const container = pending.pop() as Record<string, unknown>;
    for (const [key, value] of Object.entries(container)) {
      // Most members hold no secret: a search is cheaper than building the redacted copy.
      const redactedKey = holdsSecret(key, secrets) ? redactSecrets(key, secrets) : key;
      const redactedValue =
        typeof value === "string" && holdsSecret(value, secrets) ? redactSecrets(value, secrets) : value;
      if (redactedKey !== key) delete container[key];
      // defineProperty: a plain assignment to a member named __proto__ would be ignored.
      if (redactedKey !== key || redactedValue !== value) {
        Object.defineProperty(container, redactedKey, {
          value: redactedValue,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      if (typeof value === "object" && value !== null) pending.push(value as Record<string, unknown>);
    }
  }
}

const holdsSecret = (text: string, secrets: readonly string[]) => secrets.some((secret) => text.includes(secret));

const textOrNull = (value: unknown) => (typeof value === "string" && value !== "" ? value.slice(0, 200) : null);

function mappingSubject(memberId: unknown, merchantId: unknown): string | null {
  const member = textOrNull(memberId);
  const merchant = textOrNull(merchantId);
  return member || merchant ? `${member ?? ""}/${merchant ?? ""}` : null;
}

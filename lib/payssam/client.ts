import { z } from "zod";
import { type ApprovalCallback, approvalCallbackSchema, v1ApprovalKeys } from "./approval";
import { approvalStates } from "./codes";

// The one module that calls PaySsam's API: POST {PAYSSAM_API_BASE}/bill/read. PaySsam's v2 field
// tables for it were not readable (../shared/payssam/NOTES.md, "PaySsam's own record"), and
// integrators see loose variants of the answer, so the parser accepts the known ones and names
// what it could not read. The API key goes into the request body and nowhere else: it is never
// logged, stored, or put into an error message.

export type ApprovalStateCode = (typeof approvalStates)[number];

export interface BillReadRequest {
  billId: string;
  memberId: string;
  merchantId: string;
}

export interface UnreadableField {
  path: string;
  message: string;
}

/** What PaySsam says about a bill, when it could be read. */
export interface BillReadFacts {
  apprState: ApprovalStateCode;
  apprPrice: number | null;
  apprNum: string | null;
  apprDt: Date | null;
  /** The whole approval, when the bill was paid (F) or cancelled (C) and every field read. */
  approval: ApprovalCallback | null;
}

export type BillReadAnswer =
  | { outcome: "read"; code: string; message: string | null; bill: BillReadFacts; unreadable: UnreadableField[] }
  | { outcome: "not_found" | "refused"; code: string; message: string | null }
  | { outcome: "garbage"; error: string; unreadable: UnreadableField[] };

/** No answer: a network error, a timeout or an HTTP 5xx, after every attempt. */
export type FailedRead = { outcome: "failed"; error: string };

export type BillReadResult = (BillReadAnswer | FailedRead) & {
  httpStatus: number | null;
  durationMs: number;
  attempts: number;
};

// v1's "bill not found"; v2's code for it is not documented.
const notFoundCodes = new Set(["9980"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const shortText = (value: unknown) => (typeof value === "string" ? value.slice(0, 200) : null);

const codeSchema = z.union([z.string().trim().min(1).max(40), z.number().int().transform(String)]);

/** Every answer variant's keys renamed to v2 camelCase (bill_id → billId, appr_state → apprState). */
function camelCased(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [v1ApprovalKeys[key] ?? key, value]));
}

const billMarkers = ["billId", "bill_id", "apprState", "appr_state"];

/** The bill inside an answer: `data`, `data.data`, `data.bill`, or (v1) the answer itself. */
function billRecord(answer: Record<string, unknown>): Record<string, unknown> | null {
  const data = answer.data;
  if (isObject(data)) {
    for (const inner of [data.data, data.bill]) if (isObject(inner)) return inner;
    return data;
  }
  if (Array.isArray(data) && data.length === 1 && isObject(data[0])) return data[0];
  return billMarkers.some((key) => key in answer) ? answer : null;
}

const stateSchema = z.enum(approvalStates);

/** Reads PaySsam's answer to /bill/read for `billId`. Never throws. */
export function parseBillReadAnswer(text: string, billId: string): BillReadAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { outcome: "garbage", error: `not JSON: ${JSON.stringify(text.slice(0, 60))}`, unreadable: [] };
  }
  if (!isObject(parsed)) return { outcome: "garbage", error: "the answer is not a JSON object", unreadable: [] };
  const code = codeSchema.safeParse(parsed.code ?? parsed.resultCode ?? parsed.result_code);
  if (!code.success) {
    return {
      outcome: "garbage",
      error: "the answer has no code",
      unreadable: [{ path: "code", message: "is missing or not a string" }],
    };
  }
  const message = shortText(parsed.msg ?? parsed.message ?? parsed.resultMsg);
  if (code.data !== "0000") {
    return { outcome: notFoundCodes.has(code.data) ? "not_found" : "refused", code: code.data, message };
  }
  const record = billRecord(parsed);
  if (!record) {
    return {
      outcome: "garbage",
      error: "code 0000 without a bill",
      unreadable: [{ path: "data", message: "is missing or not an object" }],
    };
  }
  const bill = camelCased(record);
  const answeredFor = bill.billId;
  if (answeredFor !== undefined && answeredFor !== null && answeredFor !== "" && answeredFor !== billId) {
    return {
      outcome: "garbage",
      error: `answered for another bill (${String(answeredFor).slice(0, 20)})`,
      unreadable: [{ path: "data.billId", message: "is not the bill asked for" }],
    };
  }
  const state = stateSchema.safeParse(bill.apprState);
  if (!state.success) {
    return {
      outcome: "garbage",
      error: "the bill's state could not be read",
      unreadable: [{ path: "data.apprState", message: "must be one of F, W, C, D" }],
    };
  }
  // A paid or cancelled bill carries its approval: read it with the callback's own schema, so a
  // recovered approval is stored exactly as its callback would have been.
  const approval = approvalCallbackSchema.safeParse({ ...bill, billId });
  const unreadable: UnreadableField[] = approval.success
    ? []
    : approval.error.issues.map((issue) => ({ path: `data.${issue.path.join(".")}`, message: issue.message }));
  const lenient = lenientFacts(bill);
  if (state.data === "F" && !approval.success) {
    return { outcome: "garbage", error: "a paid bill whose approval could not be read", unreadable };
  }
  return {
    outcome: "read",
    code: code.data,
    message,
    bill: {
      apprState: state.data,
      apprPrice: approval.success ? approval.data.apprPrice : lenient.apprPrice,
      apprNum: approval.success ? approval.data.apprNum : lenient.apprNum,
      apprDt: approval.success ? approval.data.apprDt : null,
      approval: approval.success && (state.data === "F" || state.data === "C") ? approval.data : null,
    },
    // What a W or D bill lacks is expected; only a paid one's gaps are worth showing.
    unreadable: state.data === "W" || state.data === "D" ? [] : unreadable,
  };
}

function lenientFacts(bill: Record<string, unknown>) {
  const price = typeof bill.apprPrice === "string" && /^\d{1,12}$/.test(bill.apprPrice) ? Number(bill.apprPrice) : null;
  return {
    apprPrice: typeof bill.apprPrice === "number" && Number.isSafeInteger(bill.apprPrice) ? bill.apprPrice : price,
    apprNum: typeof bill.apprNum === "string" && bill.apprNum !== "" ? bill.apprNum : null,
  };
}

// ---- The client ------------------------------------------------------------------------------

export interface PayssamClientOptions {
  base: string;
  apiKey: string;
  /** Requests per second, all callers together. */
  ratePerSecond: number;
  timeoutMs?: number;
  /** Attempts per read, the first included, on network errors, timeouts and 5xx. */
  attempts?: number;
  /** Wait before the second attempt; doubled for each next one. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

export interface PayssamClient {
  readBill(request: BillReadRequest): Promise<BillReadResult>;
}

/** An answer this long is not a bill. */
const maxAnswerBytes = 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spaces requests 1/rate apart, whoever makes them. */
export function rateLimiter(ratePerSecond: number) {
  const spacingMs = 1000 / ratePerSecond;
  let nextSlot = 0;
  return async function waitTurn() {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + spacingMs;
    if (slot > now) await sleep(slot - now);
  };
}

async function readLimited(response: Response): Promise<string | null> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxAnswerBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === "TimeoutError" || failure.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = failure.cause?.code ?? failure.cause?.message;
  return (cause ? `${failure.message ?? "fetch failed"}: ${cause}` : (failure.message ?? String(error))).slice(0, 200);
}

/**
 * The result with every text PaySsam (or the network) gave freed of our API key: an error message
 * that echoes the request ("invalid apiKey sandbox-…") is stored and shown, the key must not be.
 */
function withoutKey(result: BillReadAnswer | FailedRead, apiKey: string): BillReadAnswer | FailedRead {
  if (apiKey === "") return result;
  const scrub = <Text extends string | null>(text: Text): Text =>
    (text === null ? text : text.replaceAll(apiKey, "***")) as Text;
  switch (result.outcome) {
    case "read":
      return { ...result, message: scrub(result.message), unreadable: result.unreadable.map(scrubField(scrub)) };
    case "not_found":
    case "refused":
      return { ...result, code: scrub(result.code), message: scrub(result.message) };
    case "garbage":
      return { ...result, error: scrub(result.error), unreadable: result.unreadable.map(scrubField(scrub)) };
    case "failed":
      return { ...result, error: scrub(result.error) };
  }
}

const scrubField = (scrub: (text: string) => string) => (field: UnreadableField) => ({
  path: scrub(field.path),
  message: scrub(field.message),
});

export function createPayssamClient(options: PayssamClientOptions): PayssamClient {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const waitTurn = rateLimiter(options.ratePerSecond);
  const url = `${options.base.replace(/\/+$/, "")}/bill/read`;

  async function attempt(
    request: BillReadRequest,
  ): Promise<{ result: BillReadAnswer | FailedRead; httpStatus: number | null }> {
    await waitTurn();
    let response: Response;
    let text: string | null;
    try {
      response = await send(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          apiKey: options.apiKey,
          member: request.memberId,
          merchant: request.merchantId,
          bill: { billId: request.billId },
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await readLimited(response);
    } catch (error) {
      return { result: { outcome: "failed", error: describeFailure(error, timeoutMs) }, httpStatus: null };
    }
    const httpStatus = response.status;
    if (httpStatus >= 500) return { result: { outcome: "failed", error: `HTTP ${httpStatus}` }, httpStatus };
    if (text === null) {
      return { result: { outcome: "garbage", error: "the answer is larger than 1 MiB", unreadable: [] }, httpStatus };
    }
    const answer = parseBillReadAnswer(text, request.billId);
    // A 4xx without a code of PaySsam's is the server refusing us (a wrong base URL, a proxy).
    if (httpStatus >= 400 && answer.outcome === "garbage") {
      return { result: { outcome: "refused", code: `HTTP ${httpStatus}`, message: answer.error }, httpStatus };
    }
    return { result: answer, httpStatus };
  }

  return {
    async readBill(request) {
      const started = performance.now();
      let made = 0;
      for (;;) {
        made++;
        const { result, httpStatus } = await attempt(request);
        if (result.outcome !== "failed" || made >= attempts) {
          const answer = withoutKey(result, options.apiKey);
          return { ...answer, httpStatus, durationMs: Math.round(performance.now() - started), attempts: made };
        }
        await sleep(backoffMs * 2 ** (made - 1));
      }
    },
  };
}

import type { Database } from "@/db";
import { type BillRefusal, registerBills } from "@/db/queries/bills-register";
import { decodeBody } from "@/lib/callbacks/decode-body";
import { excessiveNestingOffset, findUnstorableMember, mayHoldUnstorable } from "@/lib/callbacks/json-checks";
import type { CallbackBody, ReadLimits } from "@/lib/callbacks/read-body";
import { matchingSecretIndex } from "@/lib/callbacks/secrets";
import { env } from "@/lib/env";
import { type BillInput, bilingual, billErrors, billSchema } from "./bill";

// POST /api/bills from the partner's systems: the bearer token first (before the body is read),
// then strictly the bytes (UTF-8), the JSON, each bill (the one bill schema), and the store.
// Every input gets a 200, 400, 401 or 413 JSON answer; 503 only when the endpoint is not
// configured or the database cannot be reached.

/** Bills per request. */
export const maxBillsPerRequest = 1000;
/** 1,000 bills with long Korean product names fit with room to spare. */
export const maxBillsBodyBytes = 2 * 1024 * 1024;

export interface BillsAnswer {
  status: 200 | 400 | 401 | 413 | 503;
  body:
    | { accepted: number; unchanged: number; refused: BillRefusal[] }
    | { error: string; message: string; errors?: { path: string; message: string }[] };
  /** Which PARTNER_API_TOKEN entry matched (1 = the first), for the log line. */
  tokenEntry?: number;
  databaseError?: unknown;
}

const problem = (
  status: BillsAnswer["status"],
  error: string,
  message: string,
  errors?: { path: string; message: string }[],
): BillsAnswer => ({ status, body: errors ? { error, message, errors } : { error, message } });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export async function receiveBills(
  request: { authorization: string | null; body: CallbackBody },
  openDb: () => Promise<Database>,
  limits: ReadLimits = {},
): Promise<BillsAnswer> {
  const tokens = env().PARTNER_API_TOKEN;
  if (tokens.length === 0) {
    return problem(
      503,
      "not_configured",
      bilingual("청구서 API가 설정되지 않았습니다", "PARTNER_API_TOKEN is not set: the bills API is closed"),
    );
  }
  const given = /^Bearer (.+)$/.exec(request.authorization ?? "")?.[1] ?? null;
  const entry = matchingSecretIndex(given, tokens);
  if (entry === -1) {
    return problem(
      401,
      "unauthorized",
      bilingual("인증 토큰이 없거나 틀립니다", "Authorization: Bearer <PARTNER_API_TOKEN> is required"),
    );
  }
  const tokenEntry = tokens.length > 1 ? entry + 1 : undefined;
  const answer = await receiveAuthenticated(request.body, openDb, limits);
  return { ...answer, tokenEntry };
}

async function receiveAuthenticated(
  body: CallbackBody,
  openDb: () => Promise<Database>,
  limits: ReadLimits,
): Promise<BillsAnswer> {
  const read = await body.read({ limit: maxBillsBodyBytes, ...limits });
  if (read.state === "too_large") {
    return problem(
      413,
      "body_too_large",
      bilingual(
        `요청 본문이 ${maxBillsBodyBytes / 1024 / 1024} MiB를 넘습니다`,
        `the body is larger than ${maxBillsBodyBytes} bytes; send at most ${maxBillsPerRequest} bills per request`,
      ),
    );
  }
  if (read.state !== "complete") {
    return problem(
      400,
      "body_incomplete",
      bilingual("요청 본문이 끝까지 오지 않았습니다", "the body did not arrive in full"),
    );
  }
  const decoded = decodeBody(read.bytes);
  if (!decoded.ok) {
    return problem(400, "invalid_encoding", bilingual("요청 본문이 UTF-8이 아닙니다", decoded.answer.message));
  }
  const nesting = excessiveNestingOffset(decoded.text);
  if (nesting !== -1) {
    return problem(
      400,
      "nesting_too_deep",
      bilingual("JSON이 너무 깊게 중첩되어 있습니다", `JSON nests too deeply at character ${nesting}`),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded.text);
  } catch (error) {
    return problem(400, "invalid_json", bilingual("요청 본문이 JSON이 아닙니다", (error as Error).message));
  }
  const unstorable = mayHoldUnstorable(decoded.text) ? findUnstorableMember(parsed) : null;
  if (unstorable) {
    return problem(400, "invalid_payload", bilingual("저장할 수 없는 문자가 있습니다", "a member cannot be stored"), [
      { path: unstorable.path, message: unstorable.message },
    ]);
  }
  const list = isObject(parsed) ? parsed.bills : undefined;
  const extraKeys = isObject(parsed) ? Object.keys(parsed).filter((key) => key !== "bills") : [];
  if (!Array.isArray(list) || list.length === 0 || list.length > maxBillsPerRequest || extraKeys.length > 0) {
    return problem(
      400,
      "invalid_payload",
      bilingual(
        `본문은 {"bills": [...]} 형식이며 청구서는 1~${maxBillsPerRequest}건이어야 합니다`,
        `the body must be {"bills": [...]} with 1 to ${maxBillsPerRequest} bills and nothing else`,
      ),
      extraKeys.map((key) => ({ path: key, message: "unknown member" })),
    );
  }
  const valid: BillInput[] = [];
  // Where each valid bill was in the request, so every refusal names its place.
  const positions: number[] = [];
  const refused: BillRefusal[] = [];
  list.forEach((item, index) => {
    const bill = billSchema.safeParse(item);
    if (bill.success) {
      valid.push(bill.data);
      positions.push(index);
    } else {
      const billId = isObject(item) && typeof item.billId === "string" ? item.billId.slice(0, 40) : "";
      refused.push({ billId, index, errors: billErrors(bill.error) });
    }
  });
  if (valid.length === 0) return { status: 200, body: { accepted: 0, unchanged: 0, refused } };
  try {
    const stored = await registerBills(await openDb(), valid, "api");
    for (const refusal of stored.refused) refused.push({ ...refusal, index: positions[refusal.index] });
    refused.sort((a, b) => a.index - b.index);
    return { status: 200, body: { accepted: stored.accepted, unchanged: stored.unchanged, refused } };
  } catch (error) {
    return {
      ...problem(
        503,
        "database_unavailable",
        bilingual("지금은 저장할 수 없습니다", "the bills could not be stored; retry"),
      ),
      databaseError: error,
    };
  }
}

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endpoints, respond, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

const card = sample("approval.card");
const v1 = sample("approval.v1-snake-case");
const rejectedMapping = sample("auth-mapping.rejected");
const mappingMerchant = rejectedMapping.merchant as Record<string, unknown>;
const withMerchant = (merchant: Record<string, unknown>) => ({
  ...rejectedMapping,
  merchant: { ...mappingMerchant, ...merchant },
});
const without = (payload: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(payload).filter(([name]) => name !== key));

interface BadInput {
  name: string;
  endpoint?: (typeof endpoints)[keyof typeof endpoints];
  body: string | Uint8Array<ArrayBuffer>;
  status: number;
  code: string;
  // The field the answer must name (in errors[].path and in the message); "" for the body itself.
  field: string;
  // The logged raw body when it is not simply the body with its apiKey masked and NULs escaped.
  stored?: string;
  // Also in the answer's message (a byte offset, a nesting depth).
  mentions?: string;
}

const json = (value: unknown) => JSON.stringify(value);
const maskedKey = (text: string) => text.replaceAll("sandbox-0123456789abcdef0123456", "****3456");
/** The JSON text of `value` with `marker` replaced by raw bytes. */
function withBytes(value: unknown, marker: string, bytes: number[]): Uint8Array<ArrayBuffer> {
  const [head, tail] = json(value).split(marker);
  return Uint8Array.from([...Buffer.from(head), ...bytes, ...Buffer.from(tail)]);
}
const deep = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
const utf16 = (text: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);

const badInputs: BadInput[] = [
  { name: "a raw NUL byte in the body", body: '{"billId":"A\u0000"}', status: 400, code: "1001", field: "" },
  { name: "not JSON", body: "billId=1&apprPrice=100", status: 400, code: "1001", field: "" },
  {
    name: "truncated JSON",
    body: json(card).slice(0, 40),
    status: 400,
    code: "1001",
    field: "",
    // The cut-off key is masked whole: its last four characters are not the key's.
    stored: '{"apiKey":"****',
  },
  { name: "empty body", body: "", status: 400, code: "1001", field: "" },
  { name: "a JSON array", body: json([card]), status: 400, code: "1001", field: "" },
  { name: "JSON null", body: "null", status: 400, code: "1001", field: "" },
  { name: "a JSON string", body: json("hello"), status: 400, code: "1001", field: "" },
  {
    name: "an object of neither kind",
    endpoint: endpoints.any,
    body: json({ hello: "world" }),
    status: 400,
    code: "1003",
    field: "",
  },
  { name: "billId missing", body: json(without(card, "billId")), status: 400, code: "1002", field: "billId" },
  {
    name: "billId of 21 characters",
    body: json({ ...card, billId: "A".repeat(21) }),
    status: 400,
    code: "1002",
    field: "billId",
  },
  { name: "billId blank", body: json({ ...card, billId: "   " }), status: 400, code: "1002", field: "billId" },
  { name: "billId a number", body: json({ ...card, billId: 2208112341 }), status: 400, code: "1002", field: "billId" },
  {
    name: "apprState not F/W/C/D",
    body: json({ ...card, apprState: "Z" }),
    status: 400,
    code: "1002",
    field: "apprState",
  },
  {
    name: "apprState lowercase",
    body: json({ ...card, apprState: "f" }),
    status: 400,
    code: "1002",
    field: "apprState",
  },
  {
    name: "apprPrice with a comma",
    body: json({ ...card, apprPrice: "12,000" }),
    status: 400,
    code: "1002",
    field: "apprPrice",
  },
  {
    name: "apprPrice negative",
    body: json({ ...card, apprPrice: "-5" }),
    status: 400,
    code: "1002",
    field: "apprPrice",
  },
  {
    name: "apprPrice with decimals",
    body: json({ ...card, apprPrice: "100.50" }),
    status: 400,
    code: "1002",
    field: "apprPrice",
  },
  {
    name: "apprPrice a boolean",
    body: json({ ...card, apprPrice: true }),
    status: 400,
    code: "1002",
    field: "apprPrice",
  },
  { name: "apprPrice missing", body: json(without(card, "apprPrice")), status: 400, code: "1002", field: "apprPrice" },
  {
    name: "apprDt month 13",
    body: json({ ...card, apprDt: "20261341250000" }),
    status: 400,
    code: "1002",
    field: "apprDt",
  },
  {
    name: "apprDt 30 February",
    body: json({ ...card, apprDt: "20260230120000" }),
    status: 400,
    code: "1002",
    field: "apprDt",
  },
  {
    name: "apprDt hour 24",
    body: json({ ...card, apprDt: "20261124240000" }),
    status: 400,
    code: "1002",
    field: "apprDt",
  },
  {
    name: "apprDt ISO format",
    body: json({ ...card, apprDt: "2026-11-24T15:30:12" }),
    status: 400,
    code: "1002",
    field: "apprDt",
  },
  { name: "apprDt missing", body: json(without(card, "apprDt")), status: 400, code: "1002", field: "apprDt" },
  {
    name: "apprOriginDt impossible",
    body: json({ ...card, apprOriginDt: "20250229000000" }),
    status: 400,
    code: "1002",
    field: "apprOriginDt",
  },
  {
    name: "apprMonthly not a number",
    body: json({ ...card, apprMonthly: "three" }),
    status: 400,
    code: "1002",
    field: "apprMonthly",
  },
  {
    name: "apprIssuer an object",
    body: json({ ...card, apprIssuer: { name: "현대" } }),
    status: 400,
    code: "1002",
    field: "apprIssuer",
  },
  {
    name: "NUL character in a field",
    body: json({ ...card, apprCardType: "신\u0000용" }),
    status: 400,
    code: "1002",
    field: "apprCardType",
  },
  {
    name: "v1 appr_price with a comma",
    body: json({ ...v1, appr_price: "9,900" }),
    status: 400,
    code: "1002",
    field: "appr_price",
  },
  {
    name: "v1 appr_dt impossible",
    body: json({ ...v1, appr_dt: "20261125996003" }),
    status: 400,
    code: "1002",
    field: "appr_dt",
  },
  {
    name: "merchantId missing",
    body: json(without(rejectedMapping, "merchantId")),
    status: 400,
    code: "1002",
    field: "merchantId",
  },
  {
    name: "memberId missing",
    body: json(without(rejectedMapping, "memberId")),
    status: 400,
    code: "1002",
    field: "memberId",
  },
  {
    name: "memberId of 61 characters",
    body: json({ ...rejectedMapping, memberId: "m".repeat(61) }),
    status: 400,
    code: "1002",
    field: "memberId",
  },
  {
    name: "merchant object missing",
    body: json(without(rejectedMapping, "merchant")),
    status: 400,
    code: "1002",
    field: "merchant",
  },
  {
    name: "merchant a string",
    body: json({ ...rejectedMapping, merchant: "R" }),
    status: 400,
    code: "1002",
    field: "merchant",
  },
  {
    name: "reviewStatus unknown",
    body: json(withMerchant({ reviewStatus: "X" })),
    status: 400,
    code: "1002",
    field: "merchant.reviewStatus",
  },
  {
    name: "reviewStatus missing",
    body: json(withMerchant({ reviewStatus: null })),
    status: 400,
    code: "1002",
    field: "merchant.reviewStatus",
  },
  {
    name: "isDeleted nonsense",
    body: json(withMerchant({ isDeleted: "maybe" })),
    status: 400,
    code: "1002",
    field: "merchant.isDeleted",
  },
  {
    name: "companyName a number",
    body: json(withMerchant({ companyName: 42 })),
    status: 400,
    code: "1002",
    field: "merchant.companyName",
  },
  // Hostile bytes (issue 9): each was answered 0000 with altered data, or 5xx with nothing logged.
  {
    name: "invalid UTF-8 in billId",
    body: withBytes({ ...card, billId: "AB@@1" }, "@@", [0xff, 0xfe]),
    status: 400,
    code: "1004",
    field: "",
    mentions: "byte offset 56",
    stored: maskedKey(json({ ...card, billId: "AB@@1" })).replace("@@", "\\xFF\\xFE"),
  },
  {
    name: "invalid UTF-8 in companyName",
    endpoint: endpoints.authMapping,
    body: withBytes(withMerchant({ companyName: "바른@@" }), "@@", [0xc3, 0x28]),
    status: 400,
    code: "1004",
    field: "",
    mentions: "byte offset",
    stored: json(withMerchant({ companyName: "바른@@" })).replace("@@", "\\xC3("),
  },
  { name: "NUL in billId", body: json({ ...card, billId: "A\u0000B" }), status: 400, code: "1002", field: "billId" },
  {
    name: "NUL in memberId",
    endpoint: endpoints.authMapping,
    body: json({ ...rejectedMapping, memberId: "m\u0000" }),
    status: 400,
    code: "1002",
    field: "memberId",
  },
  {
    name: "NUL in a udItem key",
    body: json({ ...card, udItem: { "a\u0000b": 1 } }),
    status: 400,
    code: "1002",
    field: "udItem.a\\u0000b",
  },
  {
    name: "a lone surrogate in udItem",
    body: json({ ...card, udItem: { note: "x\ud800y" } }),
    status: 400,
    code: "1002",
    field: "udItem.note",
  },
  {
    name: "a lone surrogate in companyName",
    endpoint: endpoints.authMapping,
    body: json(withMerchant({ companyName: "\udc00바른" })),
    status: 400,
    code: "1002",
    field: "merchant.companyName",
  },
  {
    name: "a lone surrogate in an unknown field",
    body: json({ ...card, newField: "\ud83d" }),
    status: 400,
    code: "1002",
    field: "newField",
  },
  {
    name: "a 20,000-deep udItem",
    body: json({ ...card, udItem: "@@" }).replace('"@@"', deep(20_000, "[", "]")),
    status: 400,
    code: "1005",
    field: "",
    mentions: "32 levels",
  },
  {
    name: "a 10,000-deep object",
    endpoint: endpoints.any,
    body: deep(10_000, '{"a":', "}"),
    status: 400,
    code: "1005",
    field: "",
    mentions: "32 levels",
  },
  {
    name: "a UTF-16 body",
    body: utf16(json(card)),
    status: 415,
    code: "1004",
    field: "",
    mentions: "UTF-16LE",
    stored: maskedKey(json(card)),
  },
  {
    name: "a UTF-16 body without a byte order mark",
    body: Uint8Array.from(Buffer.from(json(card), "utf16le")),
    status: 415,
    code: "1004",
    field: "",
    stored: maskedKey(json(card)),
  },
];

async function counts() {
  const [row] = await database.query<{ approvals: string | number; merchants: string | number }>(
    sql`SELECT (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM merchants) AS merchants`,
  );
  return { approvals: Number(row.approvals), merchants: Number(row.merchants) };
}

describe("bad input", () => {
  it("has a table of at least 25 cases", () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(25);
  });

  it.each(badInputs)("$name → $status $code naming '$field', logged as rejected", async (badInput) => {
    const answer = await send(badInput.endpoint ?? endpoints.approval, badInput.body, { raw: true });
    expect(answer.status).toBe(badInput.status);
    expect(answer.body.code).toBe(badInput.code);
    expect(answer.body.code).not.toBe("0000");
    expect(typeof answer.body.message).toBe("string");
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    if (badInput.field) {
      expect(answer.body.errors?.map((error) => error.path)).toContain(badInput.field);
      expect(answer.body.message).toContain(badInput.field);
    }
    if (badInput.mentions) expect(answer.body.message).toContain(badInput.mentions);
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT/);

    expect(await counts()).toEqual({ approvals: 0, merchants: 0 });
    const deliveries = await database.query<{
      outcome: string;
      raw_body: string;
      http_status: number;
      errors: unknown;
    }>(sql`SELECT outcome::text, raw_body, http_status, errors FROM callback_deliveries`);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ outcome: "rejected", http_status: badInput.status });
    expect(deliveries[0].errors).toEqual(answer.body.errors);
    expect(deliveries[0].raw_body).toBe(
      badInput.stored ?? maskedKey(badInput.body as string).replaceAll("\u0000", "\\u0000"),
    );
  });

  it("refuses a 2 MiB body with 413 and logs its beginning", async () => {
    const body = json({ ...card, padding: "x".repeat(2 * 1024 * 1024) });
    const answer = await send(endpoints.approval, body, { raw: true });
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe("1301");
    const [delivery] = await database.query<{ outcome: string; body_bytes: number; raw_body: string }>(
      sql`SELECT outcome::text, body_bytes, raw_body FROM callback_deliveries`,
    );
    expect(delivery.outcome).toBe("rejected");
    expect(delivery.body_bytes).toBe(Buffer.byteLength(body));
    expect(delivery.raw_body.length).toBeLessThan(5000);
    expect(delivery.raw_body).not.toContain("sandbox-0123456789abcdef0123456");
  });

  it("accepts a body just under 1 MiB", async () => {
    const filler = "x".repeat(1024 * 1024 - json(card).length - 100);
    const answer = await send(endpoints.approval, json({ ...card, note: filler }), { raw: true });
    expect(answer.status).toBe(200);
  });

  it("accepts a UTF-8 byte order mark before the JSON, and stores the approval as sent", async () => {
    const body = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(json({ ...card, billId: "BOM-1" }))]);
    expect((await send(endpoints.approval, body, { raw: true })).status).toBe(200);
    expect(await counts()).toEqual({ approvals: 1, merchants: 0 });
  });

  it("answers OPTIONS with 204 and what is allowed", async () => {
    for (const endpoint of Object.values(endpoints)) {
      const response = await respond(endpoint, undefined, { method: "OPTIONS" });
      expect(response.status).toBe(204);
      expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    }
  });

  it.each(["GET", "PUT", "PATCH", "DELETE"])("answers %s with 405 JSON", async (method) => {
    for (const endpoint of Object.values(endpoints)) {
      const answer = await send(endpoint, method === "GET" ? undefined : card, { method });
      expect(answer.status).toBe(405);
      expect(answer.body.code).toBe("1405");
      expect(answer.body.message).toContain("POST");
    }
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type BadInput,
  expectRefusedAndLogged,
  json,
  rejectedMapping,
  withMerchant,
  without,
} from "../support/bad-input";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

const card = sample("approval.card");
const v1 = sample("approval.v1-snake-case");

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
];

describe("bad input", () => {
  it("has a table of at least 25 cases", () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(25);
  });

  it.each(badInputs)("$name → $status $code naming '$field', logged as rejected", async (badInput) => {
    await expectRefusedAndLogged(database, badInput);
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

  it.each(["GET", "PUT", "PATCH", "DELETE"])("answers %s with 405 JSON", async (method) => {
    for (const endpoint of Object.values(endpoints)) {
      const answer = await send(endpoint, method === "GET" ? undefined : card, { method });
      expect(answer.status).toBe(405);
      expect(answer.body.code).toBe("1405");
      expect(answer.body.message).toContain("POST");
    }
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type BadInput,
  card,
  expectRefusedAndLogged,
  invalidField,
  json,
  rejectedMapping,
  withMerchant,
  without,
} from "../support/bad-input";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

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
  invalidField("billId missing", "billId", without(card, "billId")),
  invalidField("billId of 21 characters", "billId", { ...card, billId: "A".repeat(21) }),
  invalidField("billId blank", "billId", { ...card, billId: "   " }),
  invalidField("billId a number", "billId", { ...card, billId: 2208112341 }),
  invalidField("apprState not F/W/C/D", "apprState", { ...card, apprState: "Z" }),
  invalidField("apprState lowercase", "apprState", { ...card, apprState: "f" }),
  invalidField("apprPrice with a comma", "apprPrice", { ...card, apprPrice: "12,000" }),
  invalidField("apprPrice negative", "apprPrice", { ...card, apprPrice: "-5" }),
  invalidField("apprPrice with decimals", "apprPrice", { ...card, apprPrice: "100.50" }),
  invalidField("apprPrice a boolean", "apprPrice", { ...card, apprPrice: true }),
  invalidField("apprPrice missing", "apprPrice", without(card, "apprPrice")),
  invalidField("apprDt month 13", "apprDt", { ...card, apprDt: "20261341250000" }),
  invalidField("apprDt 30 February", "apprDt", { ...card, apprDt: "20260230120000" }),
  invalidField("apprDt hour 24", "apprDt", { ...card, apprDt: "20261124240000" }),
  invalidField("apprDt ISO format", "apprDt", { ...card, apprDt: "2026-11-24T15:30:12" }),
  invalidField("apprDt missing", "apprDt", without(card, "apprDt")),
  invalidField("apprOriginDt impossible", "apprOriginDt", { ...card, apprOriginDt: "20250229000000" }),
  invalidField("apprMonthly not a number", "apprMonthly", { ...card, apprMonthly: "three" }),
  invalidField("apprIssuer an object", "apprIssuer", { ...card, apprIssuer: { name: "현대" } }),
  invalidField("NUL character in a field", "apprCardType", { ...card, apprCardType: "신\u0000용" }),
  invalidField("v1 appr_price with a comma", "appr_price", { ...v1, appr_price: "9,900" }),
  invalidField("v1 appr_dt impossible", "appr_dt", { ...v1, appr_dt: "20261125996003" }),
  invalidField("merchantId missing", "merchantId", without(rejectedMapping, "merchantId")),
  invalidField("memberId missing", "memberId", without(rejectedMapping, "memberId")),
  invalidField("memberId of 61 characters", "memberId", { ...rejectedMapping, memberId: "m".repeat(61) }),
  invalidField("merchant object missing", "merchant", without(rejectedMapping, "merchant")),
  invalidField("merchant a string", "merchant", { ...rejectedMapping, merchant: "R" }),
  invalidField("reviewStatus unknown", "merchant.reviewStatus", withMerchant({ reviewStatus: "X" })),
  invalidField("reviewStatus missing", "merchant.reviewStatus", withMerchant({ reviewStatus: null })),
  invalidField("isDeleted nonsense", "merchant.isDeleted", withMerchant({ isDeleted: "maybe" })),
  invalidField("companyName a number", "merchant.companyName", withMerchant({ companyName: 42 })),
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

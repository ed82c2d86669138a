import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { maxBillsPerRequest } from "@/lib/bills/receive";
import { setUpTestDatabase } from "../support/database";
import { partnerToken, postBills } from "../support/reconcile";

// POST /api/bills through its route handler: the contract of issue 17.

const database = setUpTestDatabase();

beforeEach(() => {
  vi.stubEnv("PARTNER_API_TOKEN", `${partnerToken},previous-partner-token-0123456789`);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const bill = { billId: "API0001", memberId: "member-1", merchantId: "shop-1", price: 15000 };

describe("POST /api/bills", () => {
  it("accepts bills, is idempotent on billId, and refuses differing content with the fields named", async () => {
    expect(await postBills({ bills: [bill, { ...bill, billId: "API0002", price: "2000" }] })).toEqual({
      status: 200,
      body: { accepted: 2, unchanged: 0, refused: [] },
    });
    expect(await postBills({ bills: [bill] })).toEqual({
      status: 200,
      body: { accepted: 0, unchanged: 1, refused: [] },
    });
    const changed = await postBills({ bills: [{ ...bill, price: 16000 }] });
    expect(changed.body.refused).toEqual([
      { billId: "API0001", index: 0, errors: [{ path: "price", message: expect.stringMatching(/다릅니다.*differs/) }] },
    ]);
    const [stored] = await database.query<{ price: string; source: string }>(
      sql`select price::text, source::text from bills where bill_id = 'API0001'`,
    );
    expect(stored).toEqual({ price: "15000", source: "api" });
  });

  it("refuses an invalid bill by itself, in Korean and English, and stores the rest", async () => {
    const answer = await postBills({
      bills: [bill, { ...bill, billId: "bad id!", price: 0, phone: "010-1234-5678" }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(1);
    const [refusal] = answer.body.refused;
    expect(refusal.index).toBe(1);
    expect(refusal.errors.map((error: { path: string }) => error.path).sort()).toEqual(["billId", "phone", "price"]);
    expect(refusal.errors[0].message).toMatch(/[가-힣].*\(.*[a-z]/);
  });

  it("answers 401 without the right token, 503 when PARTNER_API_TOKEN is unset", async () => {
    expect((await postBills({ bills: [bill] }, { token: null })).status).toBe(401);
    expect((await postBills({ bills: [bill] }, { token: "wrong-token-0123456789abcdef" })).status).toBe(401);
    expect((await postBills({ bills: [bill] }, { token: "previous-partner-token-0123456789" })).status).toBe(200);
    vi.stubEnv("PARTNER_API_TOKEN", "");
    expect(await postBills({ bills: [bill] })).toEqual({
      status: 503,
      body: { error: "not_configured", message: expect.stringContaining("PARTNER_API_TOKEN") },
    });
  });

  it("answers 400 for bytes that are not UTF-8 JSON of 1–1,000 bills, and 413 for a body too large", async () => {
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    expect((await postBills(invalidUtf8, { raw: true })).body.error).toBe("invalid_encoding");
    expect((await postBills("{bills:", { raw: true })).body.error).toBe("invalid_json");
    expect((await postBills({ bills: [] })).status).toBe(400);
    expect((await postBills({ bills: Array(maxBillsPerRequest + 1).fill(bill) })).status).toBe(400);
    expect((await postBills({ bills: [bill], extra: 1 })).status).toBe(400);
    expect((await postBills([bill])).status).toBe(400);
    expect((await postBills(`{"bills":[${"[".repeat(100)}${"]".repeat(100)}]}`, { raw: true })).body.error).toBe(
      "nesting_too_deep",
    );
    expect((await postBills({ bills: [{ ...bill, productName: "a\u0000b" }] })).status).toBe(400);
    const huge = "x".repeat(3 * 1024 * 1024);
    expect(await postBills(huge, { raw: true })).toMatchObject({ status: 413, body: { error: "body_too_large" } });
  });

  it("takes 1,000 bills in one request", async () => {
    const bills = Array.from({ length: maxBillsPerRequest }, (_, index) => ({ ...bill, billId: `BULK${index}` }));
    expect((await postBills({ bills })).body).toEqual({ accepted: 1000, unchanged: 0, refused: [] });
    const [count] = await database.query<{ bills: number; open: number }>(
      sql`select (select count(*)::int from bills) as bills, (select count(*)::int from reconciliations where next_read_at is not null) as open`,
    );
    expect(count).toEqual({ bills: 1000, open: 1000 });
  });
});

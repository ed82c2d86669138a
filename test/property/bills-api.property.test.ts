import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as billsRoute from "@/app/api/bills/route";
import { setUpTestDatabase } from "../support/database";
import { billsRequest, partnerToken } from "../support/reconcile";

// POST /api/bills for any bytes and any bills: 200 with every bill accounted for (accepted,
// unchanged or refused with a reason), or a 400/401/413 JSON problem. Never a 5xx or a throw.
// FC_SEED / FC_RUNS as in the receiver's suite.

const database = setUpTestDatabase();
const runs = Number(process.env.FC_RUNS ?? 300);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

beforeAll(() => {
  vi.stubEnv("PARTNER_API_TOKEN", partnerToken);
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const value = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "\u0000", "\ud800", "20261324250000", "2026-02-30", "9999999999", "10000000000", "-1", "1.5"),
  fc.integer({ min: -2, max: 10_000_000_000 }),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);

const plausibleBill = fc.record(
  {
    billId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/), value),
    memberId: fc.oneof(fc.constantFrom("member-1", "m2"), value),
    merchantId: fc.oneof(fc.constantFrom("shop-1", "s2"), value),
    price: fc.oneof(fc.integer({ min: 1, max: 100_000 }), value),
    issuedAt: fc.oneof(fc.constantFrom("20261201120000", "2026-12-01T12:00:00+09:00", "2026-12-01 12:00"), value),
    expireDate: fc.oneof(fc.constantFrom("2026-12-31", "20261231", "2026-11-30"), value),
    orderRef: fc.oneof(fc.string({ maxLength: 120 }), value),
    productName: value,
    phone: value,
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ raw: true as const, body: bytes })),
  fc.array(plausibleBill, { minLength: 0, maxLength: 6 }).map((bills) => ({ raw: false as const, body: { bills } })),
  fc.jsonValue({ maxDepth: 3 }).map((json) => ({ raw: false as const, body: json })),
  fc.array(plausibleBill, { minLength: 1, maxLength: 3 }).map((bills) => ({
    raw: true as const,
    body: new TextEncoder().encode(JSON.stringify({ bills }).slice(0, -2)),
  })),
);

const token = fc.oneof(fc.constant(partnerToken), fc.constant(null), fc.string({ maxLength: 30 }));

describe("POST /api/bills, any input", () => {
  it("answers 200 with every bill accounted for, or a 4xx JSON problem; never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(body, token, async (input, given) => {
        const response = await billsRoute.POST(
          billsRequest(input.raw ? input.body : input.body, { raw: input.raw, token: given }),
        );
        const answer = await response.json();
        expect([200, 400, 401, 413]).toContain(response.status);
        if (given !== partnerToken) expect(response.status).toBe(401);
        if (response.status === 200) {
          const sent = (input.body as { bills: unknown[] }).bills;
          expect(answer.accepted + answer.unchanged + answer.refused.length).toBe(sent.length);
          for (const refusal of answer.refused) expect(refusal.errors.length).toBeGreaterThan(0);
        } else {
          expect(typeof answer.error).toBe("string");
          expect(answer.message).toMatch(/[가-힣]/);
        }
      }),
      { numRuns: runs, seed },
    );
    const [stored] = await database.query<{ bad: number }>(
      sql`select count(*)::int as bad from bills where price < 1 or bill_id !~ '^[A-Za-z0-9_-]{1,20}$'`,
    );
    expect(stored.bad).toBe(0);
  });
});

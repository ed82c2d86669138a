import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { endpoints, sample, send } from "./callbacks";
import type { TestDatabase } from "./database";

// Tables of refused bodies: each is answered with its status and code, names what is wrong, and is
// logged as rejected with its body (masked) and errors, storing nothing else.

export interface BadInput {
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

export const rejectedMapping = sample("auth-mapping.rejected");
const mappingMerchant = rejectedMapping.merchant as Record<string, unknown>;
export const withMerchant = (merchant: Record<string, unknown>) => ({
  ...rejectedMapping,
  merchant: { ...mappingMerchant, ...merchant },
});
export const without = (payload: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(payload).filter(([name]) => name !== key));
export const json = (value: unknown) => JSON.stringify(value);

export const card = sample("approval.card");

/** A payload refused as invalid (400, code 1002) for `field`. */
export const invalidField = (name: string, field: string, payload: unknown): BadInput => ({
  name,
  body: json(payload),
  status: 400,
  code: "1002",
  field,
});
export const maskedKey = (text: string) => text.replaceAll("sandbox-0123456789abcdef0123456", "****3456");

export async function storedCounts(database: TestDatabase) {
  const [row] = await database.query<{ approvals: string | number; merchants: string | number }>(
    sql`SELECT (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM merchants) AS merchants`,
  );
  return { approvals: Number(row.approvals), merchants: Number(row.merchants) };
}

export async function expectRefusedAndLogged(database: TestDatabase, badInput: BadInput) {
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

  expect(await storedCounts(database)).toEqual({ approvals: 0, merchants: 0 });
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
}

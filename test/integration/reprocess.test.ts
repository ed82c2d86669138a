import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { previewReprocess, ReprocessError, reprocessDelivery } from "@/lib/callbacks/reprocess";
import { approvalCallbackSchema } from "@/lib/payssam/approval";
import { endpoints, sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

// 다시 처리 (reprocessing a rejected delivery) goes through the same interpretation as a live
// callback, and can never store what a live callback could not: an approval whose apiKey was not
// checked against PAYSSAM_API_KEYS stays refused while the list is set.

const database = setUpTestDatabase();
const liveKey = "live-9f8e7d6c5b4a39281706f5e4";

afterEach(() => {
  vi.unstubAllEnvs();
});

interface Delivery {
  id: number;
  outcome: string;
  http_status: number;
  error_code: string | null;
  error_message: string | null;
  raw_body: string;
  api_key_verified: boolean;
  reprocess_of: number | null;
}

async function deliveries() {
  return database.query<Delivery>(
    sql`SELECT id::int, outcome::text, http_status, error_code, error_message, raw_body, api_key_verified,
          reprocess_of::int FROM callback_deliveries ORDER BY id`,
  );
}

async function approvalCount() {
  const [row] = await database.query<{ count: number }>(sql`SELECT count(*)::int AS count FROM approvals`);
  return row.count;
}

/** A rejected delivery as an earlier, stricter version of the receiver might have logged it. */
async function loggedRejection(body: string, apiKeyVerified: boolean) {
  const [row] = await database.query<{ id: number }>(
    sql`INSERT INTO callback_deliveries (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code, error_message, api_key_verified)
        VALUES ('approval', ${endpoints.approval}, ${body}, ${Buffer.byteLength(body)}, 'rejected', 400, '1002', 'stricter then', ${apiKeyVerified})
        RETURNING id::int`,
  );
  return row.id;
}

const validBody = JSON.stringify({ ...sample("approval.card"), apiKey: "****f5e4" });

describe("reprocessing", () => {
  it("closes the old bypass: a non-JSON body with a bad key is not stored by 다시 처리", async () => {
    vi.stubEnv("PAYSSAM_API_KEYS", liveKey);
    // An invalid escape in the key makes the body invalid JSON, so it was refused before the key
    // check; masking the key then made the stored body valid JSON, and reprocessing stored it
    // without any check.
    const body = JSON.stringify({ ...sample("approval.card"), apiKey: "@@" }).replace("@@", "stolen\\q-key-0123456789");
    const answer = await send(endpoints.approval, body, { raw: true });
    expect(answer).toMatchObject({ status: 400, body: { code: "1001" } });
    const [original] = await deliveries();
    expect(original.api_key_verified).toBe(false);
    const storedPayload = JSON.parse(original.raw_body);
    expect(approvalCallbackSchema.safeParse(storedPayload).success).toBe(true);

    // It would be refused again (1102): 다시 처리 says so and makes no second refused entry.
    expect(await previewReprocess(database.handle.db, original.id)).toMatchObject({
      status: "refused-again",
      errorCode: "1102",
    });
    await expect(reprocessDelivery(database.handle.db, original.id)).rejects.toThrow(/지금 규칙으로도 거부됩니다/);
    expect(await approvalCount()).toBe(0);
    expect(await deliveries()).toHaveLength(1);
  });

  it("needs no second check for an approval whose key was checked on arrival", async () => {
    vi.stubEnv("PAYSSAM_API_KEYS", liveKey);
    const rejected = { ...sample("approval.card"), apiKey: liveKey, apprDt: "20261301250000" };
    expect((await send(endpoints.approval, rejected)).status).toBe(400);
    const [original] = await deliveries();
    expect(original.api_key_verified).toBe(true);
    expect(original.raw_body).not.toContain(liveKey);
    // Still an impossible date: it would be refused again, for that reason and not for the
    // (masked) key, so nothing new is recorded.
    expect(await previewReprocess(database.handle.db, original.id)).toMatchObject({
      status: "refused-again",
      errorCode: "1002",
    });
    await expect(reprocessDelivery(database.handle.db, original.id)).rejects.toThrow(ReprocessError);
    expect(await deliveries()).toHaveLength(1);

    const fixed = await loggedRejection(validBody, true);
    expect(await previewReprocess(database.handle.db, fixed)).toMatchObject({ status: "stores", kind: "approval" });
    expect((await reprocessDelivery(database.handle.db, fixed)).outcome).toBe("accepted");
    expect(await approvalCount()).toBe(1);
  });

  it("refuses an unchecked approval while PAYSSAM_API_KEYS is set, and stores it when no list is set", async () => {
    const unchecked = await loggedRejection(validBody, false);
    vi.stubEnv("PAYSSAM_API_KEYS", liveKey);
    await expect(reprocessDelivery(database.handle.db, unchecked)).rejects.toThrow(/지금 규칙으로도 거부됩니다/);
    expect(await approvalCount()).toBe(0);
    vi.stubEnv("PAYSSAM_API_KEYS", "");
    expect((await reprocessDelivery(database.handle.db, unchecked)).outcome).toBe("accepted");
    expect(await approvalCount()).toBe(1);
  });

  it.each([
    ["not UTF-8", Uint8Array.from([...Buffer.from('{"billId":"A'), 0xff, ...Buffer.from('"}')])],
    ["too large", JSON.stringify({ ...sample("approval.card"), padding: "x".repeat(2 * 1024 * 1024) })],
  ])("refuses a delivery whose body was not kept as received (%s)", async (_, body) => {
    await send(endpoints.approval, body, { raw: true });
    const [original] = await deliveries();
    await expect(reprocessDelivery(database.handle.db, original.id)).rejects.toThrow(ReprocessError);
    expect(await deliveries()).toHaveLength(1);
  });

  it("never replays a delivery refused for its URL token", async () => {
    vi.stubEnv("CALLBACK_TOKEN", "tok_4f9a2c1e8b7d6a5f");
    await send(endpoints.approval, sample("approval.card"), { token: "wrong" });
    const [original] = await deliveries();
    await expect(reprocessDelivery(database.handle.db, original.id)).rejects.toThrow(/거부된 수신만/);
  });
});

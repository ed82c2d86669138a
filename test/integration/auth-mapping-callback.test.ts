import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

const merchantsQuery = sql`
  SELECT id, member_id, merchant_id, payssam_member_id, company_name, branch_name, business_number,
    review_status::text AS review_status, review_message, is_deleted, extra,
    first_seen_at <= updated_at AS ordered
  FROM merchants ORDER BY id`;

const timelineQuery = sql`
  SELECT review_status::text AS review_status, review_message, is_deleted, company_name, branch_name
  FROM merchant_status_history ORDER BY id`;

describe("sub-merchant link result callback", () => {
  it("stores every field of the merchant and starts its review timeline", async () => {
    expect(await send(endpoints.authMapping, sample("auth-mapping.rejected"))).toEqual({ status: 200, body: success });

    const merchants = await database.query(merchantsQuery);
    expect(merchants).toHaveLength(1);
    expect(merchants[0]).toMatchObject({
      member_id: "clinic-member-0042",
      merchant_id: "clinic-bundang",
      payssam_member_id: "PM00067890",
      company_name: "바른마음의원",
      branch_name: "분당",
      business_number: "1078600120",
      review_status: "R",
      review_message: "업종 정보가 사업자등록증과 일치하지 않아 반려되었습니다.",
      is_deleted: false,
      extra: null,
      ordered: true,
    });
    expect(await database.query(timelineQuery)).toEqual([
      {
        review_status: "R",
        review_message: "업종 정보가 사업자등록증과 일치하지 않아 반려되었습니다.",
        is_deleted: false,
        company_name: "바른마음의원",
        branch_name: "분당",
      },
    ]);
  });

  it("keeps one merchant row and a timeline entry per status change, backwards moves included", async () => {
    const writing = sample("auth-mapping.writing");
    const documents = sample("auth-mapping.documents-requested");
    const live = sample("auth-mapping.live");
    const underReview = { ...writing, merchant: { ...(writing.merchant as object), reviewStatus: "P" } };
    for (const payload of [writing, underReview, documents, underReview, live]) {
      expect(await send(endpoints.authMapping, payload)).toEqual({ status: 200, body: success });
    }

    const merchants = await database.query<{ review_status: string; review_message: string | null }>(merchantsQuery);
    expect(merchants).toHaveLength(1);
    expect(merchants[0]).toMatchObject({ review_status: "O", review_message: null });
    const timeline = await database.query<{ review_status: string; review_message: string | null }>(timelineQuery);
    expect(timeline.map((entry) => entry.review_status)).toEqual(["W", "P", "S", "P", "O"]);
    expect(timeline[2].review_message).toBe("사업자등록증 사본이 흐릿합니다. 선명한 사본을 다시 제출해 주세요.");
  });

  it("logs a retry that changes nothing as a duplicate and adds no timeline entry", async () => {
    const payload = sample("auth-mapping.live");
    await send(endpoints.authMapping, payload);
    expect(await send(endpoints.authMapping, payload)).toEqual({ status: 200, body: success });

    expect(await database.query(timelineQuery)).toHaveLength(1);
    const deliveries = await database.query<{ outcome: string; merchant_id: unknown }>(
      sql`SELECT outcome::text, merchant_id FROM callback_deliveries ORDER BY id`,
    );
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(["accepted", "duplicate"]);
    expect(deliveries[1].merchant_id).not.toBeNull();
  });

  it("records one accepted delivery for 50 identical deliveries at the same moment", async () => {
    const payload = sample("auth-mapping.documents-requested");
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(endpoints.authMapping, payload)));
    expect(answers.every((answer) => answer.body.code === "0000")).toBe(true);
    expect(await database.query(merchantsQuery)).toHaveLength(1);
    expect(await database.query(timelineQuery)).toHaveLength(1);
  });

  it("accepts a deleted flag in Y/N or true/false spelling and stores it", async () => {
    const live = sample("auth-mapping.live");
    await send(endpoints.authMapping, { ...live, merchant: { ...(live.merchant as object), isDeleted: "Y" } });
    expect((await database.query<{ is_deleted: boolean }>(merchantsQuery))[0].is_deleted).toBe(true);
    await send(endpoints.authMapping, { ...live, merchant: { ...(live.merchant as object), isDeleted: "false" } });
    expect((await database.query<{ is_deleted: boolean }>(merchantsQuery))[0].is_deleted).toBe(false);
  });

  it("keeps unknown fields at every level and tolerates a missing member object", async () => {
    const live = sample("auth-mapping.live");
    const payload = {
      memberId: live.memberId,
      merchantId: live.merchantId,
      merchant: { ...(live.merchant as object), ceoName: "홍길동" },
      requestedAt: "20261125100000",
    };
    expect((await send(endpoints.any, payload)).status).toBe(200);
    const [merchant] = await database.query<{ extra: unknown; payssam_member_id: unknown }>(merchantsQuery);
    expect(merchant.extra).toEqual({ requestedAt: "20261125100000", "merchant.ceoName": "홍길동" });
    expect(merchant.payssam_member_id).toBeNull();
  });

  it("is received on the approval endpoint too, told apart by shape", async () => {
    expect(await send(endpoints.approval, sample("auth-mapping.live"))).toEqual({ status: 200, body: success });
    expect(await database.query(merchantsQuery)).toHaveLength(1);
  });

  it("stores hostile text in names and messages exactly as sent", async () => {
    const rejected = sample("auth-mapping.rejected");
    const merchant = {
      ...(rejected.merchant as object),
      companyName: '<script>alert("회사")</script>',
      reviewMessage: "'; DELETE FROM merchants; -- 😀\t\u0001",
    };
    expect((await send(endpoints.authMapping, { ...rejected, merchant })).status).toBe(200);
    const [stored] = await database.query<{ company_name: string; review_message: string }>(merchantsQuery);
    expect(stored.company_name).toBe('<script>alert("회사")</script>');
    expect(stored.review_message).toBe("'; DELETE FROM merchants; -- 😀\t\u0001");
  });
});

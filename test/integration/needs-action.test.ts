import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  acknowledgeMerchant,
  addMerchantMemo,
  getMerchantMemos,
  getMerchantVersion,
  getNeedsActionCounts,
  getNeedsActionPage,
  undoMerchantAcknowledgement,
} from "@/db/queries/needs-action";
import { needsActionDefaults } from "@/lib/dashboard/needs-action";
import { DAY_MS } from "@/lib/kst";
import { inProcessSender } from "@/lib/simulator/in-process";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();
const staff = { id: "user-ops-1", email: "ops@example.kr", name: "김운영" };
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

function merchantPayload(key: string, status: string, message: string | null, changes: Record<string, unknown> = {}) {
  const base = sample("auth-mapping.rejected") as { merchant: Record<string, unknown> };
  return {
    ...base,
    memberId: `member-${key}`,
    merchantId: `merchant-${key}`,
    merchant: { ...base.merchant, reviewStatus: status, reviewMessage: message, ...changes },
  };
}

/** Through the receiver's code, backdated as the demo seeder does. */
async function receiveAt(payload: unknown, at: Date) {
  const sendDelivery = inProcessSender(async () => database.handle.db, null);
  const answer = await sendDelivery({
    endpoint: "auth-mapping",
    body: JSON.stringify(payload),
    expected: "accepted",
    receivedAt: at,
  });
  expect(answer.code).toBe("0000");
}

async function merchantIdOf(key: string): Promise<number> {
  const [row] = await database.query<{ id: string | number }>(
    sql`SELECT id FROM merchants WHERE member_id = ${`member-${key}`}`,
  );
  return Number(row.id);
}

async function merchantState(key: string) {
  const [row] = await database.query<{
    status_since: Date | string;
    acknowledged_at: Date | string | null;
    acknowledged_by_name: string | null;
  }>(
    sql`SELECT status_since, acknowledged_at, acknowledged_by_name FROM merchants WHERE member_id = ${`member-${key}`}`,
  );
  return {
    statusSince: new Date(row.status_since),
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by_name,
  };
}

const page = (overrides: Partial<typeof needsActionDefaults> = {}) =>
  getNeedsActionPage(database.handle.db, { ...needsActionDefaults, ...overrides });

describe("조치 필요 list", () => {
  it("lists live merchants in R or S, longest in that status first", async () => {
    await receiveAt(merchantPayload("a", "W", null), daysAgo(20));
    await receiveAt(merchantPayload("a", "R", "업종 정보가 사업자등록증과 일치하지 않습니다."), daysAgo(10));
    await receiveAt(merchantPayload("b", "S", "통장 사본을 보내 주세요."), daysAgo(2));
    await receiveAt(merchantPayload("c", "O", null), daysAgo(30));
    await receiveAt(merchantPayload("d", "R", "반려", { isDeleted: "Y" }), daysAgo(40));
    await receiveAt(merchantPayload("e", "P", null), daysAgo(5));
    await receiveAt(merchantPayload("e", "R", "대표자 정보 불일치"), daysAgo(1));

    const listed = await page();
    expect(listed.rows.map((row) => row.memberId)).toEqual(["member-a", "member-b", "member-e"]);
    // Waiting since it entered R, not since its first application.
    expect(Math.round((Date.now() - listed.rows[0].statusSince.getTime()) / DAY_MS)).toBe(10);
    expect(Math.round((Date.now() - listed.rows[2].statusSince.getTime()) / DAY_MS)).toBe(1);
    expect((await page({ status: "R" })).rows.map((row) => row.memberId)).toEqual(["member-a", "member-e"]);
    expect(await getNeedsActionCounts(database.handle.db)).toEqual({
      total: { count: 3, capped: false },
      open: { count: 3, capped: false },
      R: { count: 2, capped: false },
      S: { count: 1, capped: false },
    });
  });

  it("pages with keyset cursors in waiting order", async () => {
    for (let index = 0; index < 12; index++) {
      await receiveAt(merchantPayload(`p${index}`, index % 2 ? "R" : "S", `사유 ${index}`), daysAgo(20 - index));
    }
    const first = await page({ size: 10 });
    expect(first.rows.map((row) => row.memberId)).toEqual(Array.from({ length: 10 }, (_, index) => `member-p${index}`));
    const second = await page({ size: 10, after: first.nextCursor!, page: 2 });
    expect(second.rows.map((row) => row.memberId)).toEqual(["member-p10", "member-p11"]);
    expect(second.nextCursor).toBeNull();
    const back = await page({ size: 10, before: second.prevCursor!, page: 1 });
    expect(back.rows.map((row) => row.memberId)).toEqual(first.rows.map((row) => row.memberId));
  });
});

describe("확인 (acknowledge)", () => {
  it("records who and when, once, in the audit log, and only for the review the person saw", async () => {
    await send(endpoints.authMapping, merchantPayload("a", "R", "반려 사유"));
    const id = await merchantIdOf("a");
    const version = (await getMerchantVersion(database.handle.db, id))!;

    const outcome = await acknowledgeMerchant(database.handle.db, { merchantId: id, version }, staff, "203.0.113.9");
    expect(outcome.status).toBe("acknowledged");
    expect(await merchantState("a")).toMatchObject({ acknowledgedBy: "김운영" });
    expect((await getNeedsActionCounts(database.handle.db)).open.count).toBe(0);
    expect((await page({ show: "open" })).rows).toEqual([]);
    const audit = await database.query(
      sql`SELECT action, actor_id, actor_email, target, client_addr, details FROM audit_log`,
    );
    expect(audit).toEqual([
      {
        action: "merchant_acknowledged",
        actor_id: "user-ops-1",
        actor_email: "ops@example.kr",
        target: `merchant #${id}`,
        client_addr: "203.0.113.9",
        details: { reviewStatus: "R", memberId: "member-a", merchantId: "merchant-a" },
      },
    ]);

    const again = await acknowledgeMerchant(
      database.handle.db,
      { merchantId: id, version },
      { ...staff, name: "박다른" },
      null,
    );
    expect(again).toMatchObject({ status: "already", byName: "김운영" });
    expect(await acknowledgeMerchant(database.handle.db, { merchantId: 999_999, version }, staff, null)).toEqual({
      status: "not-found",
    });
    expect(await database.query(sql`SELECT id FROM audit_log`)).toHaveLength(1);
  });

  it("refuses a 확인 for a review that changed since the page was shown, or that no longer waits", async () => {
    await send(endpoints.authMapping, merchantPayload("a", "R", "반려 사유"));
    const id = await merchantIdOf("a");
    const seen = (await getMerchantVersion(database.handle.db, id))!;
    await send(endpoints.authMapping, merchantPayload("a", "S", "서류를 보내 주세요."));
    expect(await acknowledgeMerchant(database.handle.db, { merchantId: id, version: seen }, staff, null)).toEqual({
      status: "changed",
    });
    await send(endpoints.authMapping, merchantPayload("a", "O", null));
    const live = (await getMerchantVersion(database.handle.db, id))!;
    expect(await acknowledgeMerchant(database.handle.db, { merchantId: id, version: live }, staff, null)).toEqual({
      status: "not-waiting",
    });
    expect(await merchantState("a")).toMatchObject({ acknowledgedAt: null });
  });

  it("is cleared by a new status or message from PaySsam, kept by a repeat or a name change", async () => {
    const rejected = merchantPayload("a", "R", "반려 사유");
    await receiveAt(rejected, daysAgo(3));
    const id = await merchantIdOf("a");
    const acknowledge = async () =>
      expect(
        (
          await acknowledgeMerchant(
            database.handle.db,
            { merchantId: id, version: (await getMerchantVersion(database.handle.db, id))! },
            staff,
            null,
          )
        ).status,
      ).toBe("acknowledged");
    await acknowledge();
    const since = (await merchantState("a")).statusSince;

    expect(await send(endpoints.authMapping, rejected)).toEqual({ status: 200, body: success });
    await send(endpoints.authMapping, merchantPayload("a", "R", "반려 사유", { companyName: "바른마음의원 본점" }));
    expect(await merchantState("a")).toMatchObject({ statusSince: since, acknowledgedBy: "김운영" });

    await send(
      endpoints.authMapping,
      merchantPayload("a", "R", "반려 사유가 바뀌었습니다", { companyName: "바른마음의원 본점" }),
    );
    expect(await merchantState("a")).toMatchObject({ statusSince: since, acknowledgedAt: null, acknowledgedBy: null });

    await acknowledge();
    await send(endpoints.authMapping, merchantPayload("a", "S", "통장 사본", { companyName: "바른마음의원 본점" }));
    const afterChange = await merchantState("a");
    expect(afterChange).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null });
    expect(afterChange.statusSince.getTime()).toBeGreaterThan(since.getTime());
    expect((await getNeedsActionCounts(database.handle.db)).open.count).toBe(1);
  });
});

describe("확인 취소 (undo a 확인)", () => {
  it("puts the merchant back on the list as unseen, once, audit-logged with whose 확인 it was", async () => {
    await send(endpoints.authMapping, merchantPayload("u", "S", "서류 보완"));
    const id = await merchantIdOf("u");
    const version = (await getMerchantVersion(database.handle.db, id))!;
    await acknowledgeMerchant(database.handle.db, { merchantId: id, version }, staff, null);
    expect((await getNeedsActionCounts(database.handle.db)).open.count).toBe(0);

    const other = { id: "user-ops-2", email: "ops2@example.kr", name: "이운영" };
    expect(await undoMerchantAcknowledgement(database.handle.db, { merchantId: id }, other, "203.0.113.7")).toEqual({
      status: "undone",
    });
    expect(await merchantState("u")).toMatchObject({ acknowledgedBy: null });
    expect((await getNeedsActionCounts(database.handle.db)).open.count).toBe(1);
    expect(await undoMerchantAcknowledgement(database.handle.db, { merchantId: id }, other, null)).toEqual({
      status: "not-acknowledged",
    });
    expect(await undoMerchantAcknowledgement(database.handle.db, { merchantId: 999_999 }, other, null)).toEqual({
      status: "not-found",
    });
    const [undone] = await database.query<{ action: string; actor_email: string; details: Record<string, unknown> }>(
      sql`SELECT action, actor_email, details FROM audit_log WHERE action = 'merchant_acknowledgement_undone'`,
    );
    expect(undone).toMatchObject({ actor_email: "ops2@example.kr", details: { acknowledgedBy: "김운영" } });
  });
});

describe("memos", () => {
  it("adds a memo to the merchant's timeline, audit-logged", async () => {
    await send(endpoints.authMapping, merchantPayload("a", "S", "통장 사본"));
    const id = await merchantIdOf("a");
    const outcome = await addMerchantMemo(
      database.handle.db,
      { merchantId: id, body: "대표자와 통화함. 금요일까지 보내기로." },
      staff,
      null,
    );
    expect(outcome.status).toBe("added");
    expect(await getMerchantMemos(database.handle.db, id)).toMatchObject([
      { body: "대표자와 통화함. 금요일까지 보내기로.", authorName: "김운영", authorId: "user-ops-1", merchantId: id },
    ]);
    expect(await database.query(sql`SELECT action, target, details FROM audit_log`)).toEqual([
      { action: "merchant_memo_added", target: `merchant #${id}`, details: { memoId: 1, length: 21 } },
    ]);
    expect(await addMerchantMemo(database.handle.db, { merchantId: 424_242, body: "x" }, staff, null)).toEqual({
      status: "not-found",
    });
  });
});

describe("migration backfill of status_since", () => {
  it("takes the first entry of the latest run of the current status from the timeline", async () => {
    await receiveAt(merchantPayload("a", "W", null), daysAgo(9));
    await receiveAt(merchantPayload("a", "P", null), daysAgo(8));
    await receiveAt(merchantPayload("a", "S", "서류 1"), daysAgo(7));
    await receiveAt(merchantPayload("a", "P", null), daysAgo(6));
    await receiveAt(merchantPayload("a", "S", "서류 2"), daysAgo(4));
    await receiveAt(merchantPayload("a", "S", "서류 3"), daysAgo(2));
    await receiveAt(merchantPayload("b", "R", "반려"), daysAgo(3));
    await database.query(sql`UPDATE merchants SET status_since = now()`);
    await database.query(
      sql`DELETE FROM merchant_status_history WHERE merchant_id = (SELECT id FROM merchants WHERE member_id = 'member-b')`,
    );

    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0010_operations-desk.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    expect(backfill).toContain('UPDATE "merchants"');
    await database.query(sql.raw(backfill));

    expect(Math.round((Date.now() - (await merchantState("a")).statusSince.getTime()) / DAY_MS)).toBe(4);
    // No timeline: its last change is the best known time.
    const [b] = await database.query<{ same: boolean }>(
      sql`SELECT status_since = updated_at AS same FROM merchants WHERE member_id = 'member-b'`,
    );
    expect(b.same).toBe(true);
  });
});

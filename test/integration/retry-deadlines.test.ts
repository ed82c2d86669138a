import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getCallbackDeliveriesPage } from "@/db/queries/callback-deliveries";
import { recordRefusedDelivery } from "@/db/queries/record-refusal";
import { getRefusalDetails } from "@/db/queries/retry-deadlines";
import { reprocessDelivery } from "@/lib/callbacks/reprocess";
import { callbacksDefaults } from "@/lib/dashboard/callback-filters";
import { withRefusalSummaries } from "@/lib/dashboard/refusals";
import { getRetryEpisodes } from "@/lib/dashboard/retry-episodes";
import { inProcessSender } from "@/lib/simulator/in-process";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();
const HOUR_MS = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS);

const approval = (billId: string, changes: Record<string, unknown> = {}) => ({
  ...sample("approval.card"),
  billId,
  ...changes,
});

/** Through the receiver's code, backdated as the demo seeder does. */
async function receiveAt(payload: unknown, at: Date, endpoint: "approval" | "auth-mapping" = "approval") {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return inProcessSender(
    async () => database.handle.db,
    null,
  )({ endpoint, body, expected: "rejected", receivedAt: at });
}

afterEach(() => {
  delete process.env.PAYSSAM_API_KEYS;
});

describe("재시도 마감", () => {
  it("follows a refused approval through PaySsam's retries until a corrected delivery is stored", async () => {
    const refused = approval("RD-0001", { apprMonthly: "일시불" });
    expect((await send(endpoints.approval, refused)).body.code).toBe("1002");
    expect((await send(endpoints.approval, refused)).body.code).toBe("1002");

    let [episode] = (await getRetryEpisodes(database.handle.db, 7)).episodes;
    expect(episode).toMatchObject({ subject: "RD-0001", kind: "approval", attempts: 2, state: "retrying" });
    expect(episode.deadline.getTime() - episode.firstRefusedAt.getTime()).toBe(24 * HOUR_MS);
    const details = await getRefusalDetails(database.handle.db, [episode.lastRefusalId]);
    expect(details.get(episode.lastRefusalId)?.errorCode).toBe("1002");

    expect(await send(endpoints.approval, approval("RD-0001"))).toEqual({ status: 200, body: success });
    [episode] = (await getRetryEpisodes(database.handle.db, 7)).episodes;
    expect(episode).toMatchObject({ state: "resolved", resolution: { byReprocessing: false } });
  });

  it("matches subjects with quotes, backslashes, commas, braces and line breaks exactly", async () => {
    const awkward = ['Q"1\\2,{3} 4', "NULL", "line\nbreak", "쉼표,괄호}"];
    for (const billId of awkward) {
      expect((await send(endpoints.approval, approval(billId, { apprMonthly: "일시불" }))).body.code).toBe("1002");
      expect(await send(endpoints.approval, approval(billId))).toEqual({ status: 200, body: success });
    }
    await send(endpoints.approval, approval("Q", { apprMonthly: "일시불" }));
    const { episodes } = await getRetryEpisodes(database.handle.db, 7);
    expect(episodes.map((episode) => [episode.subject, episode.state]).sort()).toEqual(
      [...awkward.map((billId) => [billId, "resolved"]), ["Q", "retrying"]].sort(),
    );
  });

  it("shows a subject refused for more than 24 hours as lost, and older ones outside the window", async () => {
    await receiveAt(approval("RD-LOST", { apprPrice: "12,000" }), hoursAgo(30));
    await receiveAt(approval("RD-LOST", { apprPrice: "12,000" }), hoursAgo(29));
    await receiveAt(approval("RD-OLD", { apprPrice: "12,000" }), hoursAgo(24 * 9));
    const { episodes } = await getRetryEpisodes(database.handle.db, 7);
    expect(episodes.map((episode) => [episode.subject, episode.state, episode.attempts])).toEqual([
      ["RD-LOST", "lost", 2],
    ]);
    expect((await getRetryEpisodes(database.handle.db, 14)).episodes).toHaveLength(2);
  });

  it("counts 다시 처리 as resolving the episode it reprocessed", async () => {
    // A delivery refused under an earlier rule whose body is valid now: reprocessing stores it.
    const body = JSON.stringify(approval("RD-REPRO"));
    const refusedDelivery = await recordRefusedDelivery(
      database.handle.db,
      {
        kind: "approval",
        endpoint: "/api/callbacks/approval",
        rawBody: body,
        bodyBytes: body.length,
        remoteAddr: null,
        subject: "RD-REPRO",
        apiKeyVerified: false,
      },
      {
        outcome: "rejected",
        httpStatus: 400,
        errorCode: "1002",
        errorMessage: "old rule",
        errors: [{ path: "apprMonthly", message: "old rule" }],
      },
    );
    const reprocessed = await reprocessDelivery(database.handle.db, refusedDelivery.deliveryId);
    expect(reprocessed.outcome).toBe("accepted");
    const [episode] = (await getRetryEpisodes(database.handle.db, 7)).episodes;
    expect(episode).toMatchObject({
      state: "resolved",
      attempts: 1,
      resolution: { deliveryId: reprocessed.deliveryId, byReprocessing: true },
    });
  });

  it("groups refusals without a subject by their bytes, names a cut body's billId, and leaves wrong tokens out", async () => {
    await send(endpoints.approval, '{"billId": "RD-CUT", "apprPrice', { raw: true });
    await send(endpoints.approval, '{"billId": "RD-CUT", "apprPrice', { raw: true });
    await send(endpoints.approval, "not json at all", { raw: true });
    process.env.CALLBACK_TOKEN = "right-token";
    try {
      expect((await send(endpoints.approval, approval("RD-TOKEN"), { token: "wrong" })).status).toBe(401);
    } finally {
      delete process.env.CALLBACK_TOKEN;
    }
    const { episodes } = await getRetryEpisodes(database.handle.db, 7);
    // The cut body still names its bill (lib/callbacks/broken-body-subject.ts).
    expect(episodes.map((episode) => [episode.subject, episode.attempts]).sort()).toEqual([
      [null, 1],
      ["RD-CUT", 2],
    ]);
  });

  it("includes an approval refused for its apiKey: PaySsam retries it like any other", async () => {
    process.env.PAYSSAM_API_KEYS = "sandbox-0123456789abcdef0123456";
    expect(
      (await send(endpoints.approval, approval("RD-KEY", { apiKey: "live-ffffffffffffffffffffffff" }))).status,
    ).toBe(401);
    const { episodes } = await getRetryEpisodes(database.handle.db, 7);
    expect(episodes.map((episode) => [episode.subject, episode.state])).toEqual([["RD-KEY", "retrying"]]);
  });

  it("keeps merchants' link results apart from approvals", async () => {
    const mapping = sample("auth-mapping.rejected") as { merchant: Record<string, unknown> };
    const inWords = { ...mapping, merchant: { ...mapping.merchant, reviewStatus: "반려" } };
    await receiveAt(inWords, hoursAgo(3), "auth-mapping");
    await send(endpoints.authMapping, mapping);
    const [episode] = (await getRetryEpisodes(database.handle.db, 7)).episodes;
    expect(episode).toMatchObject({
      kind: "auth_mapping",
      subject: "clinic-member-0042/clinic-bundang",
      state: "resolved",
    });
  });
});

describe("Korean refusal reasons in the callback log", () => {
  it("explains each refused delivery in one Korean line, without sending its body on", async () => {
    await send(endpoints.approval, approval("RD-KO", { apprMonthly: "일시불" }));
    await send(endpoints.approval, approval("RD-OK"));
    const rows = withRefusalSummaries((await getCallbackDeliveriesPage(database.handle.db, callbacksDefaults)).rows);
    expect(rows.map((row) => row.refusalSummary)).toEqual([
      null,
      "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
    ]);
    expect(rows[1]).not.toHaveProperty("refusalBody");
    const stored = await database.query(sql`SELECT count(*)::int AS total FROM callback_deliveries`);
    expect(stored).toEqual([{ total: 2 }]);
  });
});

import { describe, expect, it } from "vitest";
import { FakePayssam } from "@/lib/fake-payssam/fake";
import { createPayssamClient } from "@/lib/payssam/client";

// The one client of PaySsam's API (lib/payssam/client.ts) against scripted answers: what it sends,
// when it tries again and when not, and that the partner's key never comes back out of it.

const apiKey = "partner-api-key-0123456789abcdef";
const request = { billId: "B1", memberId: "member-1", merchantId: "shop-1" };

/** A fetch that answers from a script, one entry per request, and records what was sent. */
function scripted(answers: (Response | Error | "hang")[]) {
  const sent: { url: string; body: unknown; at: number }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({ url: String(input), body: JSON.parse(String(init?.body)), at: performance.now() });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (answer === "hang") {
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    }
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { fetch, sent };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const paid = json(200, {
  code: "0000",
  msg: "성공",
  data: { billId: "B1", apprState: "F", apprPrice: "12000", apprNum: "1", apprDt: "20261207100000" },
});
const refusedConnection = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });

function client(
  fetch: typeof globalThis.fetch,
  options: { attempts?: number; timeoutMs?: number; base?: string } = {},
) {
  return createPayssamClient({
    base: "https://stg.paymint.example/partner/",
    apiKey,
    ratePerSecond: 1000,
    backoffMs: 20,
    fetch,
    ...options,
  });
}

describe("createPayssamClient", () => {
  it("posts the v2 request shape to {base}/bill/read and reads the answer", async () => {
    const { fetch, sent } = scripted([paid]);
    const result = await client(fetch).readBill(request);
    expect(sent).toEqual([
      {
        url: "https://stg.paymint.example/partner/bill/read",
        body: { apiKey, member: "member-1", merchant: "shop-1", bill: { billId: "B1" } },
        at: expect.any(Number),
      },
    ]);
    expect(result).toMatchObject({ outcome: "read", httpStatus: 200, attempts: 1, bill: { apprPrice: 12000 } });
  });

  it("tries again after network errors and 5xx, waiting longer each time, then reads", async () => {
    const { fetch, sent } = scripted([refusedConnection, json(502, {}), paid]);
    const result = await client(fetch).readBill(request);
    expect(result).toMatchObject({ outcome: "read", attempts: 3 });
    const waits = [sent[1].at - sent[0].at, sent[2].at - sent[1].at];
    expect(waits[0]).toBeGreaterThanOrEqual(18);
    expect(waits[1]).toBeGreaterThanOrEqual(38);
  });

  it("gives up after its attempts with what went wrong, and times a silent PaySsam out", async () => {
    const down = scripted([json(503, {})]);
    expect(await client(down.fetch, { attempts: 2 }).readBill(request)).toMatchObject({
      outcome: "failed",
      error: "HTTP 503",
      attempts: 2,
    });
    expect(down.sent).toHaveLength(2);
    const silent = scripted(["hang"]);
    expect(await client(silent.fetch, { attempts: 1, timeoutMs: 50 }).readBill(request)).toMatchObject({
      outcome: "failed",
      error: "no answer within 0.05 s",
    });
  });

  it("does not try again what PaySsam answered: a refusal, a bill it does not know, garbage", async () => {
    for (const answer of [
      json(200, { code: "5000", msg: "시스템 오류" }),
      json(200, { code: "9980", msg: "청구서가 존재하지 않습니다." }),
      new Response("<html>점검 중</html>", { status: 200 }),
    ]) {
      const { fetch, sent } = scripted([answer]);
      const result = await client(fetch).readBill(request);
      expect(["refused", "not_found", "garbage"]).toContain(result.outcome);
      expect(sent).toHaveLength(1);
    }
  });

  it("never gives the key back, even when PaySsam's answer or the network repeats it", async () => {
    const echoes = [
      json(200, { code: "1003", msg: `접근 권한이 없습니다: apiKey=${apiKey}` }),
      json(200, { code: "0000", msg: `ok ${apiKey}`, data: { billId: "B1", apprState: "F", apprPrice: apiKey } }),
      json(200, { code: apiKey }),
      new Error(`socket hang up talking about ${apiKey}`),
    ];
    for (const answer of echoes) {
      const { fetch } = scripted([answer]);
      const result = await client(fetch, { attempts: 1 }).readBill(request);
      expect(JSON.stringify(result)).not.toContain(apiKey);
      expect(JSON.stringify(result)).toContain("***");
    }
  });

  it("reads the fake PaySsam's whole approval as the callback would carry it", async () => {
    const fake = new FakePayssam({ apiKey });
    fake.setBill({
      billId: "B1",
      apprState: "F",
      apprPrice: 38700,
      apprDt: new Date("2026-12-07T01:00:00Z"),
      approval: { apprIssuerNum: "943118******5521", apprCardType: "체크", apprMonthly: "00", apprIssuer: null },
    });
    // Under a base with a path, as PaySsam's are.
    const result = await client(fake.fetch, { base: "http://127.0.0.1:3261/partner" }).readBill(request);
    expect(result.outcome).toBe("read");
    if (result.outcome !== "read") return;
    expect(result.bill.approval).toMatchObject({
      apprPrice: 38700,
      apprIssuerNum: "943118******5521",
      apprCardType: "체크",
      apprIssuer: null,
    });
  });
});

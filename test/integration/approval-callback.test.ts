import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

interface StoredApproval {
  bill_id: string;
  appr_state: string;
  appr_num: string | null;
  appr_origin_num: string | null;
  appr_pay_type: string | null;
  appr_card_type: string | null;
  appr_dt: string;
  appr_origin_dt: string | null;
  appr_price: string;
  appr_issuer: string | null;
  appr_issuer_cd: string | null;
  appr_issuer_num: string | null;
  appr_acquirer_cd: string | null;
  appr_acquirer_nm: string | null;
  appr_res_cd: string | null;
  appr_monthly: number | null;
  appr_cash_num: string | null;
  appr_cash_trader: string | null;
  appr_cash_issuance_number: string | null;
  appr_card_merchant_num: string | null;
  cat_id: string | null;
  ud_item: unknown;
  dsc_tx_num: string | null;
  card_type: string | null;
  appr_sign: string | null;
  api_key_masked: string | null;
  payload_version: string;
  extra: Record<string, unknown> | null;
  delivery_count: number;
}

// Timestamps come back as ISO strings in UTC from both drivers, so KST conversion is checked exactly.
const approvalsQuery = sql`
  SELECT bill_id, appr_state, appr_num, appr_origin_num, appr_pay_type, appr_card_type,
    to_char(appr_dt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS appr_dt,
    to_char(appr_origin_dt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS appr_origin_dt,
    appr_price::text AS appr_price, appr_issuer, appr_issuer_cd, appr_issuer_num, appr_acquirer_cd,
    appr_acquirer_nm, appr_res_cd, appr_monthly, appr_cash_num, appr_cash_trader, appr_cash_issuance_number,
    appr_card_merchant_num, cat_id, ud_item, dsc_tx_num, card_type, appr_sign, api_key_masked,
    payload_version::text AS payload_version, extra, delivery_count
  FROM approvals ORDER BY id`;

async function storedApprovals() {
  return database.query<StoredApproval>(approvalsQuery);
}

/** Sends `payload` to the approval endpoint, expects 0000, and returns the one approval stored. */
async function accepted(payload: unknown, options?: Parameters<typeof send>[2]) {
  expect(await send(endpoints.approval, payload, options)).toEqual({ status: 200, body: success });
  const [approval] = await storedApprovals();
  return approval;
}

async function deliveries() {
  return database.query<{
    kind: string;
    endpoint: string;
    outcome: string;
    http_status: number;
    raw_body: string;
    subject: string | null;
    remote_addr: string | null;
    approval_id: string | number | null;
  }>(
    sql`SELECT kind::text, endpoint, outcome::text, http_status, raw_body, subject, remote_addr, approval_id FROM callback_deliveries ORDER BY id`,
  );
}

describe("payment approval callback", () => {
  it("stores every field of a card approval, with KST times as instants", async () => {
    expect(await accepted(sample("approval.card"))).toEqual({
      bill_id: "2208112341A000000017",
      appr_state: "F",
      appr_num: "30012345",
      appr_origin_num: "30012345",
      appr_pay_type: "CARD_VAN",
      appr_card_type: "신용",
      appr_dt: "2026-11-24T06:30:12Z",
      appr_origin_dt: "2026-11-24T06:30:12Z",
      appr_price: "125000",
      appr_issuer: "현대카드",
      appr_issuer_cd: "04",
      appr_issuer_num: "433012******1234",
      appr_acquirer_cd: "04",
      appr_acquirer_nm: "현대카드",
      appr_res_cd: "0000",
      appr_monthly: 3,
      appr_cash_num: null,
      appr_cash_trader: null,
      appr_cash_issuance_number: null,
      appr_card_merchant_num: null,
      cat_id: null,
      ud_item: null,
      dsc_tx_num: null,
      card_type: null,
      appr_sign: null,
      api_key_masked: "****3456",
      payload_version: "v2",
      extra: null,
      delivery_count: 1,
    });
  });

  it("stores the healthcare fields: udItem as JSON, apprSign exactly as received, null issuers", async () => {
    const payload = sample("approval.healthcare");
    expect(await accepted(payload)).toMatchObject({
      bill_id: "hc-1078600120-00042",
      appr_issuer: null,
      appr_issuer_cd: null,
      appr_monthly: 0,
      appr_card_merchant_num: "00987654321",
      cat_id: "1234567890",
      dsc_tx_num: "TX202611230000123",
      ud_item: { patientNo: "P-20261123-0007", department: "내과", visitType: "외래" },
      appr_sign: payload.apprSign,
      appr_dt: "2026-11-23T01:15:44Z",
    });
  });

  it("stores a cash receipt approval with its cash fields", async () => {
    const cash = await accepted(sample("approval.cash-receipt"));
    expect(cash).toMatchObject({ appr_pay_type: "OFFLINE_CASH", appr_price: "50000", appr_monthly: 0 });
    expect(cash).toMatchObject({ appr_cash_num: "123456789", appr_cash_trader: "0", appr_issuer_num: null });
    expect(cash).toMatchObject({ appr_cash_issuance_number: "010****5678" });
  });

  it("accepts the v1 snake_case shape and stores it like v2", async () => {
    const approval = await accepted(sample("approval.v1-snake-case"));
    // The bill and its approval, the card, and what marks it as a v1 delivery.
    const bill = { bill_id: "2208112341A000000019", appr_state: "F", appr_num: "40098765", appr_price: "9900" };
    expect(approval).toMatchObject({ ...bill, appr_dt: "2026-11-25T02:40:03Z", appr_monthly: 0 });
    expect(approval).toMatchObject({ appr_pay_type: "CARD_VAN", appr_card_type: "체크", appr_issuer: "신한카드" });
    expect(approval).toMatchObject({ appr_issuer_cd: "06", appr_issuer_num: "451842******9087" });
    expect(approval).toMatchObject({ appr_acquirer_nm: "신한카드", api_key_masked: "****3456" });
    expect(approval).toMatchObject({ payload_version: "v1", extra: null });
  });

  it("keeps unknown fields instead of rejecting them, and ignores the Content-Type", async () => {
    const payload = { ...sample("approval.card"), newPaySsamField: "값", nested: { a: [1, 2] } };
    const approval = await accepted(payload, { headers: { "content-type": "text/plain" } });
    expect(approval.extra).toEqual({ newPaySsamField: "값", nested: { a: [1, 2] } });
  });

  it("accepts empty strings and nulls in optional fields", async () => {
    const payload = {
      ...sample("approval.card"),
      apprOriginDt: "",
      apprIssuer: null,
      apprMonthly: "",
      apprNum: null,
      udItem: null,
      apprSign: "",
    };
    expect(await accepted(payload)).toMatchObject({
      appr_origin_dt: null,
      appr_issuer: null,
      appr_monthly: null,
      appr_num: null,
    });
  });

  it("counts a retried delivery instead of storing it twice", async () => {
    const payload = sample("approval.card");
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await send(endpoints.approval, payload)).toEqual({ status: 200, body: success });
    }
    const approvals = await storedApprovals();
    expect(approvals).toHaveLength(1);
    expect(approvals[0].delivery_count).toBe(3);
    expect((await deliveries()).map((delivery) => delivery.outcome)).toEqual(["accepted", "duplicate", "duplicate"]);
  });

  it("deduplicates approvals without an approval number too", async () => {
    const payload = { ...sample("approval.card"), apprNum: null };
    await send(endpoints.approval, payload);
    await send(endpoints.approval, payload);
    expect(await storedApprovals()).toHaveLength(1);
  });

  it("stores a cancellation of the same bill as its own row", async () => {
    await send(endpoints.approval, sample("approval.card"));
    await send(endpoints.approval, { ...sample("approval.card"), apprState: "C" });
    expect((await storedApprovals()).map((approval) => approval.appr_state)).toEqual(["F", "C"]);
  });

  it("gives one row and fifty 0000 answers for 50 identical deliveries at the same moment", async () => {
    const payload = sample("approval.card");
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(endpoints.approval, payload)));
    expect(answers.every((answer) => answer.status === 200 && answer.body.code === "0000")).toBe(true);

    const approvals = await storedApprovals();
    expect(approvals).toHaveLength(1);
    expect(approvals[0].delivery_count).toBe(50);
    const outcomes = (await deliveries()).map((delivery) => delivery.outcome);
    expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(49);
  });

  it("logs the delivery with its endpoint, subject, remote address and a masked apiKey", async () => {
    await send(endpoints.any, sample("approval.card"));
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      kind: "approval",
      endpoint: "/api/callbacks",
      outcome: "accepted",
      http_status: 200,
      subject: "2208112341A000000017",
      remote_addr: "203.0.113.7",
    });
    expect(delivery.raw_body).not.toContain("sandbox-0123456789abcdef0123456");
    expect(JSON.parse(delivery.raw_body)).toEqual({ ...sample("approval.card"), apiKey: "****3456" });
  });

  it("keeps the sender's address from the trusted source only, and at most 64 characters of it", async () => {
    const card = (billId: string) => ({ ...sample("approval.card"), billId });
    // A client's own X-Forwarded-For is not believed (TRUSTED_PROXY unset: the TCP peer is).
    await send(endpoints.approval, card("ADDR-1"), {
      headers: { "x-forwarded-for": `198.51.100.${"9".repeat(15_000)}` },
    });
    await send(endpoints.approval, card("ADDR-2"), { headers: { "x-payssam-peer-address": "a".repeat(65) } });
    await send(endpoints.approval, card("ADDR-3"), { headers: { "x-payssam-peer-address": "2001:db8::1" } });
    expect((await deliveries()).map((delivery) => delivery.remote_addr)).toEqual(["203.0.113.7", null, "2001:db8::1"]);
  });

  it("answers identically on all three endpoints, telling the kind by shape", async () => {
    const approvalAnswers = await Promise.all(
      [endpoints.any, endpoints.approval, endpoints.authMapping].map((endpoint, index) =>
        send(endpoint, { ...sample("approval.card"), billId: `SHAPE-${index}` }),
      ),
    );
    expect(approvalAnswers).toEqual([
      { status: 200, body: success },
      { status: 200, body: success },
      { status: 200, body: success },
    ]);
    expect(await storedApprovals()).toHaveLength(3);
    expect((await deliveries()).map((delivery) => delivery.kind)).toEqual(["approval", "approval", "approval"]);
  });

  it("stores hostile but valid text exactly as sent and never interprets it", async () => {
    const hostile = {
      sqlText: "'); DROP TABLE approvals; --",
      html: '"><img src=x onerror=alert(1)><script>alert("x")</script>',
      emoji: "결제 완료 🎉👍🏽 \u{1F600}",
      controls: "tab\there\r\nnew line\u0007bell\u001b[31m",
    };
    const payload = {
      ...sample("approval.card"),
      billId: "'; SELECT 1; --",
      apprCardType: hostile.html,
      apprIssuer: hostile.sqlText,
      apprAcquirerNm: hostile.emoji,
      apprResCd: hostile.controls,
      udItem: hostile,
    };
    expect(await accepted(payload)).toMatchObject({
      bill_id: "'; SELECT 1; --",
      appr_card_type: hostile.html,
      appr_issuer: hostile.sqlText,
      appr_acquirer_nm: hostile.emoji,
      appr_res_cd: hostile.controls,
      ud_item: hostile,
    });
    const [{ count }] = await database.query<{ count: string | number }>(sql`SELECT count(*) FROM approvals`);
    expect(Number(count)).toBe(1);
  });
});

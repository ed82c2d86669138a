import { createServer } from "node:http";
import postgres from "postgres";

// The bare baseline the benchmark compares the app's approval callback with (issue 5): a plain
// node:http server that reads the body, JSON.parse()s it and stores it with postgres.js in ONE
// statement, the same approval columns plus a callback_deliveries log row, with the same
// ON CONFLICT dedup as db/queries/record-callback.ts, then answers {"code":"0000"}. No
// validation, no token check, no apiKey masking, no logging, no framework: the floor that the
// app's real work is measured against.
//
// The one exception to "only db/index.ts creates database clients": the baseline must not pay
// for anything of the app's, its connection module included.
//
//   DATABASE_URL=postgres://... PORT=3500 tsx bench/baseline-server.ts

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const port = Number(process.env.PORT ?? 3500);
// The app's pool size (DATABASE_POOL_MAX, default 10), so both wait on the database alike.
const client = postgres(databaseUrl, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} });

const KST_OFFSET_MS = 9 * 3_600_000;
const kst = (value: unknown) => {
  const text = typeof value === "string" ? value : "";
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS).toISOString();
};
const textOrNull = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

const answer = JSON.stringify({ code: "0000" });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    const rawBody = Buffer.concat(chunks).toString("utf8");
    try {
      const a = JSON.parse(rawBody);
      await client`
        WITH approval AS (
          INSERT INTO approvals (
            bill_id, appr_state, appr_num, appr_origin_num, appr_pay_type, appr_card_type, appr_dt,
            appr_origin_dt, appr_price, appr_issuer, appr_issuer_cd, appr_issuer_num, appr_acquirer_cd,
            appr_acquirer_nm, appr_res_cd, appr_monthly, appr_cash_num, appr_cash_trader,
            appr_cash_issuance_number, appr_card_merchant_num, cat_id, ud_item, dsc_tx_num, card_type,
            appr_sign, payload_version
          ) VALUES (
            ${a.billId}, ${a.apprState}, ${textOrNull(a.apprNum)}, ${textOrNull(a.apprOriginNum)},
            ${textOrNull(a.apprPayType)}, ${textOrNull(a.apprCardType)}, ${kst(a.apprDt)}::timestamptz,
            ${kst(a.apprOriginDt)}::timestamptz, ${a.apprPrice}::bigint, ${textOrNull(a.apprIssuer)},
            ${textOrNull(a.apprIssuerCd)}, ${textOrNull(a.apprIssuerNum)}, ${textOrNull(a.apprAcquirerCd)},
            ${textOrNull(a.apprAcquirerNm)}, ${textOrNull(a.apprResCd)}, ${textOrNull(a.apprMonthly)}::smallint,
            ${textOrNull(a.apprCashNum)}, ${textOrNull(a.apprCashTrader)}, ${textOrNull(a.apprCashIssuanceNumber)},
            ${textOrNull(a.apprCardMerchantNum)}, ${textOrNull(a.catId)}, ${jsonOrNull(a.udItem)}::jsonb,
            ${textOrNull(a.dscTxNum)}, ${textOrNull(a.cardType)}, ${textOrNull(a.apprSign)}, 'v2'
          )
          ON CONFLICT ON CONSTRAINT approvals_bill_state_num_key DO UPDATE
            SET delivery_count = approvals.delivery_count + 1, last_received_at = now()
          RETURNING id, (xmax = 0) AS inserted
        )
        INSERT INTO callback_deliveries (kind, endpoint, raw_body, body_bytes, outcome, http_status, subject, approval_id)
        SELECT 'approval', '/baseline', ${rawBody}, ${Buffer.byteLength(rawBody)},
          (CASE WHEN approval.inserted THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome, 200, ${a.billId}, approval.id
        FROM approval`;
      response.writeHead(200, { "content-type": "application/json" }).end(answer);
    } catch (error) {
      response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ code: "5000" }));
      console.error((error as Error).message);
    }
  });
});

server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));

const stop = () => server.close(() => client.end({ timeout: 2 }).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

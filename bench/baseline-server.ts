import { createServer } from "node:http";
import { toSnakeCase } from "drizzle-orm/casing";
import postgres from "postgres";
import { approvalFieldList } from "../lib/payssam/approval";
import type { FieldRule } from "../lib/payssam/fields";

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
// postgres.js serializes a jsonb parameter itself.
const jsonOrNull = (value: unknown) => value ?? null;

// The columns and their values come from the approval's one field table (lib/payssam/approval.ts,
// plain data: nothing of the app runs per request), turned into a fixed statement once. The
// apiKey is left out: the app stores it masked, and masking is the app's work, not the floor's.
const parameterOf: Record<FieldRule["kind"], [cast: string, convert: (value: unknown) => unknown]> = {
  text: ["", textOrNull],
  secret: ["", textOrNull],
  code: ["", textOrNull],
  kstTime: ["::timestamptz", kst],
  won: ["::bigint", (value) => value],
  months: ["::smallint", textOrNull],
  yesNo: ["", textOrNull],
  json: ["::jsonb", jsonOrNull],
  object: ["::jsonb", jsonOrNull],
};
const storedFields = approvalFieldList.filter((field) => field.rule.kind !== "secret");
const columns = storedFields.map((field) => toSnakeCase(field.column));
const values = storedFields.map((field, index) => `$${index + 1}${parameterOf[field.rule.kind][0]}`);
const rawBodyParam = storedFields.length + 1;
const billIdParam = storedFields.findIndex((field) => field.key === "billId") + 1;
const statement = `
  WITH approval AS (
    INSERT INTO approvals (${columns.join(", ")}, payload_version)
    VALUES (${values.join(", ")}, 'v2')
    ON CONFLICT ON CONSTRAINT approvals_bill_state_num_key DO UPDATE
      SET delivery_count = approvals.delivery_count + 1, last_received_at = now()
    RETURNING id, (xmax = 0) AS inserted
  )
  INSERT INTO callback_deliveries (kind, endpoint, raw_body, body_bytes, outcome, http_status, subject, approval_id)
  SELECT 'approval', '/baseline', $${rawBodyParam}, $${rawBodyParam + 1}::integer,
    (CASE WHEN approval.inserted THEN 'accepted' ELSE 'duplicate' END)::delivery_outcome, 200, $${billIdParam}, approval.id
  FROM approval`;
const converters = storedFields.map((field) => [field.key, parameterOf[field.rule.kind][1]] as const);

const answer = JSON.stringify({ code: "0000" });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    const rawBody = Buffer.concat(chunks).toString("utf8");
    try {
      const approval = JSON.parse(rawBody);
      const params = converters.map(([key, convert]) => convert(approval[key]));
      params.push(rawBody, Buffer.byteLength(rawBody));
      await client.unsafe(statement, params as never[], { prepare: true });
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

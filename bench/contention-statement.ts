// Row-lock contention on approval_daily_totals in PostgreSQL alone: the receiver's own statement
// (recordApproval, as the app sends it) from 10 connections, the app's pool size, with every
// approval on one key (today, F, CARD_VAN) or spread over two years, and with the key's rows
// split over 16 slots (as stored) or 1 (the statement's slot expression rewritten), while another
// connection samples how many backends wait on a lock. It writes approvals: use a bench database.
//
//   node --conditions=react-server --import tsx bench/contention-statement.ts postgres://…/bench_db [per round]
import { PgDialect } from "drizzle-orm/pg-core";

import postgres from "postgres";
import type { Database } from "@/db";
import { recordApproval } from "@/db/queries/record-approval";
import { dailyTotalSlots } from "@/db/schema";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { approvalCallbackSchema } from "@/lib/payssam/approval";
import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";

const url = process.argv[2];
const perRound = Number(process.argv[3] ?? 2000);
const client = postgres(url, { onnotice: () => {}, max: 10, prepare: true });
const dialect = new PgDialect();
let captured: { sql: string; params: unknown[] } | undefined;
const recorder = {
  execute: async (q: never) => {
    captured = dialect.sqlToQuery(q);
    return [{ id: 0, outcome: "accepted", approval_id: 0 }];
  },
} as unknown as Database;
const random = createRandom(`contention-db-${Date.now()}`);
const apiKey = generateApiKey(random);
async function statements(hot: boolean, slots: number) {
  const out: { sql: string; params: unknown[] }[] = [];
  for (let i = 0; i < perRound; i++) {
    const payload = generateApproval(
      random,
      hot
        ? { apiKey, approvedAt: new Date(Date.now() - random.int(0, 60) * 1000), state: "F", payType: "CARD_VAN" }
        : { apiKey, approvedAt: new Date(Date.now() - random.int(0, 730 * 86400) * 1000) },
    );
    const approval = approvalCallbackSchema.parse(payload);
    const raw = JSON.stringify(payload);
    await recordApproval(
      recorder,
      {
        kind: "approval",
        endpoint: callbackEndpoint("approval").path,
        rawBody: raw,
        bodyBytes: raw.length,
        remoteAddr: null,
        apiKeyVerified: false,
        subject: approval.billId,
      },
      approval,
      { apiKeyMasked: null, payloadVersion: "v2" },
    );
    const statement = captured!.sql.replace(`approval.id % ${dailyTotalSlots}`, `approval.id % ${slots}`);
    if (slots !== dailyTotalSlots && statement === captured!.sql) throw new Error("The slot expression has changed");
    out.push({ sql: statement, params: captured!.params });
  }
  return out;
}
async function run(list: { sql: string; params: unknown[] }[]) {
  let next = 0;
  let waits = 0;
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    const s = postgres(url, { max: 1, onnotice: () => {} });
    while (running) {
      const [r] =
        await s`select count(*) filter (where wait_event_type = 'Lock')::int as w from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      waits += r.w;
      samples++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await s.end();
  })();
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < list.length) {
        const st = list[next++];
        await client.unsafe(st.sql, st.params as never[], { prepare: true });
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  running = false;
  await sampler;
  return { perSecond: Math.round(list.length / seconds), meanWaiters: Math.round((waits / samples) * 100) / 100 };
}
for (let round = 1; round <= 2; round++) {
  for (const slots of [1, 16]) {
    for (const hot of [true, false]) {
      const r = await run(await statements(hot, slots));
      console.log(
        `round ${round} slots ${String(slots).padStart(2)} ${hot ? "one key " : "spread  "} ${r.perSecond} statements/s, mean lock waiters ${r.meanWaiters}`,
      );
    }
  }
}
await client.end();

import postgres from "postgres";
import { statementParams } from "@/db";
import { approvalStatementValues, recordApprovalStatement } from "@/db/queries/record-approval";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { approvalCallbackSchema } from "@/lib/payssam/approval";
import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";

// Where PostgreSQL's share of a callback goes: the receiver's own statement (recordApprovalStatement,
// as the app sends it) run under EXPLAIN (ANALYZE, BUFFERS, WAL) for N new approvals, with the
// median planning and execution time, each foreign-key trigger's time and the WAL written.
// EXPLAIN ANALYZE executes the statement: point it at a benchmark database, not production.
//
//   node --conditions=react-server --import tsx bench/explain-callback.ts postgres://…/bench_db [runs]

interface ExplainJson {
  "Planning Time": number;
  "Execution Time": number;
  Triggers?: { "Trigger Name": string; "Constraint Name"?: string; Time: number }[];
  Plan: { "WAL Bytes"?: number; "WAL FPI"?: number; "Shared Read Blocks"?: number; "Shared Hit Blocks"?: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error("Usage: bench/explain-callback.ts <database url> [runs]");
  const runs = Number(process.argv[3] ?? 30);
  const client = postgres(url, { onnotice: () => {}, max: 1 });
  const random = createRandom(`explain-callback-${Date.now()}`);
  const apiKey = generateApiKey(random);
  const measured: {
    planning: number;
    execution: number;
    wal: number;
    fpi: number;
    read: number;
    triggers: Map<string, number>;
  }[] = [];
  for (let run = 0; run < runs; run++) {
    const payload = generateApproval(random, { apiKey, approvedAt: new Date(Date.now() - random.int(0, 3600) * 1000) });
    const approval = approvalCallbackSchema.parse(payload);
    const rawBody = JSON.stringify(payload);
    const params = statementParams(
      recordApprovalStatement,
      approvalStatementValues(
        {
          kind: "approval",
          endpoint: callbackEndpoint("approval").path,
          rawBody,
          bodyBytes: Buffer.byteLength(rawBody),
          remoteAddr: null,
          apiKeyVerified: false,
          subject: approval.billId,
        },
        approval,
        { apiKeyMasked: null, payloadVersion: "v2" },
      ),
    );
    const [row] = await client.unsafe(
      `EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) ${recordApprovalStatement.text}`,
      params as never[],
    );
    const [plan] = (row as unknown as { "QUERY PLAN": ExplainJson[] })["QUERY PLAN"];
    measured.push({
      planning: plan["Planning Time"],
      execution: plan["Execution Time"],
      wal: plan.Plan["WAL Bytes"] ?? 0,
      fpi: plan.Plan["WAL FPI"] ?? 0,
      read: plan.Plan["Shared Read Blocks"] ?? 0,
      triggers: new Map(
        (plan.Triggers ?? []).map((trigger) => [trigger["Constraint Name"] ?? trigger["Trigger Name"], trigger.Time]),
      ),
    });
  }
  await client.end();
  console.log(`${runs} new approvals, medians:`);
  console.log(`  planning ${median(measured.map((run) => run.planning))} ms (paid once per connection when prepared)`);
  console.log(`  execution ${median(measured.map((run) => run.execution))} ms`);
  for (const name of measured[0].triggers.keys()) {
    console.log(`  ${name}: ${median(measured.map((run) => run.triggers.get(name) ?? 0))} ms`);
  }
  console.log(
    `  WAL ${median(measured.map((run) => run.wal))} bytes, ${median(measured.map((run) => run.fpi))} full-page images; ` +
      `${median(measured.map((run) => run.read))} pages read from outside shared_buffers`,
  );
}

await main();

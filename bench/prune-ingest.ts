// `npx tsx bench/prune-ingest.ts --url http://127.0.0.1:PORT --token T`: what the retention job
// costs the callbacks. Sends approval callbacks one at a time (how PaySsam calls) to a running app
// for --baseline seconds, then runs `npm run db:prune` (DATABASE_URL: the app's database) and keeps
// sending until it ends. Prints the prune's output and the callbacks' latency in both phases.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { request } from "undici";
import { createRandom, generateApiKey, generateApproval } from "@/lib/simulator";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    baseline: { type: "string", default: "30" },
    "prune-args": { type: "string", default: "" },
  },
});
if (!values.url || !values.token || !process.env.DATABASE_URL) {
  console.error("usage: DATABASE_URL=… npx tsx bench/prune-ingest.ts --url http://127.0.0.1:PORT --token T");
  process.exit(2);
}
const endpoint = `${values.url}/api/callbacks/approval?token=${values.token}`;
const random = createRandom(`prune-ingest-${Date.now()}`);
const apiKey = generateApiKey(random);

async function sendOne(): Promise<number> {
  const body = JSON.stringify(generateApproval(random, { apiKey, approvedAt: new Date() }));
  const started = performance.now();
  const answer = await request(endpoint, { method: "POST", body, headers: { "content-type": "application/json" } });
  const text = await answer.body.text();
  const elapsed = performance.now() - started;
  if (answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}: ${text}`);
  return elapsed;
}

async function sendWhile(running: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (running()) latencies.push(await sendOne());
  return latencies;
}

function summary(latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
  return {
    callbacks: sorted.length,
    perSecond: Math.round((sorted.length / seconds) * 10) / 10,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: at(1),
  };
}

for (let warm = 0; warm < 50; warm++) await sendOne();
const baselineEnd = performance.now() + Number(values.baseline) * 1000;
const baselineStart = performance.now();
const baseline = await sendWhile(() => performance.now() < baselineEnd);
const baselineSeconds = (performance.now() - baselineStart) / 1000;

let pruning = true;
const pruneStart = performance.now();
const prune = spawn("npx", ["tsx", "scripts/db-prune.ts", ...values["prune-args"].split(" ").filter(Boolean)], {
  stdio: ["ignore", "inherit", "inherit"],
});
const pruneExit = new Promise<number | null>((resolve) =>
  prune.once("exit", (code) => {
    pruning = false;
    resolve(code);
  }),
);
const during = await sendWhile(() => pruning);
const exitCode = await pruneExit;
const pruneSeconds = (performance.now() - pruneStart) / 1000;

console.log(
  JSON.stringify(
    {
      pruneExitCode: exitCode,
      pruneSeconds: Math.round(pruneSeconds * 10) / 10,
      baseline: summary(baseline, baselineSeconds),
      duringPrune: summary(during, pruneSeconds),
    },
    null,
    2,
  ),
);

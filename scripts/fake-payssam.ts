// `npm run fake-payssam [-- --port 3261 --api-key KEY --unknown-as W]`: a stand-in for PaySsam's
// /bill/read (lib/fake-payssam) on 127.0.0.1, for local runs, the simulator and measurements. Point
// the app at it with PAYSSAM_API_BASE=http://127.0.0.1:<port>. Control it over HTTP (bodies checked
// by lib/fake-payssam/control.ts; `npm run simulate -- approval --fake-payssam URL` does this for you):
//   POST /control/bills {"billId","apprState":"F","apprPrice":12000,"apprNum":"…","apprDt":"<ISO>"} (or {"bills":[…]})
//   POST /control/mode  {"mode":"normal|error|http500|garbage|not_json|timeout","billId"?}
//   POST /control/reset,  GET /control/stats
import { startFakePayssam } from "@/lib/fake-payssam/server";
import { parseFlags, parseOrExplain, runScript, UsageError, wholeNumberFlag } from "./cli";

const usage = `Usage: npm run fake-payssam [-- --port 3261] [--api-key KEY] [--unknown-as not_found|W]

  --port N            port on 127.0.0.1 (default 3261)
  --api-key KEY       the only apiKey it accepts (default: any)
  --unknown-as W      a bill it was never told of reads as unpaid (W) instead of code 9980 (not found)
  -h, --help          this text`;

function parseCommand(argv: string[]) {
  const { values } = parseFlags(argv, { strings: ["port", "api-key", "unknown-as"] });
  if (values.help) return { help: true as const };
  const unknownAs = values["unknown-as"] ?? "not_found";
  if (unknownAs !== "not_found" && unknownAs !== "W") {
    throw new UsageError(`--unknown-as must be not_found or W, got "${unknownAs}".`);
  }
  return {
    help: false as const,
    port: wholeNumberFlag("--port", values.port, { min: 1, max: 65_535 }) ?? 3261,
    apiKey: values["api-key"],
    unknownAs: unknownAs as "not_found" | "W",
  };
}

async function main(): Promise<number> {
  const parsed = parseOrExplain(() => parseCommand(process.argv.slice(2)), usage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { port, apiKey, unknownAs } = parsed.command;
  const running = await startFakePayssam({ port, apiKey, unknownAs });
  console.log(`fake PaySsam at ${running.url} (POST /bill/read; /control/* to steer it)`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  await running.close();
  return 0;
}

await runScript(main);

// `npm run fake-payssam [-- --port 3261 --api-key KEY --unknown-as W]`: a stand-in for PaySsam's
// /bill/read (lib/fake-payssam) on 127.0.0.1, for local runs and measurements. Point the app at it
// with PAYSSAM_API_BASE=http://127.0.0.1:<port>. Control it over HTTP:
//   POST /control/bills {"billId","apprState":"F","apprPrice":12000,"apprNum":"…","apprDt":"<ISO>"} (or {"bills":[…]})
//   POST /control/mode  {"mode":"normal|error|http500|garbage|not_json|timeout","billId"?}
//   POST /control/reset,  GET /control/stats
import { parseArgs } from "node:util";
import { startFakePayssam } from "@/lib/fake-payssam/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3261" },
    "api-key": { type: "string" },
    "unknown-as": { type: "string", default: "not_found" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error("--port must be a port number");
  process.exit(2);
}
if (values["unknown-as"] !== "not_found" && values["unknown-as"] !== "W") {
  console.error("--unknown-as must be not_found or W");
  process.exit(2);
}
const running = await startFakePayssam({
  port,
  apiKey: values["api-key"],
  unknownAs: values["unknown-as"] as "not_found" | "W",
});
console.log(`fake PaySsam at ${running.url} (POST /bill/read; /control/* to steer it)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    running.close().then(() => process.exit(0));
  });
}

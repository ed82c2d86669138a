// `npm run reconcile`: one reconciliation pass against PaySsam (PAYSSAM_API_BASE, PAYSSAM_API_KEY), by
// hand or from a scheduler that is not Vercel Cron. Prints the pass's counts as JSON. Against the
// embedded database, stop the app first (only one process may open it).
import { reconcileNow } from "@/lib/reconcile/configured";
import { runScript, withScriptDatabase } from "./cli";

async function main(): Promise<number> {
  return withScriptDatabase({ migrate: false, poolMax: 2 }, async (handle) => {
    const outcome = await reconcileNow({ db: handle.db });
    console.log(JSON.stringify(outcome, null, 2));
    return outcome.status === "ok" || outcome.status === "off" ? 0 : 1;
  });
}

await runScript(main, { exit: true });

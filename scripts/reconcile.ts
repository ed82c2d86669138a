// `npm run reconcile`: one reconciliation pass against PaySsam (PAYSSAM_API_BASE, PAYSSAM_API_KEY), by
// hand or from a scheduler that is not Vercel Cron. Prints the pass's counts as JSON. Against the
// embedded database, stop the app first (only one process may open it).
import { openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { env } from "@/lib/env";
import { reconcileNow } from "@/lib/reconcile/configured";

async function main(): Promise<number> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase(
      DATABASE_URL ? { url: DATABASE_URL, migrate: false, poolMax: 2 } : { pgliteDir: PGLITE_DIR, migrate: true },
    );
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    const outcome = await reconcileNow({ db: handle.db });
    console.log(JSON.stringify(outcome, null, 2));
    return outcome.status === "ok" || outcome.status === "off" ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

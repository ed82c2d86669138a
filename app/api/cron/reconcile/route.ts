// The partner's scheduler or Vercel Cron calls this with `Authorization: Bearer <CRON_SECRET>`: runs
// one reconciliation pass against PaySsam (lib/reconcile/) before answering JSON counts per status.
import { runCronJob } from "@/lib/cron/job";
import { reconcileNow } from "@/lib/reconcile/configured";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A pass reads at PaySsam's rate: give it the longest a Vercel function may run.
export const maxDuration = 300;

function reconcile(request: Request): Promise<Response> {
  return runCronJob(request, "reconcile", async () => {
    const outcome = await reconcileNow();
    if (outcome.status === "off") {
      return { answer: outcome, log: { message: outcome.message, fields: { status: "off" } } };
    }
    // 409: another pass holds the job (the schedule, an earlier cron still reading).
    return {
      answer: outcome,
      status: outcome.status === "busy" ? 409 : 200,
      log: { message: "reconciliation pass", fields: { ...outcome } },
    };
  });
}

export const POST = reconcile;
// Vercel Cron sends GET.
export const GET = reconcile;

// The partner's scheduler or Vercel Cron calls this with `Authorization: Bearer <CRON_SECRET>`: runs
// one reconciliation pass against PaySsam (lib/reconcile/) before answering JSON counts per status.
import { refuseUnlessCron } from "@/lib/cron/authorize";
import { logger } from "@/lib/logger";
import { reconcileNow } from "@/lib/reconcile/configured";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A pass reads at PaySsam's rate: give it the longest a Vercel function may run.
export const maxDuration = 300;

async function reconcile(request: Request): Promise<Response> {
  const refused = refuseUnlessCron(request);
  if (refused) {
    logger.warn({ event: "cron", job: "reconcile", status: refused.status }, "cron request refused");
    return refused;
  }
  const outcome = await reconcileNow();
  const headers = { "cache-control": "no-store" };
  if (outcome.status === "off") {
    logger.info({ event: "cron", job: "reconcile", status: "off" }, outcome.message);
    return Response.json(outcome, { headers });
  }
  logger.info({ event: "cron", job: "reconcile", ...outcome }, "reconciliation pass");
  // 409: another pass holds the job (the schedule, an earlier cron still reading).
  return Response.json(outcome, { status: outcome.status === "busy" ? 409 : 200, headers });
}

export const POST = reconcile;
// Vercel Cron sends GET.
export const GET = reconcile;

// Vercel Cron calls this every 5 minutes (vercel.json) with `Authorization: Bearer <CRON_SECRET>`:
// queues the deadline and digest alerts and posts every alert that is due (lib/alerts/).
import { sweepAlerts } from "@/lib/alerts/run";
import { refuseUnlessCron } from "@/lib/cron/authorize";
import { logger } from "@/lib/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = refuseUnlessCron(request);
  if (refused) {
    logger.warn({ event: "cron", job: "alerts", status: refused.status }, "cron request refused");
    return refused;
  }
  const started = Date.now();
  const report = await sweepAlerts(new Date(started));
  const durationMs = Date.now() - started;
  const headers = { "cache-control": "no-store" };
  if (report === null) {
    return Response.json({ status: "off", message: "ALERT_WEBHOOK_URL is not set: no alerts are sent." }, { headers });
  }
  logger.info({ event: "cron", job: "alerts", ...report, durationMs }, "alerts swept");
  return Response.json({ status: "ok", ...report, durationMs }, { headers });
}

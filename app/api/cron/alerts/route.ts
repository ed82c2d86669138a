// Vercel Cron calls this every 5 minutes (vercel.json) with `Authorization: Bearer <CRON_SECRET>`:
// queues the deadline and digest alerts and posts every alert that is due (lib/alerts/).
import { sweepAlerts } from "@/lib/alerts/run";
import { runCronJob } from "@/lib/cron/job";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return runCronJob(request, "alerts", async (started) => {
    const report = await sweepAlerts(started);
    if (report === null) {
      return { answer: { status: "off", message: "ALERT_WEBHOOK_URL is not set: no alerts are sent." } };
    }
    const fields = { ...report, durationMs: Date.now() - started.getTime() };
    return { answer: { status: "ok", ...fields }, log: { message: "alerts swept", fields } };
  });
}

import { secretsEqual } from "@/lib/callbacks/secrets";
import { env } from "@/lib/env";

// Scheduled jobs (Vercel Cron) send `Authorization: Bearer <CRON_SECRET>`. The check is never
// skipped: with no CRON_SECRET configured the job refuses to run rather than run for anyone.

const noStore = { "cache-control": "no-store" };

/** Null when the request may run the job; otherwise the answer to send. */
export function refuseUnlessCron(request: Request): Response | null {
  const secret = env().CRON_SECRET;
  if (!secret) {
    return Response.json(
      {
        status: "not_configured",
        message: "CRON_SECRET is not set: scheduled jobs refuse to run until it is (Settings → Environment Variables).",
      },
      { status: 503, headers: noStore },
    );
  }
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!secretsEqual(given, secret)) {
    return Response.json(
      { status: "unauthorized", message: "Authorization: Bearer <CRON_SECRET> is required." },
      { status: 401, headers: { ...noStore, "www-authenticate": "Bearer" } },
    );
  }
  return null;
}

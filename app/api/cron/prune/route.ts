// Vercel Cron calls this daily (vercel.json) with `Authorization: Bearer <CRON_SECRET>`: applies the
// callback log's retention (db/queries/retention.ts) within this function's time limit.
import { getDb } from "@/db";
import { applyRetention } from "@/db/queries/retention";
import { refuseUnlessCron } from "@/lib/cron/authorize";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// vercel.json gives the cron routes 300 s; no new batch starts after 240 s, so the last one ends in time.
const timeBudgetMs = 240_000;
const batchSize = 2_000;

export async function GET(request: Request): Promise<Response> {
  const refused = refuseUnlessCron(request);
  if (refused) {
    logger.warn({ event: "cron", job: "prune", status: refused.status }, "cron request refused");
    return refused;
  }
  const started = Date.now();
  const result = await applyRetention(await getDb(), {
    now: new Date(started),
    retentionDays: env().RETENTION_DAYS,
    batchSize,
    deadline: new Date(started + timeBudgetMs),
  });
  const durationMs = Date.now() - started;
  logger.info({ event: "cron", job: "prune", ...result, durationMs }, "retention applied");
  return Response.json({ status: "ok", ...result, durationMs }, { headers: { "cache-control": "no-store" } });
}

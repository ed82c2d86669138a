// Vercel Cron calls this daily (vercel.json) with `Authorization: Bearer <CRON_SECRET>`: applies the
// callback log's retention (db/queries/retention.ts) within this function's time limit.
import { getDb } from "@/db";
import { applyRetention } from "@/db/queries/retention";
import { runCronJob } from "@/lib/cron/job";
import { env } from "@/lib/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// vercel.json gives the cron routes 300 s; no new batch starts after 240 s, so the last one ends in time.
const timeBudgetMs = 240_000;
const batchSize = 2_000;

export function GET(request: Request): Promise<Response> {
  return runCronJob(request, "prune", async (started) => {
    const result = await applyRetention(await getDb(), {
      now: started,
      retentionDays: env().RETENTION_DAYS,
      batchSize,
      deadline: new Date(started.getTime() + timeBudgetMs),
    });
    const fields = { ...result, durationMs: Date.now() - started.getTime() };
    return { answer: { status: "ok", ...fields }, log: { message: "retention applied", fields } };
  });
}

import { logger } from "@/lib/logger";
import { refuseUnlessCron } from "./authorize";

/** What a job did: the JSON answer, its HTTP status (200 unless said) and its log line, if any. */
export interface CronOutcome {
  answer: object;
  status?: number;
  log?: { message: string; fields: Record<string, unknown> };
}

/**
 * Every scheduled route's shape: a request without the secret is refused (and logged), the job
 * runs from the time it started, and its answer is JSON no cache keeps.
 */
export async function runCronJob(
  request: Request,
  job: string,
  work: (started: Date) => Promise<CronOutcome>,
): Promise<Response> {
  const refused = refuseUnlessCron(request);
  if (refused) {
    logger.warn({ event: "cron", job, status: refused.status }, "cron request refused");
    return refused;
  }
  const outcome = await work(new Date());
  if (outcome.log) logger.info({ event: "cron", job, ...outcome.log.fields }, outcome.log.message);
  return Response.json(outcome.answer, { status: outcome.status ?? 200, headers: { "cache-control": "no-store" } });
}

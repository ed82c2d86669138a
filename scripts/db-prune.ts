// `npm run db:prune [-- --dry-run]`: the callback log's retention, by hand or from a scheduler that
// is not Vercel Cron (which calls /api/cron/prune instead). See scripts/prune/command.ts for options.
import {
  alertRetentionDays,
  applyRetention,
  previewRetention,
  unauthenticatedRetentionDays,
} from "@/db/queries/retention";
import { env } from "@/lib/env";
import { parseOrExplain, runScript, withScriptDatabase } from "./cli";
import { parsePruneCommand, pruneUsage } from "./prune/command";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const count = (value: number) => value.toLocaleString("en-US");

async function main(): Promise<number> {
  const parsed = parseOrExplain(() => parsePruneCommand(process.argv.slice(2)), pruneUsage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { command } = parsed;
  const { RETENTION_DAYS } = env();
  return withScriptDatabase({ migrate: false, poolMax: 1 }, async (handle) => {
    const now = new Date();
    const policy = `unauthenticated: ${unauthenticatedRetentionDays} days; bodies of accepted/duplicate deliveries: ${RETENTION_DAYS} days (RETENTION_DAYS); sent or failed alerts: ${alertRetentionDays} days`;
    if (command.dryRun) {
      const preview = await previewRetention(handle.db, { now, retentionDays: RETENTION_DAYS });
      console.log(`Dry run, nothing changed (${policy}). A run now would:
  delete ${count(preview.unauthorizedDeliveries)} unauthenticated deliveries
  drop the body of ${count(preview.bodiesDropped)} deliveries (${megabytes(preview.bodyBytesDropped)} as received)
  delete ${count(preview.counterMinutes)} per-minute counters of unauthenticated requests
  delete ${count(preview.alerts)} sent or failed alerts`);
      return 0;
    }
    const started = performance.now();
    const result = await applyRetention(handle.db, {
      now,
      retentionDays: RETENTION_DAYS,
      batchSize: command.batchSize,
      deadline: new Date(command.maxSeconds === null ? 8.64e15 : now.getTime() + command.maxSeconds * 1000),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Retention applied in ${seconds} s, ${count(result.batches)} batches of up to ${count(command.batchSize)} (${policy}):
  deleted ${count(result.unauthorizedDeliveries)} unauthenticated deliveries
  dropped the body of ${count(result.bodiesDropped)} deliveries (${megabytes(result.bodyBytesDropped)} as received)
  deleted ${count(result.counterMinutes)} per-minute counters of unauthenticated requests
  deleted ${count(result.alerts)} sent or failed alerts`);
    if (!result.complete) console.log(`Stopped after --max-seconds ${command.maxSeconds}: run it again to finish.`);
    return 0;
  });
}

await runScript(main);

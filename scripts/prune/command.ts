// The arguments of `npm run db:prune`, parsed apart from running it (tests feed it any argv).
import { parseFlags, UsageError, wholeNumberFlag } from "../cli";

export const pruneUsage = `Usage:
  npm run db:prune [-- --dry-run] [--batch-size N] [--max-seconds S]

Applies the callback log's retention to DATABASE_URL (or the embedded database in PGLITE_DIR when
that is unset; stop the app first):
  - deletes unauthenticated deliveries (outcome unauthorized) older than 30 days,
  - drops the raw body of accepted and duplicate deliveries older than RETENTION_DAYS (default 180),
    keeping the row and its outcome,
  - deletes per-minute counters of unauthenticated requests older than 30 days,
  - deletes alerts sent or given up on more than 90 days ago (never a pending one).
Approvals, merchants, their status history and the audit log are never deleted.

Options:
  --dry-run         print what would be deleted and dropped, change nothing
  --batch-size N    rows per statement, 100–50000 (default 2000): each batch is one short statement
  --max-seconds S   stop starting new batches after S seconds (default: run until done); run again to finish`;

export interface PruneCommand {
  help: false;
  dryRun: boolean;
  batchSize: number;
  maxSeconds: number | null;
}

export function parsePruneCommand(argv: string[]): PruneCommand | { help: true } {
  const { values, positionals } = parseFlags(argv, {
    strings: ["batch-size", "max-seconds"],
    booleans: ["dry-run"],
    positionals: true,
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  return {
    help: false,
    dryRun: values["dry-run"] ?? false,
    batchSize: wholeNumberFlag("--batch-size", values["batch-size"], { min: 100, max: 50_000 }) ?? 2_000,
    maxSeconds: wholeNumberFlag("--max-seconds", values["max-seconds"], { min: 1, max: 86_400 }) ?? null,
  };
}

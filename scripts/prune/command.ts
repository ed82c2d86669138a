// The arguments of `npm run db:prune`, parsed apart from running it (tests feed it any argv).
import { parseArgs } from "node:util";
import { UsageError } from "../cli";

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

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return Number(value);
}

export function parsePruneCommand(argv: string[]): PruneCommand | { help: true } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      "dry-run": { type: "boolean" },
      "batch-size": { type: "string" },
      "max-seconds": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  return {
    help: false,
    dryRun: values["dry-run"] ?? false,
    batchSize: wholeNumber("--batch-size", values["batch-size"], 100, 50_000) ?? 2_000,
    maxSeconds: wholeNumber("--max-seconds", values["max-seconds"], 1, 86_400) ?? null,
  };
}

import type { DatabaseLockedError } from "@/db/pglite-lock";
import { env } from "@/lib/env";
import { parseFlags, parseOrExplain, UsageError, wholeNumberFlag, withScriptDatabase } from "../cli";
import { seedBulkBills } from "./bills";
import { type BulkSeedOptions, bulkDefaults, seedBulk } from "./bulk";
import { restoreDeferredIndexes } from "./deferred-indexes";
import { seedProgress } from "./progress";

// `npm run db:seed -- --approvals N --merchants M`: the bulk seed's command line.

export const bulkUsage = `Bulk mode (scale tests): written straight into the tables with COPY, not through the receiver
  npm run db:seed -- --approvals 1000000 --merchants 100000 [--seed S] [--years 2] [--threads N]
  npm run db:seed -- --restore-indexes     rebuild the indexes an interrupted bulk seed left deferred
  --bills N        also register a bill (already reconciled) for up to N of the seeded approvals
  --open-bills N   and N more bills due for a reconciliation read (to measure a pass)
  Defaults: ${bulkDefaults.postgres.approvals} approvals and ${bulkDefaults.postgres.merchants} merchants on PostgreSQL, ${bulkDefaults.pglite.approvals} and ${bulkDefaults.pglite.merchants} on the embedded database.
  Into empty tables the indexes and foreign keys are built after the load (faster); an interrupted
  seed leaves them to the next seed or to --restore-indexes.`;

/** Whether a db:seed command line asks for bulk mode. */
export function isBulkSeed(argv: readonly string[]): boolean {
  return argv.some((arg) => /^--(approvals|merchants|restore-indexes|bills|open-bills)(=|$)/.test(arg));
}

const count = (value: string | undefined, flag: string) => wholeNumberFlag(flag, value, { grouped: true });

/** The bulk seed's options from a command line, or a usage error. */
export function parseBulkArgs(
  argv: string[],
  defaults: { approvals: number; merchants: number },
): { help: boolean; options: BulkSeedOptions; restoreOnly: boolean; bills: { bills: number; openBills: number } } {
  const { values } = parseFlags(argv, {
    strings: ["approvals", "merchants", "seed", "years", "threads", "bills", "open-bills"],
    booleans: ["restore-indexes"],
  });
  const threads = count(values.threads, "--threads");
  if (threads === 0) throw new UsageError("--threads must be at least 1.");
  const options: BulkSeedOptions = {
    approvals: count(values.approvals, "--approvals") ?? defaults.approvals,
    merchants: count(values.merchants, "--merchants") ?? defaults.merchants,
    seed: values.seed,
    years: count(values.years, "--years"),
    threads,
    progress: true,
  };
  if (options.years === 0) throw new UsageError("--years must be at least 1.");
  if (options.approvals > 0 && options.merchants === 0) {
    throw new UsageError("Approvals are billed by live merchants: --merchants must be at least 1.");
  }
  const bills = {
    bills: count(values.bills, "--bills") ?? 0,
    openBills: count(values["open-bills"], "--open-bills") ?? 0,
  };
  return { help: values.help ?? false, options, restoreOnly: values["restore-indexes"] ?? false, bills };
}

/** `npm run db:seed -- --approvals N --merchants M`: exit code. */
export async function runBulkSeed(argv: string[]): Promise<number> {
  const { DATABASE_URL } = env();
  const parsed = parseOrExplain(
    () => parseBulkArgs(argv, DATABASE_URL ? bulkDefaults.postgres : bulkDefaults.pglite),
    bulkUsage,
  );
  if ("exitCode" in parsed) return parsed.exitCode;
  const { options, restoreOnly, bills } = parsed.command;
  const locked = (error: DatabaseLockedError, target: string) =>
    `The app is running on ${target} (PID ${error.ownerPid}), and PGlite cannot be shared: stop it first.`;
  return withScriptDatabase({ migrate: true, poolMax: 6, locked }, async (handle, target) => {
    if (restoreOnly) {
      const progress = seedProgress(true);
      const restored = await restoreDeferredIndexes(handle, (label) => progress.step(`restoring ${label}`));
      progress.stop();
      console.log(restored > 0 ? `Restored ${restored} indexes and constraints.` : "Nothing to restore.");
      return 0;
    }
    console.log(`Bulk seeding ${target}: ${options.approvals} approvals, ${options.merchants} merchants`);
    const summary = await seedBulk(handle, options);
    console.log(
      `Seeded ${summary.merchants} merchants (${summary.statusChanges} status changes), ${summary.approvals} approvals, ` +
        `${summary.deliveries} callback deliveries (${summary.refusedDeliveries} refused) in ${summary.seconds} s ` +
        `(${Object.entries(summary.phases)
          .map(([phase, seconds]) => `${phase} ${seconds} s`)
          .join(", ")}${summary.deferredIndexes ? "; indexes built after the load" : ""})`,
    );
    if (bills.bills + bills.openBills > 0) {
      const seeded = await seedBulkBills(handle, bills);
      console.log(
        `Registered ${seeded.bills} reconciled bills and ${seeded.openBills} open bills in ${seeded.seconds} s`,
      );
    }
    return 0;
  });
}

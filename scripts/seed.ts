// `npm run db:seed -- --demo`: fills an empty database with a believable history by sending it
// PaySsam callbacks through the receiver's own code path (in-process, or --url to a running app).
import { env } from "@/lib/env";
import { seedDemoReconciliation } from "@/lib/reconcile/demo";
import {
  createRandom,
  type DeliverySequence,
  demoDefaults,
  formatSummary,
  generateApiKey,
  runSequences,
  summarize,
} from "@/lib/simulator";
import { demoSequences } from "@/lib/simulator/demo-seed";
import { AppNotRunningError } from "@/lib/simulator/http";
import { parseFlags, parseOrExplain, runScript, UsageError } from "./cli";
import { bulkUsage, isBulkSeed, runBulkSeed } from "./seed/bulk-cli";
import { openDatabaseSink, openHttpSink, type SeedSink, SeedSinkError } from "./seed/sinks";

const usage = `Usage:
  npm run db:seed -- --demo [--url http://localhost:3000] [--force] [--seed S]

Modes:
  --demo        ${demoDefaults.merchants} merchants across every review status with their timelines, ${demoDefaults.approvals} approvals
                over the last ${demoDefaults.days} days (retries, cancellations, v1 senders), and refused deliveries
                that PaySsam retried hourly; backdated to their planned times (not with --url: HTTP
                deliveries are stored as received now)

Options:
  --url URL     send through a running app instead of opening the database (needed while the app
                runs on the embedded database); ?token= or CALLBACK_TOKEN supplies the token
  --force       seed even though the database already holds approvals or merchants
  --seed S      another seed gives other data (default: the same demo every time)

Without --url the database is DATABASE_URL, or the embedded one in PGLITE_DIR when that is unset.

${bulkUsage}`;

function parseCommand(argv: string[]) {
  const { values, positionals } = parseFlags(argv, {
    strings: ["url", "seed"],
    booleans: ["demo", "force"],
    positionals: true,
  });
  if (values.help) return { help: true as const };
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (!values.demo) throw new UsageError("Choose what to seed: --demo.");
  let url: URL | undefined;
  if (values.url !== undefined) {
    try {
      url = new URL(values.url);
    } catch {
      throw new UsageError(`--url must be the app's address, e.g. http://localhost:3000, got "${values.url}".`);
    }
  }
  return {
    help: false as const,
    mode: "demo" as const,
    url,
    force: values.force ?? false,
    seed: values.seed ?? "payssam-demo",
  };
}

type SeedCommand = Exclude<ReturnType<typeof parseCommand>, { help: true }>;

function planFor(command: SeedCommand, checksToken: boolean): DeliverySequence[] {
  return demoSequences({
    seed: command.seed,
    now: new Date(),
    apiKey: env().PAYSSAM_API_KEYS[0] ?? generateApiKey(createRandom(command.seed)),
    checksToken,
  });
}

async function seed(command: SeedCommand, sink: SeedSink): Promise<number> {
  const existing = await sink.existingRows();
  if (existing && (existing.approvals > 0 || existing.merchants > 0) && !command.force) {
    console.error(
      `The database already holds ${existing.approvals} approvals and ${existing.merchants} merchants; the demo data is meant for an empty one.\n` +
        "Run it against an empty database, or add --force to add the demo data anyway.",
    );
    return 1;
  }
  if (!existing) {
    console.log("Seeding through the app: it cannot check here that the database is empty.");
  }
  const sequences = planFor(command, sink.checksToken);
  const merchants = sequences.filter(
    (sequence) => sequence[0].endpoint === "auth-mapping" && sequence[0].expected === "accepted",
  ).length;
  console.log(`Sending ${sequences.flat().length} callbacks to ${sink.description}…`);
  const result = await runSequences(sequences, { concurrency: sink.concurrency, send: sink.send });
  const summary = summarize(result);
  const approvals = sequences.filter(
    (sequence) => sequence[0].endpoint === "approval" && sequence[0].expected === "accepted",
  ).length;
  const refusedDeliveries = sequences.flat().filter((delivery) => delivery.expected === "rejected").length;
  const refusedEpisodes = sequences.filter((sequence) => sequence[0].expected === "rejected").length;
  console.log(formatSummary(summary, "Demo data"));
  console.log(
    `  ${merchants} merchants, ${approvals} approvals with their retries and cancellations, ${refusedEpisodes} refused deliveries retried hourly by PaySsam (${refusedDeliveries} attempts)`,
  );
  if (summary.unexpected > 0) {
    console.error("Some callbacks were not answered as expected: see the answers above and the app's log.");
    return 1;
  }
  if (sink.db) {
    const reconciliation = await seedDemoReconciliation(sink.db, { now: new Date() });
    console.log(
      `  ${reconciliation.bills} bills registered and reconciled against a fake PaySsam: ${JSON.stringify(reconciliation.pass.statuses)}`,
    );
  } else console.log("  Bills are registered only when seeding the database directly (without --url).");
  return 0;
}

async function main(): Promise<number> {
  // Bulk mode for scale tests skips the receiver (COPY straight into the tables): seed/bulk.ts.
  if (isBulkSeed(process.argv.slice(2))) return runBulkSeed(process.argv.slice(2));
  const parsed = parseOrExplain(() => parseCommand(process.argv.slice(2)), usage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { command } = parsed;
  const sink = command.url ? openHttpSink(command.url) : await openDatabaseSink();
  try {
    return await seed(command, sink);
  } finally {
    await sink.close();
  }
}

await runScript(main, { expected: [AppNotRunningError, SeedSinkError] });

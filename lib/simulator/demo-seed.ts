import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { recordStaffAction } from "@/db/queries/audit-log";
import { seedDemoReconciliation } from "@/lib/reconcile/demo";
import { demoDefaults, demoPlan } from "./demo";
import { inProcessSender } from "./in-process";
import type { DeliverySequence } from "./plan";
import { countExpected } from "./plan";
import { createRandom } from "./random";
import { runSequences, summarize } from "./run";

// The demo history for an empty database: planned once (lib/simulator/demo.ts), then either sent
// by `npm run db:seed -- --demo`, or seeded from the dashboard's 데모 데이터 넣기 by seedDemo().

export interface DemoSequenceOptions {
  seed: string;
  now: Date;
  apiKey: string;
  /** Without a token every token is accepted, so a "wrong token" delivery would be stored as valid. */
  checksToken: boolean;
  /** Smaller demos for tests; the demo's own size by default. */
  size?: { merchants: number; approvals: number };
}

export function demoSequences(options: DemoSequenceOptions): DeliverySequence[] {
  const sequences = demoPlan(createRandom(options.seed), {
    merchants: options.size?.merchants ?? demoDefaults.merchants,
    approvals: options.size?.approvals ?? demoDefaults.approvals,
    apiKey: options.apiKey,
    now: options.now,
  });
  return options.checksToken
    ? sequences
    : sequences.filter((sequence) => !sequence.some((delivery) => delivery.wrongToken));
}

export class DemoSeedError extends Error {}

export type DemoSeedResult =
  | { status: "seeded"; deliveries: number; merchants: number; approvals: number; seconds: number }
  | { status: "not-empty" };

// Two admins clicking at once, or one clicking twice, must seed once: the check for an empty
// database and the whole seed share one transaction, behind a transaction-scoped advisory lock
// (PGlite runs one transaction at a time anyway). A failure rolls everything back.
const demoSeedLock = 0x5041_5953; // "PAYS"

export async function seedDemo(
  db: Database,
  options: DemoSequenceOptions & {
    callbackToken: string | null;
    actor: { id: string; email: string };
    clientAddr: string | null;
  },
): Promise<DemoSeedResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    const handle = tx as unknown as Database;
    await tx.execute(sql`select pg_advisory_xact_lock(${demoSeedLock})`);
    const [existing] = rowsOf<{ used: boolean }>(
      await tx.execute(sql`select exists (select 1 from merchants) or exists (select 1 from approvals) as used`),
    );
    if (existing.used) return { status: "not-empty" };
    const sequences = demoSequences(options);
    const result = await runSequences(sequences, {
      concurrency: 1,
      send: inProcessSender(async () => handle, options.callbackToken),
    });
    const summary = summarize(result);
    if (summary.unexpected > 0) {
      throw new DemoSeedError(
        `데모 데이터 중 ${summary.unexpected}건이 예상과 다르게 처리되어 모두 되돌렸습니다: ${JSON.stringify(summary.otherAnswers)}`,
      );
    }
    const expected = countExpected(sequences);
    const merchants = sequences.filter(
      (sequence) => sequence[0].endpoint === "auth-mapping" && sequence[0].expected === "accepted",
    ).length;
    const [stored] = rowsOf<{ approvals: number }>(
      await tx.execute(sql`select count(*)::int as approvals from approvals`),
    );
    // The partner's bills for these approvals, and a reconciliation pass against a fake PaySsam.
    const reconciliation = await seedDemoReconciliation(handle, { now: options.now });
    await recordStaffAction(handle, {
      action: "demo_data_seeded",
      actor: options.actor,
      target: "demo",
      clientAddr: options.clientAddr,
      details: {
        seed: options.seed,
        deliveries: expected.deliveries,
        merchants,
        approvals: stored.approvals,
        bills: reconciliation.bills,
      },
    });
    return {
      status: "seeded",
      deliveries: expected.deliveries,
      merchants,
      approvals: stored.approvals,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  });
}

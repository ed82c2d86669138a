// `npm run simulate -- approval|auth-mapping …`: sends PaySsam-shaped callbacks to an app, local or
// deployed, and sums up the answers; optionally registers the run's bills with the app, tells a fake
// PaySsam what it holds, withholds some callbacks and runs a reconciliation pass. Exit 0 when every
// answer was 0000 (and every bill accepted), 1 otherwise, 2 on bad flags.
import { SingleBar } from "cli-progress";
import type { ReconciliationStatus } from "@/db/bills-schema";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { env } from "@/lib/env";
import type { PassReport } from "@/lib/reconcile/run";
import { reconciliationStatusLabels } from "@/lib/reconcile/statuses";
import {
  approvalRun,
  authMappingRun,
  type CallbackEndpoint,
  createRandom,
  type DeliverySequence,
  formatSummary,
  generateApiKey,
  generateMerchant,
  type RunResult,
  runSequences,
  summarize,
} from "@/lib/simulator";
import { type BillsPlan, billsPlan } from "@/lib/simulator/bills";
import { AppNotRunningError, createHttpSender, displayUrl } from "@/lib/simulator/http";
import { localCallbackToken } from "@/lib/simulator/local-token";
import {
  type ReconcileAnswer,
  type RegisterOutcome,
  reconcileOverHttp,
  registerBills,
  SimulatorSetupError,
  tellFakePayssam,
} from "@/lib/simulator/partner-http";
import { parseOrExplain, runScript } from "./cli";
import { parseSimulateArgs, type SimulateCommand, simulateUsage } from "./simulate/args";

function defaultUrl(endpoint: CallbackEndpoint): URL {
  const url = new URL(callbackEndpoint(endpoint).path, "http://localhost:3000");
  // The first of CALLBACK_TOKEN's entries is the current one (the others are being rotated out).
  const token = env().CALLBACK_TOKEN[0] ?? localCallbackToken();
  if (token) url.searchParams.set("token", token);
  return url;
}

interface Plan {
  /** What is sent, in this order of sequences. */
  sequences: DeliverySequence[];
  /** The run's approvals (sequences holds them, less the withheld, after the billers' callbacks). */
  approvals: number;
  bills?: BillsPlan;
}

function plan(command: SimulateCommand): Plan {
  const random = createRandom(command.seed);
  if (command.endpoint === "auth-mapping") {
    const sequences = authMappingRun(random, { count: command.count, status: command.status });
    return { sequences, approvals: 0 };
  }
  const withBills = command.register || command.fakePayssam !== null;
  // The billers come from their own stream, so a run without bills sends what it always sent.
  const billersRandom = createRandom(`${command.seed}:billers`);
  const billers = withBills ? Array.from({ length: command.billers }, () => generateMerchant(billersRandom)) : [];
  const approvals = approvalRun(random, {
    count: command.count,
    duplicateRate: command.duplicateRate,
    state: command.state,
    v1: command.v1,
    apiKey: command.apiKey ?? env().PAYSSAM_API_KEYS[0] ?? generateApiKey(random),
    now: new Date(),
    billers: withBills ? billers : undefined,
  });
  if (!withBills) return { sequences: approvals, approvals: approvals.length };
  const bills = billsPlan(billersRandom, approvals, {
    billers,
    withholdRate: command.withholdRate,
    mismatchRate: command.mismatchRate,
    unpaid: command.unpaid,
    now: new Date(),
  });
  return {
    sequences: [...(command.register ? bills.billerSequences : []), ...bills.sequences],
    approvals: approvals.length,
    bills,
  };
}

function callbackUrl(command: SimulateCommand, endpoint: CallbackEndpoint): URL {
  if (!command.url) return defaultUrl(endpoint);
  if (endpoint === command.endpoint) return command.url;
  // The billers' auth-mapping callbacks go to the same app, with the same token.
  return new URL(`${callbackEndpoint(endpoint).path}${command.url.search}`, command.url);
}

async function send(command: SimulateCommand, sequences: DeliverySequence[]) {
  const total = sequences.reduce((sum, sequence) => sum + sequence.length, 0);
  const sender = createHttpSender({
    urlFor: (endpoint) => callbackUrl(command, endpoint),
    concurrency: command.concurrency,
  });
  const bar =
    process.stderr.isTTY && !command.json && total >= 50
      ? new SingleBar({
          format: "sending |{bar}| {value}/{total} | 0000 {ok} | other {other} | {eta_formatted} left",
          hideCursor: true,
          stream: process.stderr,
        })
      : undefined;
  let ok = 0;
  let other = 0;
  bar?.start(total, 0, { ok, other });
  try {
    return await runSequences(sequences, {
      concurrency: command.concurrency,
      send: sender.send,
      onAnswer: ({ answer }) => {
        if (answer.status === 200 && answer.code === "0000") ok++;
        else other++;
        bar?.increment({ ok, other });
      },
    });
  } finally {
    bar?.stop();
    sender.close();
  }
}

/** The first entry of a comma-separated secret this command needs, or a sentence saying so. */
function secretFor(name: "PARTNER_API_TOKEN" | "CRON_SECRET", flag: string): string {
  const value = name === "CRON_SECRET" ? env().CRON_SECRET : env().PARTNER_API_TOKEN[0];
  if (!value) throw new SimulatorSetupError(`${flag} needs ${name} in this command's environment (the app's own).`);
  return value;
}

interface BillsReport {
  registered?: RegisterOutcome;
  toldPayssam?: number;
  reconcile?: ReconcileAnswer;
}

/** Tells PaySsam (the fake) what it holds, then registers the bills: nothing is registered if the fake is down. */
async function prepareBills(command: SimulateCommand, bills: BillsPlan, partnerToken?: string): Promise<BillsReport> {
  const report: BillsReport = {};
  if (command.fakePayssam) report.toldPayssam = await tellFakePayssam(command.fakePayssam, bills.payssamBills);
  if (partnerToken) {
    report.registered = await registerBills(callbackUrl(command, "approval"), partnerToken, bills.partnerBills);
  }
  return report;
}

function report(command: SimulateCommand, run: Plan, result: RunResult, bills: BillsReport) {
  const summary = summarize(result);
  const billers = command.register && run.bills ? run.bills.billerSequences.length : 0;
  const withheld = run.bills?.counts.withheld ?? 0;
  const target = displayUrl(callbackUrl(command, command.endpoint));
  const distinct = command.endpoint === "approval" ? run.approvals - withheld : run.sequences.length;
  if (command.json) {
    console.log(
      JSON.stringify({
        kind: command.endpoint,
        url: target,
        seed: command.seed,
        distinct,
        ...summary,
        ...(run.bills && {
          bills: {
            ...run.bills.counts,
            billers,
            registered: bills.registered && {
              accepted: bills.registered.accepted,
              unchanged: bills.registered.unchanged,
              refused: bills.registered.refused.length,
            },
            toldPayssam: bills.toldPayssam,
          },
        }),
        ...(bills.reconcile && { reconcile: bills.reconcile }),
      }),
    );
  } else {
    console.log(formatSummary(summary, `${command.endpoint} callbacks → ${target} (seed ${command.seed})`));
    console.log(
      command.endpoint === "approval"
        ? `  distinct approvals ${distinct}, retries ${summary.sent - distinct - billers}${billers ? `, billers opened ${billers}` : ""}`
        : `  merchants ${distinct}`,
    );
    if (run.bills) console.log(describeBills(command, run.bills, bills));
  }
  const billsRefused = bills.registered?.refused.length ?? 0;
  const reconciled = !bills.reconcile || bills.reconcile.status === 200;
  return summary.answered0000 === summary.sent && billsRefused === 0 && reconciled ? 0 : 1;
}

function describeBills(command: SimulateCommand, plan: BillsPlan, bills: BillsReport): string {
  const { paid, withheld, mismatched, unpaid } = plan.counts;
  const lines: string[] = [];
  if (bills.registered) {
    const { accepted, unchanged, refused } = bills.registered;
    lines.push(`  bills registered ${accepted}, already there ${unchanged}, refused ${refused.length}`);
    for (const refusal of refused.slice(0, 5)) {
      lines.push(`    ${refusal.billId}: ${refusal.errors.map((error) => error.message).join("; ")}`);
    }
  }
  if (bills.toldPayssam !== undefined) {
    lines.push(
      `  PaySsam (${command.fakePayssam}) holds ${paid} paid${unpaid ? ` and ${unpaid} unpaid` : ""}; ` +
        `callbacks withheld ${withheld}, amounts PaySsam records differently ${mismatched}`,
    );
  }
  if (bills.reconcile) lines.push(`  ${describePass(bills.reconcile)}`);
  else if (withheld + mismatched + unpaid > 0) {
    lines.push(
      "  a reconciliation pass shows them as 콜백 누락 / 불일치 / 미결제: 대사 → 지금 대사, POST /api/cron/reconcile, or --reconcile",
    );
  }
  return lines.join("\n");
}

function describePass(pass: ReconcileAnswer): string {
  const body = pass.body as Partial<PassReport> | string;
  if (pass.status !== 200 || typeof body !== "object" || !body.readStatuses) {
    return `reconciliation pass: HTTP ${pass.status} ${JSON.stringify(body)}`;
  }
  const found = Object.entries(body.readStatuses)
    .map(([status, count]) => `${reconciliationStatusLabels[status as ReconciliationStatus] ?? status} ${count}`)
    .join(", ");
  const seconds = ((body.durationMs ?? 0) / 1000).toFixed(1);
  return `reconciliation pass: read ${body.read} bills in ${seconds} s → ${found || "nothing due"}${body.failedReads ? `, failed reads ${body.failedReads}` : ""}`;
}

async function main(): Promise<number> {
  const parsed = parseOrExplain(() => parseSimulateArgs(process.argv.slice(2)), simulateUsage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { command } = parsed;
  const run = plan(command);
  if (command.dryRun) {
    for (const delivery of run.sequences.flat()) console.log(delivery.body);
    return 0;
  }
  // Every secret the run needs is checked before anything is sent.
  const partnerToken = command.register ? secretFor("PARTNER_API_TOKEN", "--register") : undefined;
  const cronSecret = command.reconcile ? secretFor("CRON_SECRET", "--reconcile") : undefined;
  // PaySsam's record and the partner's bills come first: the bill was issued and paid before
  // PaySsam's callback went out.
  const bills = run.bills ? await prepareBills(command, run.bills, partnerToken) : {};
  const result = await send(command, run.sequences);
  if (cronSecret) bills.reconcile = await reconcileOverHttp(callbackUrl(command, "approval"), cronSecret);
  return report(command, run, result, bills);
}

await runScript(main, { expected: [AppNotRunningError, SimulatorSetupError] });

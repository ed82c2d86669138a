import { randomBytes } from "node:crypto";
import type { ApprovalState, ReviewStatus } from "@/db/schema";
import { callbackEndpoints } from "@/lib/callbacks/endpoints";
import { approvalStates, reviewStatuses } from "@/lib/payssam/codes";
import type { CallbackEndpoint } from "@/lib/simulator";
import { parseFlags, UsageError, wholeNumberFlag } from "../cli";

// `npm run simulate`'s command line, parsed into a command or a usage error (scripts/simulate.ts
// runs it). Kept apart from the script so test/property/cli-args.property.test.ts can throw any
// argv at it.

export const simulateUsage = `Usage:
  npm run simulate -- approval [--url URL] [--count 100] [--concurrency 8] [--state F] [--duplicate-rate 0.1] [--v1] [--dry-run]
                               [--fake-payssam URL] [--register] [--withhold-rate 0.1] [--mismatch-rate 0.05] [--unpaid 5]
                               [--billers 5] [--reconcile]
  npm run simulate -- auth-mapping [--url URL] [--count 20] [--status R] [--concurrency 8] [--dry-run]

Options:
  --url URL             where to POST (default http://localhost:3000/api/callbacks/<kind>,
                        with ?token= the first of $CALLBACK_TOKEN when that variable is set)
  --count N             callbacks to send, retries included (default 100 approvals, 20 auth-mappings)
  --concurrency N       requests in flight at once, 1-256 (default 8)
  --state F|W|C|D       approval state (default F, the only one PaySsam sends by callback)
  --duplicate-rate R    share of approval deliveries that repeat an earlier one, like PaySsam's
                        hourly retries, 0-0.9 (default 0)
  --v1                  send the v1 (snake_case) approval shape
  --status N|W|P|R|S|O  auth-mapping: every merchant reports this status (default: whole review
                        timelines such as W→P→S→P→O, one merchant's callbacks in order)
  --api-key KEY         apiKey in approvals (default: the first of PAYSSAM_API_KEYS, else a sandbox-like key)
  --seed S              the same billIds, amounts, cards and approval numbers as another run with this
                        seed (times follow the clock); sent to the same app they count as retries
  --dry-run             print the payloads as JSON lines and send nothing
  --json                print the summary as one JSON line
  -h, --help            this text

PaySsam's record and the partner's bills (approval only; see docs/simulator.md):
  --fake-payssam URL    a fake PaySsam (npm run fake-payssam, e.g. http://127.0.0.1:3261) to tell
                        every payment of the run, so a reconciliation pass reads what PaySsam holds
  --register            register each paid bill with the app first (POST /api/bills with the first
                        of $PARTNER_API_TOKEN), and each biller as an opened merchant (an O callback)
  --withhold-rate R     share of payments whose callbacks are never sent, 0-1 (default 0): a pass
                        finds them as 콜백 누락 and recovers them; needs --fake-payssam and --register
  --mismatch-rate R     share of payments PaySsam records for 1,000 won more, 0-1 (default 0): 불일치;
                        needs --fake-payssam
  --unpaid N            also issue N bills nobody pays (미결제); needs --fake-payssam and --register
  --billers N           merchants the run's bills belong to, 1-1000 (default 5)
  --reconcile           then run one reconciliation pass (POST /api/cron/reconcile with $CRON_SECRET)
                        and print what it found`;

const kinds: readonly CallbackEndpoint[] = callbackEndpoints.flatMap((endpoint) =>
  endpoint.name === "any" ? [] : [endpoint.name],
);

const approvalOnly = [
  "state",
  "duplicate-rate",
  "v1",
  "api-key",
  "fake-payssam",
  "register",
  "withhold-rate",
  "mismatch-rate",
  "unpaid",
  "billers",
  "reconcile",
] as const;

export function parseSimulateArgs(argv: string[]) {
  const { values, positionals } = parseFlags(argv, {
    strings: [
      "url",
      "count",
      "concurrency",
      "state",
      "duplicate-rate",
      "status",
      "api-key",
      "seed",
      "fake-payssam",
      "withhold-rate",
      "mismatch-rate",
      "unpaid",
      "billers",
    ],
    booleans: ["v1", "dry-run", "json", "register", "reconcile"],
    positionals: true,
  });
  if (values.help) return { help: true as const };
  const [kind, ...rest] = positionals;
  if (!kinds.includes(kind as CallbackEndpoint)) {
    throw new UsageError(
      kind ? `Unknown callback kind "${kind}".` : "Say which callback to send: approval or auth-mapping.",
    );
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  const endpoint = kind as CallbackEndpoint;
  if (endpoint === "auth-mapping") {
    for (const flag of approvalOnly) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to approval callbacks only.`);
    }
  } else if (values.status !== undefined) {
    throw new UsageError("--status applies to auth-mapping callbacks only.");
  }
  const count =
    wholeNumberFlag("--count", values.count, { min: 1, max: 1_000_000 }) ?? (endpoint === "approval" ? 100 : 20);
  const concurrency = wholeNumberFlag("--concurrency", values.concurrency, { min: 1, max: 256 }) ?? 8;
  const duplicateRate = rateFlag("--duplicate-rate", values["duplicate-rate"], 0.9);
  const state = codeFlag("state", values.state, approvalStates);
  const status = codeFlag("status", values.status, reviewStatuses);
  const url = values.url === undefined ? null : httpUrlFlag("--url", values.url);
  const world = payssamWorld(values);
  const dryRun = values["dry-run"] ?? false;
  if (dryRun && (world.fakePayssam || world.register || world.reconcile)) {
    throw new UsageError("--dry-run sends nothing, so it cannot --register, tell --fake-payssam or --reconcile.");
  }
  return {
    help: false as const,
    endpoint,
    /** null: the local app's callback URL (scripts/simulate.ts). */
    url,
    count,
    concurrency,
    duplicateRate,
    state: state as ApprovalState | undefined,
    status: status as ReviewStatus | undefined,
    v1: values.v1 ?? false,
    apiKey: values["api-key"],
    seed: values.seed ?? randomBytes(6).toString("hex"),
    dryRun,
    json: values.json ?? false,
    ...world,
  };
}

export type SimulateCommand = Exclude<ReturnType<typeof parseSimulateArgs>, { help: true }>;

/** The flags of PaySsam's record and the partner's bills, checked against each other. */
function payssamWorld(values: {
  "fake-payssam"?: string;
  register?: boolean;
  "withhold-rate"?: string;
  "mismatch-rate"?: string;
  unpaid?: string;
  billers?: string;
  reconcile?: boolean;
}) {
  const fakePayssam =
    values["fake-payssam"] === undefined ? null : httpUrlFlag("--fake-payssam", values["fake-payssam"]);
  const register = values.register ?? false;
  const withholdRate = rateFlag("--withhold-rate", values["withhold-rate"], 1);
  const mismatchRate = rateFlag("--mismatch-rate", values["mismatch-rate"], 1);
  const unpaid = wholeNumberFlag("--unpaid", values.unpaid, { min: 0, max: 100_000 }) ?? 0;
  const billers = wholeNumberFlag("--billers", values.billers, { min: 1, max: 1000 });
  const needs = (flag: string, given: boolean, what: string) => {
    if (given && !fakePayssam) throw new UsageError(`${flag} needs --fake-payssam: ${what}`);
  };
  needs("--withhold-rate", values["withhold-rate"] !== undefined, "PaySsam must know of the payments left unsent.");
  needs("--mismatch-rate", values["mismatch-rate"] !== undefined, "PaySsam's record is where the amount differs.");
  needs("--unpaid", values.unpaid !== undefined, "PaySsam must know the bills as unpaid.");
  for (const [flag, given] of [
    ["--withhold-rate", values["withhold-rate"] !== undefined],
    ["--unpaid", values.unpaid !== undefined],
  ] as const) {
    if (given && !register) {
      throw new UsageError(`${flag} needs --register: reconciliation reads the bills the partner registered.`);
    }
  }
  if (billers !== undefined && !register && !fakePayssam) {
    throw new UsageError("--billers applies with --register or --fake-payssam.");
  }
  if (withholdRate + mismatchRate > 1) {
    throw new UsageError("--withhold-rate and --mismatch-rate together must not exceed 1.");
  }
  return {
    fakePayssam,
    register,
    withholdRate,
    mismatchRate,
    unpaid,
    billers: billers ?? 5,
    reconcile: values.reconcile ?? false,
  };
}

/** A share from 0 to `max` written as 0, 0.25, .5 or 1; absent is 0. */
function rateFlag(flag: string, value: string | undefined, max: number): number {
  if (value === undefined) return 0;
  const rate = /^(\d+(\.\d+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(rate >= 0 && rate <= max)) throw new UsageError(`${flag} must be a number from 0 to ${max}, got "${value}".`);
  return rate;
}

function codeFlag(name: string, value: string | undefined, codes: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!codes.includes(value)) throw new UsageError(`--${name} must be one of ${codes.join(", ")}, got "${value}".`);
  return value;
}

function httpUrlFlag(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} must be an absolute http(s) URL, got "${value}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${flag} must be an http(s) URL, got "${value}".`);
  }
  return url;
}

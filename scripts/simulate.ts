// `npm run simulate -- approval|auth-mapping …`: sends PaySsam-shaped callbacks to an app, local or
// deployed, and sums up the answers. Exit 0 when every answer was 0000, 1 otherwise, 2 on bad flags.
import { randomBytes } from "node:crypto";
import { SingleBar } from "cli-progress";
import type { ApprovalState, ReviewStatus } from "@/db/schema";
import { callbackEndpoint, callbackEndpoints } from "@/lib/callbacks/endpoints";
import { env } from "@/lib/env";
import { approvalStates, reviewStatuses } from "@/lib/payssam/codes";
import {
  approvalRun,
  authMappingRun,
  type CallbackEndpoint,
  createRandom,
  type DeliverySequence,
  formatSummary,
  generateApiKey,
  type RunResult,
  runSequences,
  summarize,
} from "@/lib/simulator";
import { AppNotRunningError, createHttpSender, displayUrl } from "@/lib/simulator/http";
import { localCallbackToken } from "@/lib/simulator/local-token";
import { parseFlags, parseOrExplain, runScript, UsageError, wholeNumberFlag } from "./cli";

const usage = `Usage:
  npm run simulate -- approval [--url URL] [--count 100] [--concurrency 8] [--state F] [--duplicate-rate 0.1] [--v1] [--dry-run]
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
  --seed S              send exactly the same payloads as another run with this seed
  --dry-run             print the payloads as JSON lines and send nothing
  --json                print the summary as one JSON line
  -h, --help            this text`;

const kinds: readonly CallbackEndpoint[] = callbackEndpoints.flatMap((endpoint) =>
  endpoint.name === "any" ? [] : [endpoint.name],
);

function parseCommand(argv: string[]) {
  const { values, positionals } = parseFlags(argv, {
    strings: ["url", "count", "concurrency", "state", "duplicate-rate", "status", "api-key", "seed"],
    booleans: ["v1", "dry-run", "json"],
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
    for (const flag of ["state", "duplicate-rate", "v1", "api-key"] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to approval callbacks only.`);
    }
  } else if (values.status !== undefined) {
    throw new UsageError("--status applies to auth-mapping callbacks only.");
  }
  const count =
    wholeNumberFlag("--count", values.count, { min: 1, max: 1_000_000 }) ?? (endpoint === "approval" ? 100 : 20);
  const concurrency = wholeNumberFlag("--concurrency", values.concurrency, { min: 1, max: 256 }) ?? 8;
  const duplicateRate = values["duplicate-rate"] === undefined ? 0 : Number(values["duplicate-rate"]);
  if (!/^(0(\.\d+)?|\.\d+)$/.test(values["duplicate-rate"] ?? "0") || duplicateRate > 0.9) {
    throw new UsageError(`--duplicate-rate must be a number from 0 to 0.9, got "${values["duplicate-rate"]}".`);
  }
  const state = codeFlag("state", values.state, approvalStates);
  const status = codeFlag("status", values.status, reviewStatuses);
  let url: URL;
  try {
    url = values.url ? new URL(values.url) : defaultUrl(endpoint);
  } catch {
    throw new UsageError(`--url must be an absolute http(s) URL, got "${values.url}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--url must be an http(s) URL, got "${values.url}".`);
  }
  return {
    help: false as const,
    endpoint,
    url,
    count,
    concurrency,
    duplicateRate,
    state: state as ApprovalState | undefined,
    status: status as ReviewStatus | undefined,
    v1: values.v1 ?? false,
    apiKey: values["api-key"],
    seed: values.seed ?? randomBytes(6).toString("hex"),
    dryRun: values["dry-run"] ?? false,
    json: values.json ?? false,
  };
}

function codeFlag(name: string, value: string | undefined, codes: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!codes.includes(value)) throw new UsageError(`--${name} must be one of ${codes.join(", ")}, got "${value}".`);
  return value;
}

function defaultUrl(endpoint: CallbackEndpoint): URL {
  const url = new URL(callbackEndpoint(endpoint).path, "http://localhost:3000");
  // The first of CALLBACK_TOKEN's entries is the current one (the others are being rotated out).
  const token = env().CALLBACK_TOKEN[0] ?? localCallbackToken();
  if (token) url.searchParams.set("token", token);
  return url;
}

function plan(command: Exclude<ReturnType<typeof parseCommand>, { help: true }>): DeliverySequence[] {
  const random = createRandom(command.seed);
  if (command.endpoint === "auth-mapping") {
    return authMappingRun(random, { count: command.count, status: command.status });
  }
  return approvalRun(random, {
    count: command.count,
    duplicateRate: command.duplicateRate,
    state: command.state,
    v1: command.v1,
    apiKey: command.apiKey ?? env().PAYSSAM_API_KEYS[0] ?? generateApiKey(random),
    now: new Date(),
  });
}

async function send(command: Exclude<ReturnType<typeof parseCommand>, { help: true }>, sequences: DeliverySequence[]) {
  const total = sequences.reduce((sum, sequence) => sum + sequence.length, 0);
  const sender = createHttpSender({ urlFor: () => command.url, concurrency: command.concurrency });
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

function report(
  command: Exclude<ReturnType<typeof parseCommand>, { help: true }>,
  sequences: DeliverySequence[],
  result: RunResult,
) {
  const summary = summarize(result);
  const subjects = sequences.length;
  const subjectsLine =
    command.endpoint === "approval"
      ? `distinct approvals ${subjects}, retries ${summary.sent - subjects}`
      : `merchants ${subjects}`;
  const target = displayUrl(command.url);
  if (command.json) {
    console.log(
      JSON.stringify({ kind: command.endpoint, url: target, seed: command.seed, distinct: subjects, ...summary }),
    );
  } else {
    console.log(formatSummary(summary, `${command.endpoint} callbacks → ${target} (seed ${command.seed})`));
    console.log(`  ${subjectsLine}`);
  }
  return summary.answered0000 === summary.sent ? 0 : 1;
}

async function main(): Promise<number> {
  const parsed = parseOrExplain(() => parseCommand(process.argv.slice(2)), usage);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { command } = parsed;
  const sequences = plan(command);
  if (command.dryRun) {
    for (const delivery of sequences.flat()) console.log(delivery.body);
    return 0;
  }
  return report(command, sequences, await send(command, sequences));
}

await runScript(main, { expected: [AppNotRunningError] });

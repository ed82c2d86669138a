import type { FakeBillInstruction } from "@/lib/fake-payssam/control";
import type { PartnerBill } from "./bills";
import { AppNotRunningError } from "./http";

// The simulator's calls beside the callbacks: registering the bills with the app as the partner's
// systems do (POST /api/bills with PARTNER_API_TOKEN), telling a fake PaySsam what it holds
// (/control/bills), and running a reconciliation pass (POST /api/cron/reconcile with CRON_SECRET).
// Each failure is one sentence saying what to fix; no token is ever printed.

/** A step the simulator could not take, worded for the person at the terminal. */
export class SimulatorSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimulatorSetupError";
  }
}

// The most bills POST /api/bills takes at once, and a batch the fake reads without strain.
const batchSize = 1000;

interface JsonAnswer {
  status: number;
  body: unknown;
}

type Service = "app" | "fake PaySsam";

async function postJson(
  url: URL,
  body: unknown,
  service: Service,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(330_000),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    if (code === "ECONNREFUSED" && service === "app") throw new AppNotRunningError(url.origin);
    const hint = service === "fake PaySsam" ? " Start one with npm run fake-payssam and pass its address." : "";
    throw new SimulatorSetupError(`The ${service} at ${url.origin} did not answer (${code}).${hint}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text.slice(0, 200) };
  }
}

function messageOf(body: unknown): string {
  if (body && typeof body === "object") {
    const { message, error, issues } = body as { message?: unknown; error?: unknown; issues?: unknown };
    return [message ?? error, Array.isArray(issues) ? issues.slice(0, 3).join("; ") : undefined]
      .filter((part) => typeof part === "string" && part !== "")
      .join(": ");
  }
  return String(body);
}

export interface RegisterOutcome {
  accepted: number;
  unchanged: number;
  refused: { billId: string; errors: { path: string; message: string }[] }[];
}

/** Registers the bills with the app in batches of 1,000 and adds up its answers. */
export async function registerBills(
  app: URL,
  partnerToken: string,
  bills: readonly PartnerBill[],
): Promise<RegisterOutcome> {
  const url = new URL("/api/bills", app);
  const outcome: RegisterOutcome = { accepted: 0, unchanged: 0, refused: [] };
  for (let start = 0; start < bills.length; start += batchSize) {
    const answer = await postJson(url, { bills: bills.slice(start, start + batchSize) }, "app", {
      authorization: `Bearer ${partnerToken}`,
    });
    if (answer.status === 401) {
      throw new SimulatorSetupError(
        `The app refused PARTNER_API_TOKEN (401 at ${url}): set the same PARTNER_API_TOKEN here as the app has.`,
      );
    }
    if (answer.status === 503) {
      throw new SimulatorSetupError(`The app does not take bills yet (503 at ${url}): ${messageOf(answer.body)}`);
    }
    if (answer.status !== 200) {
      throw new SimulatorSetupError(
        `The app answered ${answer.status} to the bills at ${url}: ${messageOf(answer.body)}`,
      );
    }
    const batch = answer.body as RegisterOutcome;
    outcome.accepted += batch.accepted;
    outcome.unchanged += batch.unchanged;
    outcome.refused.push(...batch.refused);
  }
  return outcome;
}

/** Tells a fake PaySsam (`npm run fake-payssam`) that it holds these bills so. */
export async function tellFakePayssam(base: URL, bills: readonly FakeBillInstruction[]): Promise<number> {
  const url = new URL("control/bills", base.href.endsWith("/") ? base : new URL(`${base.href}/`));
  let told = 0;
  for (let start = 0; start < bills.length; start += batchSize) {
    const answer = await postJson(url, { bills: bills.slice(start, start + batchSize) }, "fake PaySsam");
    if (answer.status === 404) {
      throw new SimulatorSetupError(
        `${base} is not a fake PaySsam (no /control/bills): start one with npm run fake-payssam and pass its address.`,
      );
    }
    if (answer.status !== 200) {
      throw new SimulatorSetupError(`The fake PaySsam refused the bills (${answer.status}): ${messageOf(answer.body)}`);
    }
    told += (answer.body as { bills: number }).bills;
  }
  return told;
}

export interface ReconcileAnswer {
  status: number;
  /** The pass's JSON: counts per status, reads, failures (see /api/cron/reconcile). */
  body: unknown;
}

/**
 * Runs one reconciliation pass in the app and returns its answer. While another pass holds the job
 * (409: the app's own schedule, a cron call) it waits and asks again, up to `waitMs`.
 */
export async function reconcileOverHttp(app: URL, cronSecret: string, waitMs = 120_000): Promise<ReconcileAnswer> {
  const url = new URL("/api/cron/reconcile", app);
  const deadline = Date.now() + waitMs;
  let answer = await postJson(url, {}, "app", { authorization: `Bearer ${cronSecret}` });
  while (answer.status === 409 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    answer = await postJson(url, {}, "app", { authorization: `Bearer ${cronSecret}` });
  }
  if (answer.status === 401 || answer.status === 503) {
    throw new SimulatorSetupError(
      `The app refused the reconciliation pass (${answer.status} at ${url}): set the same CRON_SECRET here as the app has. ${messageOf(answer.body)}`,
    );
  }
  return answer;
}

import { afterEach, beforeEach, vi } from "vitest";
import * as billsRoute from "@/app/api/bills/route";
import * as cronRoute from "@/app/api/cron/reconcile/route";
import { FakePayssam } from "@/lib/fake-payssam/fake";
import { parseKstCompact } from "@/lib/kst";
import { createPayssamClient } from "@/lib/payssam/client";
import { useReconcileOverrides } from "@/lib/reconcile/configured";
import { endpoints, sample, send } from "./callbacks";

// Bills, callbacks and reconciliation passes through the route handlers, against an in-process
// fake PaySsam whose client gives up quickly (a timeout test must not take 30 s).

export const partnerToken = "partner-token-for-tests-0123456789";
export const cronSecret = "cron-secret-for-tests-0123456789";
export const payssamApiKey = "payssam-api-key-for-tests-0123";

/** Points reconciliation at a fresh fake; call in beforeEach after stubbing the env. */
export function useFakePayssam(options: { timeoutMs?: number } = {}) {
  const fake = new FakePayssam({ apiKey: payssamApiKey });
  const client = createPayssamClient({
    base: "http://fake-payssam.test",
    apiKey: payssamApiKey,
    ratePerSecond: 1000,
    timeoutMs: options.timeoutMs ?? 300,
    attempts: 2,
    backoffMs: 5,
    fetch: fake.fetch,
  });
  useReconcileOverrides({ client, settleMs: 0 });
  return fake;
}

/**
 * Every test of the calling file with reconciliation configured (reconcileEnv, alerts off) against
 * a fresh fake PaySsam, undone afterwards. `payssam.fake` is the current test's fake.
 */
export function reconcileAgainstFake(): { readonly fake: FakePayssam } {
  let fake: FakePayssam;
  beforeEach(() => {
    for (const [name, value] of Object.entries(reconcileEnv)) vi.stubEnv(name, value);
    vi.stubEnv("ALERT_WEBHOOK_URL", "");
    fake = useFakePayssam();
  });
  afterEach(() => {
    useReconcileOverrides(undefined);
    vi.unstubAllEnvs();
  });
  return {
    get fake() {
      return fake;
    },
  };
}

export const reconcileEnv = {
  PARTNER_API_TOKEN: partnerToken,
  CRON_SECRET: cronSecret,
  PAYSSAM_API_BASE: "http://fake-payssam.test",
  PAYSSAM_API_KEY: payssamApiKey,
};

export function billsRequest(body: unknown, options: { token?: string | null; raw?: boolean } = {}) {
  const token = options.token === undefined ? partnerToken : options.token;
  return new Request("http://localhost/api/bills", {
    method: "POST",
    body: options.raw ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
  });
}

export async function postBills(body: unknown, options: { token?: string | null; raw?: boolean } = {}) {
  const response = await billsRoute.POST(billsRequest(body, options));
  return { status: response.status, body: await response.json() };
}

export async function runCron(secret = cronSecret) {
  const response = await cronRoute.POST(
    new Request("http://localhost/api/cron/reconcile", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
    }),
  );
  return { status: response.status, body: await response.json() };
}

export const approvalTime = "20261124153012";
export const approvalInstant = parseKstCompact(approvalTime) as Date;

/** PaySsam's approval callback for a bill, from the card sample. */
export function approvalCallback(billId: string, price: number, apprNum: string, apprDt = approvalTime) {
  return { ...sample("approval.card"), billId, apprPrice: String(price), apprNum, apprOriginNum: apprNum, apprDt };
}

export function sendApproval(billId: string, price: number, apprNum: string) {
  return send(endpoints.approval, approvalCallback(billId, price, apprNum));
}

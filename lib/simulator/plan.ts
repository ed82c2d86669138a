import type { ApprovalState, ReviewStatus } from "@/db/schema";
import type { KindEndpointName } from "@/lib/callbacks/endpoints";
import { type ApprovalPayload, generateApproval, type PayType, toV1Approval } from "./approval";
import { authMappingPayload, generateMerchant, merchantTimeline, reviewMessageFor } from "./auth-mapping";
import type { SimulatedCompany } from "./korea";
import type { Random } from "./random";

// What a simulation sends: sequences of deliveries. A sequence is sent in order, one delivery
// after the answer to the previous one (a merchant's timeline, an approval and PaySsam's retries
// of it); different sequences may be sent concurrently.

export type CallbackEndpoint = KindEndpointName;

export interface SimulatedDelivery {
  endpoint: CallbackEndpoint;
  body: string;
  /** What the receiver should record: lets tests and the smoke test check every answer. */
  expected: "accepted" | "duplicate" | "rejected" | "unauthorized";
  /** Sent with a wrong ?token=, to show an unauthorized delivery in the log. */
  wrongToken?: boolean;
  note?: string;
  /** When PaySsam sent it: in-process seeding backdates the delivery to it; HTTP sends it now. */
  receivedAt?: Date;
}

export type DeliverySequence = SimulatedDelivery[];

export interface ApprovalRunOptions {
  /** Deliveries to send, retries included. */
  count: number;
  /** Share of deliveries that are PaySsam re-sending an approval it already sent. */
  duplicateRate: number;
  state?: ApprovalState;
  v1?: boolean;
  apiKey: string;
  now: Date;
  payType?: PayType;
  /** The billers the approvals are paid to, one picked per approval; random companies otherwise. */
  billers?: readonly SimulatedCompany[];
}

function approvalBody(payload: ApprovalPayload, v1: boolean): string {
  return JSON.stringify(v1 ? toV1Approval(payload) : payload);
}

/** Approvals as PaySsam sends them right after payment, with `duplicateRate` of the deliveries being retries. */
export function approvalRun(random: Random, options: ApprovalRunOptions): DeliverySequence[] {
  const sequences: DeliverySequence[] = [];
  let sent = 0;
  while (sent < options.count) {
    const payload = generateApproval(random, {
      apiKey: options.apiKey,
      approvedAt: new Date(options.now.getTime() - random.int(0, 600) * 1000),
      state: options.state,
      payType: options.payType,
      company: options.billers && random.pick(options.billers),
      // v1 has no healthcare fields: a v1 run sends ordinary bills only.
      healthcareShare: options.v1 ? 0 : undefined,
    });
    const body = approvalBody(payload, options.v1 ?? false);
    const sequence: DeliverySequence = [{ endpoint: "approval", body, expected: "accepted" }];
    sent++;
    // Each further delivery is a retry with probability duplicateRate, so retries make up that
    // share of all deliveries on average.
    while (sent < options.count && random.chance(options.duplicateRate)) {
      sequence.push({ endpoint: "approval", body, expected: "duplicate", note: "retry" });
      sent++;
    }
    sequences.push(sequence);
  }
  return sequences;
}

export interface AuthMappingRunOptions {
  count: number;
  /** Every merchant reports this one status; otherwise whole timelines are sent (W→P→S→P→O…). */
  status?: ReviewStatus;
}

export function authMappingRun(random: Random, options: AuthMappingRunOptions): DeliverySequence[] {
  const sequences: DeliverySequence[] = [];
  let sent = 0;
  while (sent < options.count) {
    const merchant = generateMerchant(random);
    const payloads = options.status
      ? [authMappingPayload(merchant, options.status, reviewMessageFor(random, options.status))]
      : merchantTimeline(random, merchant).slice(0, options.count - sent);
    sequences.push(
      payloads.map((payload) => ({ endpoint: "auth-mapping", body: JSON.stringify(payload), expected: "accepted" })),
    );
    sent += payloads.length;
  }
  return sequences;
}

/** How many deliveries of each expected outcome a plan holds: what the delivery log should show afterwards. */
export function countExpected(sequences: DeliverySequence[]) {
  const counts = { deliveries: 0, accepted: 0, duplicate: 0, rejected: 0, unauthorized: 0 };
  for (const delivery of sequences.flat()) {
    counts.deliveries++;
    counts[delivery.expected]++;
  }
  return counts;
}

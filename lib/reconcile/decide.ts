import type { ApprovalState, MismatchReason, ReconciliationStatus } from "@/db/schema";
import { addDays, DAY_MS, kstDayStart } from "@/lib/kst";
import type { BillReadResult } from "@/lib/payssam/client";

// What one read of PaySsam means for a bill: its status, what disagrees, and when to read it
// again. Pure: the job (run.ts) feeds it the bill, our approval and PaySsam's answer.

/** A bill without an expiry date can be paid for this long after issue (integrators use 7 days). */
export const defaultPayableDays = 7;
/** Reads go on this long after expiry: a payment at the last minute, a late callback. */
export const graceDays = 1;

export interface BillFacts {
  price: number;
  issuedAt: Date;
  /** yyyy-MM-dd (KST), the last day it can be paid, or null. */
  expireDate: string | null;
}

/** The approval our callbacks stored for this bill (the newest), if any. */
export interface OurApproval {
  id: number;
  apprState: ApprovalState;
  apprPrice: number;
  apprNum: string | null;
  apprDt: Date;
  /** Stored from an earlier read by reconciliation, not by a callback. */
  recovered: boolean;
  /** Callbacks that delivered it (0: recovered and no callback since). */
  deliveryCount: number;
}

export interface Difference {
  reason: MismatchReason;
  ours: string | null;
  payssam: string | null;
}

export interface Decision {
  status: ReconciliationStatus;
  reasons: MismatchReason[];
  differences: Difference[];
  /** Store PaySsam's approval as recovered (콜백 누락). */
  recover: boolean;
  /** Why the read failed (대사불능). */
  error: string | null;
  /** Whether to read this bill again (the job picks the time). */
  readAgain: boolean;
}

/** When reads stop: the end of the expiry day (KST), or the default window, plus the grace. */
export function readUntil(bill: BillFacts): Date {
  const expiryStart = bill.expireDate ? kstDayStart(bill.expireDate) : null;
  const payableUntil = expiryStart
    ? addDays(expiryStart, 1)
    : new Date(bill.issuedAt.getTime() + defaultPayableDays * DAY_MS);
  return addDays(payableUntil, graceDays);
}

function payableUntil(bill: BillFacts): Date {
  return addDays(readUntil(bill), -graceDays);
}

// PaySsam's apprDt has whole seconds; ours was parsed from the same text, so any difference is real.
const sameInstant = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();

function differences(bill: BillFacts, ours: OurApproval | null, read: PaidRead): Difference[] {
  const found: Difference[] = [];
  const payssamPrice = read.apprPrice;
  const ourPrice = ours?.apprPrice ?? bill.price;
  if (payssamPrice !== null && (payssamPrice !== ourPrice || payssamPrice !== bill.price)) {
    found.push({
      reason: "amount",
      ours: ours && ours.apprPrice !== bill.price ? `${ours.apprPrice} (청구 ${bill.price})` : String(ourPrice),
      payssam: String(payssamPrice),
    });
  }
  if (!ours) return found;
  if (ours.apprState !== read.apprState) found.push({ reason: "state", ours: ours.apprState, payssam: read.apprState });
  if ((ours.apprNum ?? null) !== (read.apprNum ?? null)) {
    found.push({ reason: "approval_number", ours: ours.apprNum, payssam: read.apprNum });
  }
  if (read.apprDt && !sameInstant(ours.apprDt, read.apprDt)) {
    found.push({ reason: "approval_time", ours: ours.apprDt.toISOString(), payssam: read.apprDt.toISOString() });
  }
  return found;
}

interface PaidRead {
  apprState: ApprovalState;
  apprPrice: number | null;
  apprNum: string | null;
  apprDt: Date | null;
}

const decision = (status: ReconciliationStatus, overrides: Partial<Decision> = {}): Decision => ({
  status,
  reasons: [],
  differences: [],
  recover: false,
  error: null,
  readAgain: false,
  ...overrides,
});

export function failureText(read: BillReadResult): string | null {
  switch (read.outcome) {
    case "read":
      return null;
    case "not_found":
      return `PaySsam에 없는 청구서입니다 (코드 ${read.code}${read.message ? `: ${read.message}` : ""})`;
    case "refused":
      return `PaySsam이 오류로 답했습니다 (코드 ${read.code}${read.message ? `: ${read.message}` : ""})`;
    case "failed":
      return `PaySsam에 연결하지 못했습니다: ${read.error} (${read.attempts}회 시도)`;
    case "garbage":
      return `PaySsam의 답을 읽을 수 없습니다: ${read.error}${
        read.unreadable.length > 0
          ? ` [${read.unreadable.map((field) => `${field.path}: ${field.message}`).join("; ")}]`
          : ""
      }`;
  }
}

/** The bill's status after this read, at `now`. */
export function decide(bill: BillFacts, ours: OurApproval | null, read: BillReadResult, now: Date): Decision {
  const stillRead = now < readUntil(bill);
  if (read.outcome !== "read") {
    return decision("unreadable", { error: failureText(read), readAgain: stillRead });
  }
  const said = read.bill;
  switch (said.apprState) {
    case "C":
      return decision("cancelled");
    case "D":
      return decision("destroyed");
    case "W": {
      if (ours && ours.apprState === "F") {
        // A callback said paid, PaySsam says unpaid: the "F before the payment" integrators report.
        return decision("mismatch", {
          reasons: ["state"],
          differences: [{ reason: "state", ours: ours.apprState, payssam: "W" }],
          readAgain: stillRead,
        });
      }
      return now < payableUntil(bill)
        ? decision("unpaid", { readAgain: true })
        : decision("expired", { readAgain: stillRead });
    }
    case "F": {
      const callback = ours && !(ours.recovered && ours.deliveryCount === 0) ? ours : null;
      const found = differences(bill, callback, said);
      if (!callback) {
        // Paid, and no callback told us: keep PaySsam's approval (unless one is already recovered).
        return decision("missing_callback", {
          recover: ours === null,
          reasons: found.map((difference) => difference.reason),
          differences: found,
        });
      }
      if (found.length === 0) return decision("matched");
      return decision("mismatch", {
        reasons: found.map((difference) => difference.reason),
        differences: found,
        readAgain: stillRead,
      });
    }
  }
}

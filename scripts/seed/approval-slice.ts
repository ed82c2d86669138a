import type { ApprovalState } from "@/db/schema";
import { DAY_MS, HOUR_MS, parseKstCompact, toKstCompact } from "@/lib/kst";
import { maskRawBody, maskSecret } from "@/lib/mask";
import { approvalCallbackSchema } from "@/lib/payssam/approval";
import {
  createRandom,
  generateApproval,
  generateFaultyApproval,
  kstBusinessTime,
  type Random,
  type SimulatedMerchant,
} from "@/lib/simulator";
import type { SeededTable } from "./copy";
import { addToDailyTotals, type DailyTotal, type DailyTotalsMap } from "./daily-totals";
import {
  approvalDeliveryRow,
  approvalRow,
  checkedApproval,
  refusedDeliveryRow,
  senderAddresses,
  storedApproval,
} from "./rows";

// The approval history: when approvals happen, and one stretch of it (a slice) generated into
// rows: approvals, their deliveries (retries as duplicates), cancellations and refused deliveries.

export interface SeededMerchant {
  merchant: SimulatedMerchant;
  openedAt: number;
}

/** Weighted sampling over many items: prefix sums and a binary search (random.weighted is linear). */
function cumulativeSampler<Item>(items: readonly Item[], weightOf: (item: Item, index: number) => number) {
  const totals = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, index) => {
    total += weightOf(item, index);
    totals[index] = total;
  });
  return (random: Random): Item => {
    const roll = random.next() * total;
    let low = 0;
    let high = totals.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (totals[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return items[low];
  };
}

// Monday..Sunday in KST: bills are paid on weekdays, less on Saturdays, least on Sundays.
const weekdayWeight = [1, 1, 0.95, 0.95, 1, 0.55, 0.3];

/** Approval instants over `years`, oldest first: the business grows, weeks and months have a rhythm. */
export function approvalInstants(random: Random, count: number, now: Date, years: number): Float64Array {
  const days = Math.round(years * 365);
  const instants = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    let day: Date;
    for (;;) {
      // Growth: more recent days are busier (density rises linearly over the period).
      const daysAgo = Math.floor(days * (1 - Math.sqrt(random.next())));
      day = new Date(now.getTime() - daysAgo * DAY_MS);
      const kst = new Date(day.getTime() + 9 * HOUR_MS);
      const weekday = (kst.getUTCDay() + 6) % 7;
      // Monthly bills (tuition, management fees) cluster in the first ten days of a month.
      const monthStart = kst.getUTCDate() <= 10 ? 1 : 0.7;
      if (random.next() < weekdayWeight[weekday] * monthStart) break;
    }
    let instant = kstBusinessTime(random, day).getTime();
    if (instant > now.getTime()) instant -= DAY_MS;
    instants[index] = instant;
  }
  return instants.sort();
}

export interface ApprovalSlice {
  seed: string;
  apiKey: string;
  now: number;
  /** The approval times of this slice's rows, oldest first. */
  instants: Float64Array;
  /** Its rows get the ids after these. */
  afterApprovalId: number;
  afterDeliveryId: number;
  billers: SeededMerchant[];
  ranks: number[];
  /** Whether to check the first rows against the receiver's schema and masking. */
  checkRows: boolean;
}

export interface SliceResult {
  approvals: number;
  deliveries: number;
  refused: number;
  lastDeliveryId: number;
  /** The slice's approvals per KST day, state and pay type (approval_daily_totals). */
  dailyTotals: DailyTotal[];
}

export type RowSink = (table: SeededTable, values: readonly unknown[]) => Promise<void>;

const SCHEMA_CHECKED_ROWS = 2000;

/** One stretch of the approval history: its approvals, their deliveries and refused deliveries. */
export async function writeApprovalSlice(
  slice: ApprovalSlice,
  write: RowSink,
  onProgress: (rows: number) => void,
): Promise<SliceResult> {
  const random = createRandom(slice.seed);
  const { apiKey, instants } = slice;
  const rows = instants.length;
  const pickBiller = cumulativeSampler(slice.billers, (_, index) => 1 / (slice.ranks[index] + 1) ** 0.8);
  const dailyTotals: DailyTotalsMap = new Map();
  let approvalId = slice.afterApprovalId;
  let deliveryId = slice.afterDeliveryId;
  let written = 0;
  let refused = 0;
  let deliveries = 0;

  // Every approval carries the one apiKey: masking it is a plain replace (maskRawBody's regex
  // costs more than the rest of a row), checked against maskRawBody() on the first rows.
  const apiKeyMember = `"apiKey":${JSON.stringify(apiKey)}`;
  const maskedApiKeyMember = `"apiKey":${JSON.stringify(maskSecret(apiKey))}`;
  const checking = () => slice.checkRows && written <= SCHEMA_CHECKED_ROWS;

  async function writeApproval(payload: Record<string, unknown>, receivedAt: Date, retries: number) {
    const parsed = checking() ? checkedApproval(payload) : storedApproval(payload);
    approvalId++;
    written++;
    addToDailyTotals(dailyTotals, parsed);
    const rawBody = JSON.stringify(payload).replace(apiKeyMember, maskedApiKeyMember);
    if (checking() && rawBody !== maskRawBody(JSON.stringify(payload))) {
      throw new Error("Bulk seed masks raw bodies unlike maskRawBody(): update writeApprovalSlice()");
    }
    const arrivals = [receivedAt];
    // An answer PaySsam did not get brings the same delivery back an hour later, up to 3 times.
    for (let retry = 1; retry <= retries; retry++) arrivals.push(new Date(receivedAt.getTime() + retry * HOUR_MS));
    await write("approvals", approvalRow(approvalId, parsed, receivedAt, arrivals.at(-1)!, arrivals.length));
    for (const [index, arrival] of arrivals.entries()) {
      deliveryId++;
      deliveries++;
      const delivery = { receivedAt: arrival, rawBody, duplicate: index > 0, remoteAddr: random.pick(senderAddresses) };
      await write("callback_deliveries", approvalDeliveryRow(deliveryId, delivery, parsed.billId, approvalId));
    }
  }

  while (written < rows) {
    // Indexed by rows written, cancellations included: they thin the instants evenly, and the
    // history still runs up to `now`.
    const approvedAt = instants[Math.min(written, rows - 1)];
    let biller = pickBiller(random);
    // A merchant bills only once it is live; redraw the few picked before their opening day.
    for (let attempt = 0; attempt < 8 && biller.openedAt > approvedAt; attempt++) biller = pickBiller(random);
    const state: ApprovalState = random.weighted([
      ["F", 965],
      ["W", 20],
      ["D", 15],
    ] as const);
    const payload = generateApproval(random, {
      apiKey,
      approvedAt: new Date(approvedAt),
      company: biller.merchant,
      state,
    });
    const receivedAt = new Date(approvedAt + random.int(1, 20) * 1000);
    await writeApproval(payload, receivedAt, random.chance(0.06) ? random.int(1, 3) : 0);
    // About 3% of approved card bills are cancelled later: a C approval of the same bill.
    if (state === "F" && payload.apprPayType !== "OFFLINE_CASH" && written < rows && random.chance(0.03)) {
      const cancelledAt = Math.min(approvedAt + random.int(1, 72) * HOUR_MS, slice.now);
      const cancelNumber = random.digits(8);
      await writeApproval(
        {
          ...payload,
          apprState: "C",
          apprDt: toKstCompact(new Date(cancelledAt)),
          apprOriginDt: payload.apprDt,
          apprNum: cancelNumber,
          apprOriginNum: payload.apprNum,
        },
        new Date(cancelledAt + random.int(1, 20) * 1000),
        0,
      );
    }
    // About 1% of deliveries are refused: a broken sender's mistakes, logged with the reason.
    if (random.chance(0.01)) {
      const { payload: faulty } = generateFaultyApproval(random, payload);
      const result = approvalCallbackSchema.safeParse(faulty);
      const errors = result.success
        ? []
        : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      deliveryId++;
      deliveries++;
      refused++;
      const receivedAt = new Date(parseKstCompact(String(payload.apprDt))!.getTime() + random.int(1, 20) * 1000);
      const rawBody = maskRawBody(JSON.stringify(faulty));
      await write(
        "callback_deliveries",
        refusedDeliveryRow(
          deliveryId,
          { receivedAt, rawBody, remoteAddr: random.pick(senderAddresses), billId: faulty.billId },
          errors,
        ),
      );
    }
    if (written % 5000 < 2) onProgress(written);
  }
  return {
    approvals: written,
    deliveries,
    refused,
    lastDeliveryId: deliveryId,
    dailyTotals: [...dailyTotals.values()],
  };
}

import { DAY_MS } from "@/lib/kst";
import { type AuthMappingPayload, generateMerchant, merchantTimeline, type Random } from "@/lib/simulator";
import type { SeededMerchant } from "./approval-slice";
import type { BulkWriter } from "./copy";
import { merchantDeliveryRow, merchantRow, senderAddresses, statusHistoryRow } from "./rows";

// The merchants of a bulk seed: each with its review-status timeline, one auth-mapping delivery
// and one status-history row per step, written in this thread (a tenth of the approvals' work).

export interface MerchantIds {
  merchant: number;
  delivery: number;
  history: number;
}

export interface SeededMerchants {
  /** The merchants that went live and were not deleted: they bill the approvals. */
  live: SeededMerchant[];
  statusChanges: number;
  /** The last ids used. */
  last: MerchantIds;
}

export async function writeMerchants(
  writer: BulkWriter,
  random: Random,
  options: { count: number; historyStart: number; now: number; after: MerchantIds },
  onProgress: (written: number) => void,
): Promise<SeededMerchants> {
  const { historyStart, now } = options;
  let { merchant: merchantId, delivery: deliveryId, history: historyId } = options.after;
  const live: SeededMerchant[] = [];
  const seen = new Set<string>();
  let statusChanges = 0;
  for (let index = 0; index < options.count; index++) {
    let merchant = generateMerchant(random);
    while (seen.has(`${merchant.memberId}/${merchant.merchantId}`)) merchant = generateMerchant(random);
    seen.add(`${merchant.memberId}/${merchant.merchantId}`);
    const timeline = merchantTimeline(random, merchant);
    // Most merchants were linked before the history starts; the rest join over the period.
    const appliedAt = random.chance(0.7)
      ? historyStart - random.int(1, 365) * DAY_MS
      : historyStart + random.next() * (now - historyStart - 30 * DAY_MS);
    merchantId++;
    let at = appliedAt;
    let openedAt: number | null = null;
    let last: AuthMappingPayload | undefined;
    let lastAt = at;
    // When the merchant entered its final status (a deleted O is still the same O).
    let statusSince = at;
    for (const payload of timeline) {
      deliveryId++;
      historyId++;
      statusChanges++;
      const rawBody = JSON.stringify(payload);
      const receivedAt = new Date(at);
      await writer.write(
        "callback_deliveries",
        merchantDeliveryRow(deliveryId, merchant, merchantId, {
          receivedAt,
          rawBody,
          remoteAddr: random.pick(senderAddresses),
        }),
      );
      await writer.write(
        "merchant_status_history",
        statusHistoryRow(historyId, merchantId, deliveryId, payload, receivedAt),
      );
      if (payload.merchant.reviewStatus === "O" && openedAt === null) openedAt = at;
      if (payload.merchant.reviewStatus !== last?.merchant.reviewStatus) statusSince = at;
      last = payload;
      lastAt = at;
      // Reviews take days; a reply to a document request, longer.
      at = Math.min(at + random.int(1, payload.merchant.reviewStatus === "S" ? 21 : 7) * DAY_MS, now);
    }
    const final = last!.merchant;
    await writer.write(
      "merchants",
      merchantRow(merchantId, last!, new Date(appliedAt), new Date(lastAt), new Date(statusSince)),
    );
    if (openedAt !== null && final.isDeleted !== "Y") live.push({ merchant, openedAt });
    if (index % 1000 === 0) onProgress(index + 1);
  }
  onProgress(options.count);
  return { live, statusChanges, last: { merchant: merchantId, delivery: deliveryId, history: historyId } };
}

import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type CallbackDelivery, callbackDeliveries } from "@/db/schema";
import type { CallbackFilters } from "@/lib/dashboard/callback-filters";
import { kstDayRange, pickColumns } from "./conditions";
import { cappedCount, fetchKeysetPage, newestFirst, timeOrder } from "./keyset";

function deliveriesWhere(filters: CallbackFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(eq(callbackDeliveries.kind, filters.kind));
  if (filters.outcome) conditions.push(eq(callbackDeliveries.outcome, filters.outcome));
  conditions.push(...kstDayRange(callbackDeliveries.receivedAt, filters));
  // Exact: the subject index (callback_deliveries_subject_idx) answers it at any size.
  if (filters.subject) conditions.push(eq(callbackDeliveries.subject, filters.subject));
  return and(...conditions);
}

const listColumns = pickColumns(callbackDeliveries, [
  "id",
  "kind",
  "endpoint",
  "receivedAt",
  "outcome",
  "httpStatus",
  "errorCode",
  "errorMessage",
  "subject",
  "approvalId",
  "merchantId",
  "reprocessOf",
  "errors",
  "bodyBytes",
]);

// What a refusal's Korean explanation (lib/dashboard/refusals.ts) needs beyond the list's columns:
// the head of its body, for the value received (the whole body can be a megabyte; a callback's
// fields fit well within this).
const refusalBodyHead = {
  refusalBody: sql<string | null>`case when ${callbackDeliveries.errorCode} is not null
    then left(${callbackDeliveries.rawBody}, 16384) end`,
};

const listAndRefusalColumns = { ...listColumns, ...refusalBodyHead };

/** A delivery as lists read it, with the head of a refused delivery's body to explain the refusal. */
export type DeliveryListRow = Pick<CallbackDelivery, keyof typeof listColumns> & { refusalBody: string | null };

const deliveryOrder = timeOrder(callbackDeliveries.receivedAt, callbackDeliveries.id);

export async function getCallbackDeliveriesPage(db: Database, filters: CallbackFilters) {
  return fetchKeysetPage(deliveryOrder, filters, deliveriesWhere(filters), (cursorValue) =>
    db
      .select({ ...listAndRefusalColumns, cursorValue })
      .from(callbackDeliveries)
      .$dynamic(),
  );
}

/** How many deliveries match, counted up to countCap. */
export function countCallbackDeliveries(db: Database, filters: CallbackFilters) {
  return cappedCount(
    db,
    db.select({ id: callbackDeliveries.id }).from(callbackDeliveries).where(deliveriesWhere(filters)).$dynamic(),
  );
}

export async function getCallbackDelivery(db: Database, id: number): Promise<CallbackDelivery | undefined> {
  const [delivery] = await db.select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id)).limit(1);
  return delivery;
}

function deliveryList(db: Database, where: SQL, order: SQL[], limit: number): Promise<DeliveryListRow[]> {
  return db
    .select(listAndRefusalColumns)
    .from(callbackDeliveries)
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

const latestFirst = newestFirst(callbackDeliveries.receivedAt, callbackDeliveries.id);

/** The deliveries that reprocessing this one produced, newest first. */
export function getReprocessResults(db: Database, id: number) {
  return deliveryList(db, eq(callbackDeliveries.reprocessOf, id), [sql`${callbackDeliveries.id} desc`], 50);
}

/** The deliveries that created or repeated an approval (retries included), newest first. */
export function getApprovalDeliveries(db: Database, approvalId: number) {
  return deliveryList(db, eq(callbackDeliveries.approvalId, approvalId), latestFirst, 100);
}

/** The latest deliveries about a merchant (its timeline's sources and its duplicates). */
export function getMerchantDeliveries(db: Database, merchantId: number) {
  return deliveryList(db, eq(callbackDeliveries.merchantId, merchantId), latestFirst, 50);
}

/** The latest refused deliveries (rejected or unauthorized), for the overview. */
export async function getLatestRefusedDeliveries(db: Database, limit: number): Promise<DeliveryListRow[]> {
  // One index range per outcome, merged: an IN over both would walk the whole received_at index
  // when refusals are rare.
  const refused = (outcome: "rejected" | "unauthorized") =>
    deliveryList(db, eq(callbackDeliveries.outcome, outcome), latestFirst, limit);
  const [rejected, unauthorized] = await Promise.all([refused("rejected"), refused("unauthorized")]);
  return [...rejected, ...unauthorized]
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.id - a.id)
    .slice(0, limit);
}

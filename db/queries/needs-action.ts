import "server-only";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { recordStaffAction } from "@/db/queries/audit-log";
import { merchantMemos, merchants } from "@/db/schema";
import type { AcknowledgeInput, MemoInput, NeedsActionFilters } from "@/lib/dashboard/needs-action";
import { type CappedCount, cappedCount, fetchKeysetPage, newestFirst, timeOrder } from "./keyset";

// 조치 필요: live merchants in R or S, longest waiting first. Every read here is served by
// merchants_needs_action_idx (a partial index over just those merchants), so it costs the same
// at 100,000 merchants as at 100.

export interface StaffMember {
  id: string;
  email: string;
  name: string;
}

const waiting = and(eq(merchants.isDeleted, false), inArray(merchants.reviewStatus, ["R", "S"])) as SQL;

function needsActionWhere(filters: Pick<NeedsActionFilters, "status" | "show">): SQL {
  const conditions = [waiting];
  if (filters.status) conditions.push(eq(merchants.reviewStatus, filters.status));
  if (filters.show === "open") conditions.push(isNull(merchants.acknowledgedAt));
  return and(...conditions) as SQL;
}

// Longest waiting first.
const waitingOrder = timeOrder(merchants.statusSince, merchants.id, false);

export async function getNeedsActionPage(db: Database, filters: NeedsActionFilters) {
  return fetchKeysetPage(waitingOrder, filters, needsActionWhere(filters), (cursorValue) =>
    db
      .select({
        id: merchants.id,
        memberId: merchants.memberId,
        merchantId: merchants.merchantId,
        companyName: merchants.companyName,
        branchName: merchants.branchName,
        reviewStatus: merchants.reviewStatus,
        reviewMessage: merchants.reviewMessage,
        statusSince: merchants.statusSince,
        acknowledgedAt: merchants.acknowledgedAt,
        acknowledgedByName: merchants.acknowledgedByName,
        version: sql<string>`${merchants.updatedAt}::text`,
        cursorValue,
      })
      .from(merchants)
      .$dynamic(),
  );
}

export type NeedsActionRow = Awaited<ReturnType<typeof getNeedsActionPage>>["rows"][number];

export type { CappedCount };

function countWaiting(db: Database, where: SQL): Promise<CappedCount> {
  return cappedCount(db, db.select({ id: merchants.id }).from(merchants).where(where).$dynamic());
}

/** Waiting merchants, those nobody has marked 확인, and each status: counted up to countCap. */
export async function getNeedsActionCounts(db: Database) {
  const [total, open, rejected, documents] = await Promise.all([
    countWaiting(db, needsActionWhere({ show: "all" })),
    countWaiting(db, needsActionWhere({ show: "open" })),
    countWaiting(db, needsActionWhere({ status: "R", show: "all" })),
    countWaiting(db, needsActionWhere({ status: "S", show: "all" })),
  ]);
  return { total, open, R: rejected, S: documents };
}

/** The overview's two figures. */
export async function getNeedsActionSummary(db: Database) {
  const [total, open] = await Promise.all([
    countWaiting(db, needsActionWhere({ show: "all" })),
    countWaiting(db, needsActionWhere({ show: "open" })),
  ]);
  return { total, open };
}

/** The merchant's updated_at as exact text: what a 확인 form sends back (see acknowledgeMerchant). */
export async function getMerchantVersion(db: Database, merchantId: number): Promise<string | null> {
  const [row] = await db
    .select({ version: sql<string>`${merchants.updatedAt}::text` })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  return row?.version ?? null;
}

export async function getMerchantMemos(db: Database, merchantId: number) {
  return db
    .select()
    .from(merchantMemos)
    .where(eq(merchantMemos.merchantId, merchantId))
    .orderBy(...newestFirst(merchantMemos.createdAt, merchantMemos.id))
    .limit(200);
}

export type AcknowledgeOutcome =
  | { status: "acknowledged"; at: Date }
  | { status: "already"; byName: string | null; at: Date | null }
  | { status: "changed" | "not-waiting" | "not-found" };

/**
 * Marks a waiting merchant 확인 by this staff member, only if it is still the review they saw
 * (its updated_at equals `version`), and records it in the audit log in the same transaction.
 */
export async function acknowledgeMerchant(
  db: Database,
  input: AcknowledgeInput,
  staff: StaffMember,
  clientAddr: string | null,
): Promise<AcknowledgeOutcome> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(merchants)
      .set({ acknowledgedAt: sql`now()`, acknowledgedById: staff.id, acknowledgedByName: staff.name || staff.email })
      .where(
        and(
          eq(merchants.id, input.merchantId),
          waiting,
          isNull(merchants.acknowledgedAt),
          sql`${merchants.updatedAt} = ${input.version}::timestamptz`,
        ),
      )
      .returning({
        acknowledgedAt: merchants.acknowledgedAt,
        reviewStatus: merchants.reviewStatus,
        memberId: merchants.memberId,
        merchantId: merchants.merchantId,
      });
    if (updated) {
      await recordStaffAction(tx as unknown as Database, {
        action: "merchant_acknowledged",
        actor: { id: staff.id, email: staff.email },
        target: `merchant #${input.merchantId}`,
        clientAddr,
        details: { reviewStatus: updated.reviewStatus, memberId: updated.memberId, merchantId: updated.merchantId },
      });
      return { status: "acknowledged", at: updated.acknowledgedAt as Date };
    }
    const [current] = await tx
      .select({
        isDeleted: merchants.isDeleted,
        reviewStatus: merchants.reviewStatus,
        acknowledgedAt: merchants.acknowledgedAt,
        acknowledgedByName: merchants.acknowledgedByName,
        unchanged: sql<boolean>`${merchants.updatedAt} = ${input.version}::timestamptz`,
      })
      .from(merchants)
      .where(eq(merchants.id, input.merchantId));
    if (!current) return { status: "not-found" };
    if (current.isDeleted || (current.reviewStatus !== "R" && current.reviewStatus !== "S")) {
      return { status: "not-waiting" };
    }
    if (!current.unchanged) return { status: "changed" };
    return { status: "already", byName: current.acknowledgedByName, at: current.acknowledgedAt };
  });
}

export type UndoAcknowledgeOutcome = { status: "undone" } | { status: "not-acknowledged" } | { status: "not-found" };

/**
 * 확인 취소: takes a merchant's 확인 back (it goes back on the 조치 필요 list as unseen), audit-logged
 * in the same transaction with whose 확인 it was.
 */
export async function undoMerchantAcknowledgement(
  db: Database,
  input: { merchantId: number },
  staff: StaffMember,
  clientAddr: string | null,
): Promise<UndoAcknowledgeOutcome> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ acknowledgedAt: merchants.acknowledgedAt, acknowledgedByName: merchants.acknowledgedByName })
      .from(merchants)
      .where(eq(merchants.id, input.merchantId))
      .for("update");
    if (!before) return { status: "not-found" };
    if (before.acknowledgedAt === null) return { status: "not-acknowledged" };
    await tx
      .update(merchants)
      .set({ acknowledgedAt: null, acknowledgedById: null, acknowledgedByName: null })
      .where(eq(merchants.id, input.merchantId));
    await recordStaffAction(tx as unknown as Database, {
      action: "merchant_acknowledgement_undone",
      actor: { id: staff.id, email: staff.email },
      target: `merchant #${input.merchantId}`,
      clientAddr,
      details: { acknowledgedBy: before.acknowledgedByName, acknowledgedAt: before.acknowledgedAt.toISOString() },
    });
    return { status: "undone" };
  });
}

export type MemoOutcome = { status: "added"; memoId: number } | { status: "not-found" };

/** Adds a memo to a merchant's timeline, audit-logged in the same transaction. */
export async function addMerchantMemo(
  db: Database,
  input: MemoInput,
  staff: StaffMember,
  clientAddr: string | null,
): Promise<MemoOutcome> {
  return db.transaction(async (tx) => {
    const [merchant] = await tx
      .select({ id: merchants.id })
      .from(merchants)
      .where(eq(merchants.id, input.merchantId))
      .for("share");
    if (!merchant) return { status: "not-found" };
    const [memo] = await tx
      .insert(merchantMemos)
      .values({
        merchantId: input.merchantId,
        body: input.body,
        authorId: staff.id,
        authorName: staff.name || staff.email,
      })
      .returning({ id: merchantMemos.id });
    await recordStaffAction(tx as unknown as Database, {
      action: "merchant_memo_added",
      actor: { id: staff.id, email: staff.email },
      target: `merchant #${input.merchantId}`,
      clientAddr,
      details: { memoId: memo.id, length: [...input.body].length },
    });
    return { status: "added", memoId: memo.id };
  });
}

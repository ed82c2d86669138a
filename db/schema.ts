import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

// Enums: the code lists exist here once; lib/payssam/codes.ts attaches Korean labels to them.

export const reviewStatus = pgEnum("review_status", ["N", "W", "P", "R", "S", "O"]);
export const approvalState = pgEnum("approval_state", ["F", "W", "C", "D"]);
export const callbackKind = pgEnum("callback_kind", ["auth_mapping", "approval", "unknown"]);
export const deliveryOutcome = pgEnum("delivery_outcome", ["accepted", "duplicate", "rejected", "unauthorized"]);
export const payloadVersion = pgEnum("payload_version", ["v1", "v2"]);
// review_status: a merchant entered R or S; refusal: a subject's first refusal of a retry episode;
// deadline: 4 hours before PaySsam stops retrying it; unauthenticated: a digest of wrong-token requests.
// missing_callback / mismatch: reconciliation found a payment no callback told us of, or one PaySsam
// records differently; reconciliation_stopped: a pass gave up after PaySsam's API failed repeatedly
// (lib/reconcile/).
export const alertKind = pgEnum("alert_kind", [
  "review_status",
  "refusal",
  "deadline",
  "unauthenticated",
  "missing_callback",
  "mismatch",
  "reconciliation_stopped",
]);
export const alertStatus = pgEnum("alert_status", ["pending", "sent", "failed"]);

const timestamptz = (name?: string) =>
  name ? timestamp(name, { withTimezone: true }) : timestamp({ withTimezone: true });

export const merchants = pgTable(
  "merchants",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    memberId: varchar({ length: 60 }).notNull(),
    merchantId: varchar({ length: 60 }).notNull(),
    payssamMemberId: text(),
    companyName: text(),
    branchName: text(),
    businessNumber: text(),
    reviewStatus: reviewStatus().notNull(),
    reviewMessage: text(),
    isDeleted: boolean().notNull().default(false),
    // Fields PaySsam may add later are kept rather than dropped.
    extra: jsonb().$type<Record<string, unknown>>(),
    firstSeenAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    // When the merchant entered its current review status: how long an R or S has waited.
    statusSince: timestamptz().notNull().defaultNow(),
    // A staff member's 확인 of the current R/S review (who and when). Cleared by the receiver when
    // the review status or message changes, so a new request is never hidden by an old 확인.
    acknowledgedAt: timestamptz(),
    acknowledgedById: text(),
    acknowledgedByName: text(),
    // One lower-cased haystack for the dashboard's search box, trigram-indexed so that a
    // substring search stays fast at 100,000 merchants. The business number is kept as digits
    // only, so "123-45-67890" and "1234567890" find the same merchant.
    searchText: text()
      .notNull()
      .generatedAlwaysAs(
        sql`lower(coalesce(company_name, '') || ' ' || coalesce(branch_name, '') || ' ' || member_id || ' ' || merchant_id || ' ' || coalesce(regexp_replace(business_number, '[^0-9]', '', 'g'), ''))`,
      ),
  },
  (t) => [
    unique("merchants_member_merchant_key").on(t.memberId, t.merchantId),
    index("merchants_search_text_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("merchants_review_status_updated_idx").on(t.reviewStatus, t.updatedAt.desc(), t.id.desc()),
    index("merchants_updated_idx").on(t.updatedAt.desc(), t.id.desc()),
    // The status counts (overview, merchants tabs) as an index-only scan rather than a read of
    // every merchant row: 35 → 14 ms at 100,000 merchants (bench/, issue 5).
    index("merchants_deleted_status_idx").on(t.isDeleted, t.reviewStatus),
    // 조치 필요: live merchants in R or S, longest waiting first, and their unacknowledged count,
    // read from this small index alone.
    index("merchants_needs_action_idx")
      .on(t.statusSince.desc(), t.id.desc(), t.reviewStatus, t.acknowledgedAt)
      .where(sql`${t.isDeleted} = false and ${t.reviewStatus} in ('R', 'S')`),
  ],
);

// Staff notes on a merchant (calls made, documents promised); shown on its timeline.
export const merchantMemos = pgTable(
  "merchant_memos",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    merchantId: bigint({ mode: "number" })
      .notNull()
      .references(() => merchants.id),
    body: text().notNull(),
    // The author as they were when writing: a removed account's memos keep their name.
    authorId: text(),
    authorName: text().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index("merchant_memos_merchant_idx").on(t.merchantId, t.createdAt.desc(), t.id.desc())],
);

// A refusal PaySsam keeps retrying for 24 hours: refused for its content (rejected) or its apiKey
// (1102). Wrong-token refusals are left out: they name no subject and are mostly not PaySsam.
const refusedCondition = (t: { outcome: AnyPgColumn; errorCode: AnyPgColumn }) =>
  sql`(${t.outcome} = 'rejected' or ${t.errorCode} = '1102')`;

export const callbackDeliveries = pgTable(
  "callback_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    kind: callbackKind().notNull(),
    // The path that received it: PaySsam may send either kind to /api/callbacks.
    endpoint: text().notNull(),
    receivedAt: timestamptz().notNull().defaultNow(),
    // As received, except that the apiKey value is masked. Not jsonb: invalid JSON is kept too.
    // Null once the retention job dropped it (accepted and duplicate deliveries older than
    // RETENTION_DAYS): the row and its outcome stay, and bodyPrunedAt says when.
    rawBody: text(),
    bodyBytes: integer().notNull(),
    outcome: deliveryOutcome().notNull(),
    httpStatus: smallint().notNull(),
    errorCode: varchar({ length: 4 }),
    errorMessage: text(),
    errors: jsonb().$type<{ path: string; message: string }[]>(),
    // From the trusted source only (lib/http/client-address.ts), at most 64 characters.
    remoteAddr: text(),
    // billId for approvals, memberId/merchantId for merchants: lets the log be searched by subject.
    subject: text(),
    approvalId: bigint({ mode: "number" }).references(() => approvals.id),
    merchantId: bigint({ mode: "number" }).references(() => merchants.id),
    // Set on the new delivery row that an operator's reprocessing of an earlier one produced.
    reprocessOf: bigint({ mode: "number" }).references((): any => callbackDeliveries.id),
    bodyPrunedAt: timestamptz(),
    // Whether an approval's apiKey was checked against PAYSSAM_API_KEYS when it arrived. The stored
    // body has the key masked, so reprocessing an approval whose key was not checked is refused
    // while PAYSSAM_API_KEYS is set: it cannot get around the allow-list.
    apiKeyVerified: boolean().notNull().default(false),
  },
  (t) => [
    check("callback_deliveries_remote_addr_length", sql`char_length(${t.remoteAddr}) <= 64`),
    index("callback_deliveries_received_idx").on(t.receivedAt.desc(), t.id.desc()),
    index("callback_deliveries_outcome_received_idx").on(t.outcome, t.receivedAt.desc(), t.id.desc()),
    index("callback_deliveries_approval_idx").on(t.approvalId),
    // Partial: approval deliveries (nearly all rows) have no merchant and are not reprocessings, so
    // every callback would otherwise add a NULL entry that no query reads. `= $1` implies
    // IS NOT NULL, so the merchant and reprocessing lookups and foreign-key checks still use them.
    index("callback_deliveries_merchant_idx").on(t.merchantId).where(sql`${t.merchantId} IS NOT NULL`),
    index("callback_deliveries_subject_idx").on(t.subject),
    index("callback_deliveries_reprocess_of_idx").on(t.reprocessOf).where(sql`${t.reprocessOf} IS NOT NULL`),
    // The retention job's work list: only rows that still hold a body it may drop, so each run
    // finds the oldest ones at once instead of re-reading every row it already pruned.
    index("callback_deliveries_body_retention_idx")
      .on(t.receivedAt, t.id)
      .where(sql`raw_body IS NOT NULL AND outcome IN ('accepted', 'duplicate')`),
    // 재시도 마감 reads the refusals of the last days from here, whatever the log's size.
    index("callback_deliveries_refused_idx").on(t.receivedAt.desc(), t.id.desc()).where(refusedCondition(t)),
  ],
);

/** The WHERE of callback_deliveries_refused_idx, for the queries that read it. */
export const refusedDeliveryCondition = refusedCondition(callbackDeliveries);

export const merchantStatusHistory = pgTable(
  "merchant_status_history",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    merchantId: bigint({ mode: "number" })
      .notNull()
      .references(() => merchants.id),
    deliveryId: bigint({ mode: "number" })
      .notNull()
      .references(() => callbackDeliveries.id),
    reviewStatus: reviewStatus().notNull(),
    reviewMessage: text(),
    isDeleted: boolean().notNull(),
    companyName: text(),
    branchName: text(),
    receivedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index("merchant_status_history_merchant_idx").on(t.merchantId, t.receivedAt.desc(), t.id.desc()),
    // Deleting a delivery checks that no history row points at it: without this index, each delete
    // of the retention job scanned the whole history (a 2,000-row batch took ~50 s at 216,000 rows).
    index("merchant_status_history_delivery_idx").on(t.deliveryId),
  ],
);

export const approvals = pgTable(
  "approvals",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    billId: varchar({ length: 20 }).notNull(),
    apprState: approvalState().notNull(),
    apprNum: text(),
    apprOriginNum: text(),
    apprPayType: text(),
    apprCardType: text(),
    apprDt: timestamptz().notNull(),
    apprOriginDt: timestamptz(),
    // Whole won. bigint: PaySsam allows 10 digits, beyond int4.
    apprPrice: bigint({ mode: "number" }).notNull(),
    apprIssuer: text(),
    apprIssuerCd: text(),
    apprIssuerNum: text(),
    apprAcquirerCd: text(),
    apprAcquirerNm: text(),
    apprResCd: text(),
    apprMonthly: smallint(),
    apprCashNum: text(),
    apprCashTrader: text(),
    apprCashIssuanceNumber: text(),
    apprCardMerchantNum: text(),
    catId: text(),
    udItem: jsonb().$type<unknown>(),
    dscTxNum: text(),
    cardType: text(),
    apprSign: text(),
    apiKeyMasked: text(),
    payloadVersion: payloadVersion().notNull(),
    extra: jsonb().$type<Record<string, unknown>>(),
    // Callbacks that delivered this approval: 0 for one reconciliation recovered from /bill/read
    // before any callback came (a later callback then counts as its first delivery).
    deliveryCount: integer().notNull().default(1),
    // Set when the row was stored from PaySsam's /bill/read by reconciliation (콜백 누락), not by a callback.
    recoveredAt: timestamptz(),
    firstReceivedAt: timestamptz().notNull().defaultNow(),
    lastReceivedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    // A retry of the same approval carries the same three values. NULLS NOT DISTINCT so that
    // an approval without apprNum is still deduplicated (PostgreSQL 15+).
    unique("approvals_bill_state_num_key").on(t.billId, t.apprState, t.apprNum).nullsNotDistinct(),
    // billId search ignores case ("HC-" finds "hc-…"): exact and prefix compare lower(bill_id),
    // and text_pattern_ops keeps the prefix range index-backed whatever the collation is.
    index("approvals_bill_id_lower_idx").using("btree", sql`lower(${t.billId}) text_pattern_ops`),
    index("approvals_appr_dt_idx").on(t.apprDt.desc(), t.id.desc()),
    // appr_price last: the overview's daily sums and the capped summary's sum of a state + date
    // filter become index-only scans (no heap reads for 30 days of approvals).
    index("approvals_state_appr_dt_idx").on(t.apprState, t.apprDt.desc(), t.id.desc(), t.apprPrice),
    // Keyset pagination of the list sorted by amount. appr_issuer last: an amount range + issuer
    // filter's capped summary reads the index only (155 → 28 ms at 1,000,000 approvals).
    index("approvals_price_idx").on(t.apprPrice.desc(), t.id.desc(), t.apprIssuer),
  ],
);

// Approvals per KST day, state and pay type, for the overview: its 30 days of counts and sums read
// a few thousand rows here instead of every approval of the month (issue 12). Kept exact by the one
// statement that stores an approval (recordApproval in db/queries/record-callback.ts): a new
// approval adds itself in the same statement, a retry adds nothing. Backfilled by its migration,
// filled by the bulk seed.
//
// Each key is split over `dailyTotalSlots` rows (the approval's id picks one), and readers add
// them up: a statement holds its row's lock until it commits, so with every callback of the day
// on one row (today, F, CARD_VAN), concurrent callbacks would queue behind each other's commits.
export const dailyTotalSlots = 16;

export const approvalDailyTotals = pgTable(
  "approval_daily_totals",
  {
    apprState: approvalState().notNull(),
    // The KST calendar day of apprDt (db/queries/kst-day.ts).
    day: date({ mode: "string" }).notNull(),
    // '' for an approval without apprPayType: a key column cannot be NULL.
    apprPayType: text().notNull(),
    // 0 to dailyTotalSlots - 1.
    slot: smallint().notNull(),
    approvals: bigint({ mode: "number" }).notNull(),
    // Whole won.
    amount: bigint({ mode: "number" }).notNull(),
  },
  // State first: the overview reads one state's days as one range.
  (t) => [primaryKey({ name: "approval_daily_totals_pkey", columns: [t.apprState, t.day, t.apprPayType, t.slot] })],
);

// Merchants per review status, deleted or not, for the overview's cards and the merchants tabs
// without a search: counting 300,000 merchants on every request cost 90 ms (issue 12). Kept by a
// trigger on merchants (migration 0006), whoever writes them: an UPDATE's OLD row is the one it
// replaced, so a status change subtracts from the right status even under concurrent callbacks.
// Split over 16 rows per key like approval_daily_totals (the merchant's id picks one).
export const merchantStatusCounts = pgTable(
  "merchant_status_counts",
  {
    isDeleted: boolean().notNull(),
    reviewStatus: reviewStatus().notNull(),
    slot: smallint().notNull(),
    merchants: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "merchant_status_counts_pkey", columns: [t.isDeleted, t.reviewStatus, t.slot] })],
);

// Requests refused for a missing or wrong URL token, per minute. Only the first few of a minute are
// logged as deliveries (with a short, masked head of the body); the rest are only counted here, so
// a flood from a stranger costs a counter update, not a megabyte of log each.
export const unauthenticatedRequests = pgTable("unauthenticated_requests", {
  minute: timestamptz().primaryKey(),
  received: integer().notNull().default(0),
  // How many of them were written to callback_deliveries.
  logged: integer().notNull().default(0),
});

// Alerts waiting for, or done with, the webhook (lib/alerts/). A callback's alert is written in the
// callback's own statement, so it exists exactly when the delivery was stored; a sender claims due
// rows with a lease (FOR UPDATE SKIP LOCKED), so two instances never post the same alert.
export const alertOutbox = pgTable(
  "alert_outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    kind: alertKind().notNull(),
    status: alertStatus().notNull().default("pending"),
    // One alert per event (a retry episode's first refusal, its deadline, an hour's digest). Null on
    // a refusal until the sender has placed it in its episode.
    dedupeKey: text(),
    subject: text(),
    merchantId: bigint({ mode: "number" }),
    deliveryId: bigint({ mode: "number" }),
    // What the message is built from, captured when the alert was queued.
    facts: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // The text as last posted, for the /alerts page.
    text: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamptz().notNull().defaultNow(),
    leaseUntil: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    sentAt: timestamptz(),
  },
  (t) => [
    uniqueIndex("alert_outbox_dedupe_key").on(t.dedupeKey),
    index("alert_outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index("alert_outbox_created_idx").on(t.createdAt.desc(), t.id.desc()),
  ],
);

// Who did what on the dashboard: sign-ins (failed ones too), user management, reprocessing,
// exports and every later staff action. Kept at least a year (see the retention job).
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamptz().notNull().defaultNow(),
    // Null when nobody is signed in (a failed sign-in); the email is kept as typed then.
    actorId: text(),
    actorEmail: text(),
    // One of lib/audit/actions.ts: text rather than an enum, so a new staff action needs no migration.
    action: text().notNull(),
    // What the action was about: a user's email, a delivery id, an export's filter.
    target: text(),
    clientAddr: varchar({ length: 64 }),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at.desc(), t.id.desc()),
    index("audit_log_action_at_idx").on(t.action, t.at.desc(), t.id.desc()),
    index("audit_log_actor_at_idx").on(t.actorEmail, t.at.desc(), t.id.desc()),
  ],
);

export type Merchant = typeof merchants.$inferSelect;
export type NewMerchant = typeof merchants.$inferInsert;
export type MerchantStatusChange = typeof merchantStatusHistory.$inferSelect;
export type MerchantMemo = typeof merchantMemos.$inferSelect;
export type Approval = typeof approvals.$inferSelect;
export type NewApproval = typeof approvals.$inferInsert;
export type ApprovalDailyTotal = typeof approvalDailyTotals.$inferSelect;
export type CallbackDelivery = typeof callbackDeliveries.$inferSelect;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
export type NewCallbackDelivery = typeof callbackDeliveries.$inferInsert;
export type ReviewStatus = (typeof reviewStatus.enumValues)[number];
export type ApprovalState = (typeof approvalState.enumValues)[number];
export type CallbackKind = (typeof callbackKind.enumValues)[number];
export type DeliveryOutcome = (typeof deliveryOutcome.enumValues)[number];
export type Alert = typeof alertOutbox.$inferSelect;
export type AlertKind = (typeof alertKind.enumValues)[number];
export type AlertStatus = (typeof alertStatus.enumValues)[number];

// Staff accounts and sessions (Better Auth): their own module, the same migrations.
export * from "./auth-schema";
// The partner's bills and their reconciliation against PaySsam's record.
export * from "./bills-schema";

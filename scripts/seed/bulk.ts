import { once } from "node:events";
import { availableParallelism } from "node:os";
import type { Writable } from "node:stream";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { SingleBar } from "cli-progress";
import type { Sql } from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import type { ApprovalState } from "@/db/schema";
import { env } from "@/lib/env";
import { parseKstCompact, toKstCompact } from "@/lib/kst";
import { maskRawBody, maskSecret } from "@/lib/mask";
import { errorCodes } from "@/lib/payssam/answers";
import { type ApprovalCallback, approvalCallbackSchema } from "@/lib/payssam/approval";
import {
  type AuthMappingPayload,
  createRandom,
  generateApiKey,
  generateApproval,
  generateFaultyApproval,
  generateMerchant,
  kstBusinessTime,
  merchantTimeline,
  type Random,
  type SimulatedMerchant,
} from "@/lib/simulator";

// Bulk seeding for scale tests (issue 5): years of history written straight into the tables with
// COPY, because going through the receiver (one round trip per callback, as the demo seed does)
// would take an hour for a million approvals. Payloads come from lib/simulator, the project's one
// source of realistic values; how they become stored values is checked against the receiver's
// own zod schema and masking on the first rows of every run, so stored rows are what the receiver
// would have stored. The rows are linked as the receiver links them: each approval has its
// accepted delivery (plus PaySsam's retries, logged as duplicates), each merchant its timeline of
// deliveries and status-history rows, and an approval's billId starts with the business number
// of the live merchant that billed it.

export interface BulkSeedOptions {
  approvals: number;
  merchants: number;
  /** Same seed, same data. */
  seed?: string;
  /** The end of the history; approvals span `years` before it. */
  now?: Date;
  years?: number;
  progress?: boolean;
}

export interface BulkSeedSummary {
  approvals: number;
  merchants: number;
  deliveries: number;
  /** Deliveries the receiver would have refused (invalid fields), logged as rejected. */
  refusedDeliveries: number;
  statusChanges: number;
  seconds: number;
}

export const bulkDefaults = {
  postgres: { approvals: 1_000_000, merchants: 100_000 },
  // PGlite is one single-threaded process that also serves the app: a tenth of the data.
  pglite: { approvals: 100_000, merchants: 10_000 },
} as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// PaySsam's senders, as the log's remote address shows them.
const senderAddresses = ["211.43.14.101", "211.43.14.102", "121.254.175.36"] as const;

// COPY's text format: tab-separated, \N for NULL, and only backslash, tab and line breaks escaped.
// Cheaper than CSV here, whose quoting would rewrite every quote of every stored JSON body.
const needsEscape = /[\\\t\n\r]/;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One row of COPY ... FROM STDIN (text format). */
function copyRow(values: readonly unknown[]): string {
  let line = "";
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) line += "\t";
    if (value === null || value === undefined) {
      line += "\\N";
      continue;
    }
    if (typeof value === "number" || typeof value === "boolean") {
      line += value;
      continue;
    }
    const text = value instanceof Date ? value.toISOString() : String(value);
    line += needsEscape.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => escapes[character]) : text;
  }
  return `${line}\n`;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

// The four tables are written at once, and foreign keys link them: deliveries point at
// approvals and merchants, status changes at deliveries. A COPY checks its foreign keys when it
// ends, against committed rows only, so the copies end in this order.
const tableOrder = ["merchants", "approvals", "callback_deliveries", "merchant_status_history"] as const;
type SeededTable = (typeof tableOrder)[number];

interface BulkWriter {
  write(table: SeededTable, values: readonly unknown[]): Promise<void>;
  /** Rows already in COPY text form (from a worker). */
  writeText(table: SeededTable, text: string): Promise<void>;
  finish(): Promise<void>;
}

// COPY through postgres.js's writable streams, one connection per table, flushed in ~1 MB
// chunks with back-pressure.
async function postgresWriter(client: Sql): Promise<BulkWriter> {
  const streams = new Map<SeededTable, { stream: Writable; buffer: string }>();
  for (const table of tableOrder) {
    const stream: Writable = await client
      .unsafe(`COPY ${table} (${columnsOf[table].join(", ")}) FROM STDIN`)
      .writable();
    streams.set(table, { stream, buffer: "" });
  }
  const flush = async (table: SeededTable) => {
    const target = streams.get(table)!;
    if (target.buffer === "") return;
    const chunk = target.buffer;
    target.buffer = "";
    if (!target.stream.write(chunk)) await once(target.stream, "drain");
  };
  const writeText = async (table: SeededTable, text: string) => {
    const target = streams.get(table)!;
    target.buffer += text;
    if (target.buffer.length > 1 << 20) await flush(table);
  };
  return {
    write: (table, values) => writeText(table, copyRow(values)),
    writeText,
    async finish() {
      for (const table of tableOrder) {
        await flush(table);
        const { stream } = streams.get(table)!;
        const finished = once(stream, "finish");
        stream.end();
        await finished;
      }
    },
  };
}

// PGlite has no socket to stream to: its COPY reads a Blob. Every ~16 MB all four tables are
// copied, in foreign-key order, each COPY its own transaction.
function pgliteWriter(client: PGlite): BulkWriter {
  const parts = new Map<SeededTable, string[]>(tableOrder.map((table) => [table, []]));
  let size = 0;
  const flushAll = async () => {
    for (const table of tableOrder) {
      const rows = parts.get(table)!;
      if (rows.length === 0) continue;
      parts.set(table, []);
      await client.query(`COPY ${table} (${columnsOf[table].join(", ")}) FROM '/dev/blob'`, [], {
        blob: new Blob(rows),
      });
    }
    size = 0;
  };
  const writeText = async (table: SeededTable, text: string) => {
    parts.get(table)!.push(text);
    size += text.length;
    if (size > 16 << 20) await flushAll();
  };
  return {
    write: (table, values) => writeText(table, copyRow(values)),
    writeText,
    finish: flushAll,
  };
}

const merchantColumns = [
  "id",
  "member_id",
  "merchant_id",
  "payssam_member_id",
  "company_name",
  "branch_name",
  "business_number",
  "review_status",
  "review_message",
  "is_deleted",
  "first_seen_at",
  "updated_at",
  "status_since",
] as const;

const historyColumns = [
  "id",
  "merchant_id",
  "delivery_id",
  "review_status",
  "review_message",
  "is_deleted",
  "company_name",
  "branch_name",
  "received_at",
] as const;

const deliveryColumns = [
  "id",
  "kind",
  "endpoint",
  "received_at",
  "raw_body",
  "body_bytes",
  "outcome",
  "http_status",
  "error_code",
  "error_message",
  "errors",
  "remote_addr",
  "subject",
  "approval_id",
  "merchant_id",
] as const;

const approvalColumns = [
  "id",
  "bill_id",
  "appr_state",
  "appr_num",
  "appr_origin_num",
  "appr_pay_type",
  "appr_card_type",
  "appr_dt",
  "appr_origin_dt",
  "appr_price",
  "appr_issuer",
  "appr_issuer_cd",
  "appr_issuer_num",
  "appr_acquirer_cd",
  "appr_acquirer_nm",
  "appr_res_cd",
  "appr_monthly",
  "appr_cash_num",
  "appr_cash_trader",
  "appr_cash_issuance_number",
  "appr_card_merchant_num",
  "cat_id",
  "ud_item",
  "dsc_tx_num",
  "card_type",
  "appr_sign",
  "api_key_masked",
  "payload_version",
  "extra",
  "delivery_count",
  "first_received_at",
  "last_received_at",
] as const;

const columnsOf: Record<SeededTable, readonly string[]> = {
  merchants: merchantColumns,
  approvals: approvalColumns,
  callback_deliveries: deliveryColumns,
  merchant_status_history: historyColumns,
};

function openWriter(handle: DatabaseHandle): Promise<BulkWriter> {
  const client = (handle.db as unknown as { $client: Sql | PGlite }).$client;
  return handle.driver === "postgres" ? postgresWriter(client as Sql) : Promise.resolve(pgliteWriter(client as PGlite));
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
function approvalInstants(random: Random, count: number, now: Date, years: number): Float64Array {
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

interface SeededMerchant {
  merchant: SimulatedMerchant;
  openedAt: number;
}

const text = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);
const kstInstant = (value: unknown): Date | null => (text(value) === null ? null : parseKstCompact(String(value)));

/**
 * What the receiver stores for a simulated payload. approvalCallbackSchema is the authority, but
 * at ~25 µs a parse it would be a sixth of the seed's time, so this direct mapping is used instead
 * and checked against the schema on the first rows of every run (see checkedRow).
 */
function storedApproval(payload: Record<string, unknown>): ApprovalCallback {
  const month = text(payload.apprMonthly);
  return {
    apiKey: text(payload.apiKey),
    billId: String(payload.billId),
    apprPayType: text(payload.apprPayType),
    apprCardType: text(payload.apprCardType),
    apprDt: kstInstant(payload.apprDt)!,
    apprOriginDt: kstInstant(payload.apprOriginDt),
    apprPrice: Number(payload.apprPrice),
    apprIssuer: text(payload.apprIssuer),
    apprIssuerCd: text(payload.apprIssuerCd),
    apprIssuerNum: text(payload.apprIssuerNum),
    apprAcquirerCd: text(payload.apprAcquirerCd),
    apprAcquirerNm: text(payload.apprAcquirerNm),
    apprNum: text(payload.apprNum),
    apprOriginNum: text(payload.apprOriginNum),
    apprResCd: text(payload.apprResCd),
    apprMonthly: month === null ? null : Number(month),
    apprState: payload.apprState as ApprovalState,
    apprCashNum: text(payload.apprCashNum),
    apprCashTrader: text(payload.apprCashTrader),
    apprCashIssuanceNumber: text(payload.apprCashIssuanceNumber),
    apprCardMerchantNum: text(payload.apprCardMerchantNum),
    catId: text(payload.catId),
    udItem: payload.udItem ?? null,
    dscTxNum: text(payload.dscTxNum),
    cardType: text(payload.cardType),
    apprSign: text(payload.apprSign),
    extra: null,
  };
}

const SCHEMA_CHECKED_ROWS = 2000;

/** The stored values of a payload, also through the receiver's schema, which must agree. */
function checkedRow(payload: Record<string, unknown>): ApprovalCallback {
  const stored = storedApproval(payload);
  const parsed = approvalCallbackSchema.parse(payload);
  if (!isDeepStrictEqual(parsed, stored)) {
    throw new Error(
      `Bulk seed mapping disagrees with approvalCallbackSchema for ${stored.billId}: update storedApproval()`,
    );
  }
  return stored;
}

function approvalRow(id: number, approval: ApprovalCallback, receivedAt: Date, lastReceivedAt: Date, count: number) {
  return [
    id,
    approval.billId,
    approval.apprState,
    approval.apprNum,
    approval.apprOriginNum,
    approval.apprPayType,
    approval.apprCardType,
    approval.apprDt,
    approval.apprOriginDt,
    approval.apprPrice,
    approval.apprIssuer,
    approval.apprIssuerCd,
    approval.apprIssuerNum,
    approval.apprAcquirerCd,
    approval.apprAcquirerNm,
    approval.apprResCd,
    approval.apprMonthly,
    approval.apprCashNum,
    approval.apprCashTrader,
    approval.apprCashIssuanceNumber,
    approval.apprCardMerchantNum,
    approval.catId,
    json(approval.udItem),
    approval.dscTxNum,
    approval.cardType,
    approval.apprSign,
    approval.apiKey ? maskSecret(approval.apiKey) : null,
    "v2",
    json(approval.extra),
    count,
    receivedAt,
    lastReceivedAt,
  ];
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

interface SliceResult {
  approvals: number;
  deliveries: number;
  refused: number;
  lastDeliveryId: number;
}

type RowSink = (table: SeededTable, values: readonly unknown[]) => Promise<void>;

/** One stretch of the approval history: its approvals, their deliveries and refused deliveries. */
async function writeApprovalSlice(
  slice: ApprovalSlice,
  write: RowSink,
  onProgress: (rows: number) => void,
): Promise<SliceResult> {
  const random = createRandom(slice.seed);
  const { apiKey, instants } = slice;
  const rows = instants.length;
  const pickBiller = cumulativeSampler(slice.billers, (_, index) => 1 / (slice.ranks[index] + 1) ** 0.8);
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
    const parsed = checking() ? checkedRow(payload) : storedApproval(payload);
    approvalId++;
    written++;
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
      await write("callback_deliveries", [
        deliveryId,
        "approval",
        "/api/callbacks/approval",
        arrival,
        rawBody,
        Buffer.byteLength(rawBody),
        index === 0 ? "accepted" : "duplicate",
        200,
        null,
        null,
        null,
        random.pick(senderAddresses),
        parsed.billId,
        approvalId,
        null,
      ]);
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
      const first = errors[0] ?? { path: "body", message: "is invalid" };
      const rawBody = maskRawBody(JSON.stringify(faulty));
      deliveryId++;
      deliveries++;
      refused++;
      await write("callback_deliveries", [
        deliveryId,
        "approval",
        "/api/callbacks/approval",
        new Date(parseKstCompact(String(payload.apprDt))!.getTime() + random.int(1, 20) * 1000),
        rawBody,
        Buffer.byteLength(rawBody),
        "rejected",
        400,
        errorCodes.invalidPayload,
        `Invalid payment approval callback: ${first.path || "body"} ${first.message}.`,
        json(errors),
        random.pick(senderAddresses),
        typeof faulty.billId === "string" ? faulty.billId.slice(0, 200) : null,
        null,
        null,
      ]);
    }
    if (written % 5000 < 2) onProgress(written);
  }
  return { approvals: written, deliveries, refused, lastDeliveryId: deliveryId };
}

const workerChunkSize = 1 << 20;

/** Runs a slice in a worker thread; its rows come back as COPY text, one chunk in flight at a time. */
function runSliceWorker(
  slice: ApprovalSlice,
  writeText: (table: SeededTable, text: string) => Promise<void>,
  onProgress: (rows: number) => void,
): Promise<SliceResult> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader on Node 20: register it, then load this module.
    const loader = JSON.stringify(import.meta.resolve("tsx/esm/api"));
    const worker = new Worker(
      `import(${loader}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
      { eval: true, workerData: { bulkSeedSlice: slice } },
    );
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "done") {
        resolve(message.result);
        return;
      }
      onProgress(message.rows);
      writeText(message.table, message.text).then(
        () => worker.postMessage("next"),
        (error) => {
          reject(error);
          worker.terminate();
        },
      );
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`Bulk seed worker exited with ${code}`));
    });
  });
}

type WorkerMessage =
  | { kind: "rows"; table: SeededTable; text: string; rows: number }
  | { kind: "done"; result: SliceResult };

async function sliceWorkerMain(slice: ApprovalSlice, port: MessagePort) {
  const buffers = new Map<SeededTable, string>();
  let rows = 0;
  const send = async (table: SeededTable) => {
    const text = buffers.get(table) ?? "";
    if (text === "") return;
    buffers.set(table, "");
    const answered = once(port, "message");
    port.postMessage({ kind: "rows", table, text, rows } satisfies WorkerMessage);
    await answered;
  };
  const result = await writeApprovalSlice(
    slice,
    async (table, values) => {
      const text = (buffers.get(table) ?? "") + copyRow(values);
      buffers.set(table, text);
      if (text.length > workerChunkSize) await send(table);
    },
    (written) => {
      rows = written;
    },
  );
  rows = result.approvals;
  for (const table of tableOrder) await send(table);
  port.postMessage({ kind: "done", result } satisfies WorkerMessage);
}

if (!isMainThread && workerData?.bulkSeedSlice && parentPort) {
  await sliceWorkerMain(workerData.bulkSeedSlice as ApprovalSlice, parentPort as unknown as MessagePort);
}

export async function seedBulk(handle: DatabaseHandle, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const years = options.years ?? 2;
  const historyStart = now.getTime() - years * 365 * DAY_MS;
  const { db } = handle;

  // Explicit ids (so deliveries can point at their approval without a round trip), continuing
  // after whatever the tables already hold; the sequences are moved past them at the end.
  const { sql } = await import("drizzle-orm");
  const { rowsOf } = await import("@/db");
  const [start] = rowsOf<{ merchants: string; deliveries: string; approvals: string; history: string }>(
    await db.execute(sql`
      SELECT (SELECT coalesce(max(id), 0) FROM merchants)::text AS merchants,
        (SELECT coalesce(max(id), 0) FROM callback_deliveries)::text AS deliveries,
        (SELECT coalesce(max(id), 0) FROM approvals)::text AS approvals,
        (SELECT coalesce(max(id), 0) FROM merchant_status_history)::text AS history`),
  );
  // A second seed into the same tables must not regenerate the first one's merchants and bills
  // (their unique keys would collide), so the rows already there are part of the seed.
  const random = createRandom(`${options.seed ?? "bulk"}:${start.merchants}:${start.approvals}`);
  const apiKey = generateApiKey(random);
  let merchantId = Number(start.merchants);
  let deliveryId = Number(start.deliveries);
  let approvalId = Number(start.approvals);
  let historyId = Number(start.history);

  const bar = options.progress
    ? new SingleBar({
        format: "{phase} [{bar}] {percentage}% | {value}/{total} | {duration}s",
        hideCursor: true,
        noTTYOutput: false,
      })
    : undefined;

  // Merchants first: their rows, status timelines and auth-mapping deliveries.
  bar?.start(options.merchants, 0, { phase: "merchants" });
  const writer = await openWriter(handle);
  const live: SeededMerchant[] = [];
  const seen = new Set<string>();
  let statusChanges = 0;
  for (let index = 0; index < options.merchants; index++) {
    let merchant = generateMerchant(random);
    while (seen.has(`${merchant.memberId}/${merchant.merchantId}`)) merchant = generateMerchant(random);
    seen.add(`${merchant.memberId}/${merchant.merchantId}`);
    const timeline = merchantTimeline(random, merchant);
    // Most merchants were linked before the history starts; the rest join over the period.
    const appliedAt = random.chance(0.7)
      ? historyStart - random.int(1, 365) * DAY_MS
      : historyStart + random.next() * (now.getTime() - historyStart - 30 * DAY_MS);
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
      const isDeleted = payload.merchant.isDeleted === "Y";
      const rawBody = JSON.stringify(payload);
      const receivedAt = new Date(at);
      await writer.write("callback_deliveries", [
        deliveryId,
        "auth_mapping",
        "/api/callbacks/auth-mapping",
        receivedAt,
        rawBody,
        Buffer.byteLength(rawBody),
        "accepted",
        200,
        null,
        null,
        null,
        random.pick(senderAddresses),
        `${merchant.memberId}/${merchant.merchantId}`,
        null,
        merchantId,
      ]);
      await writer.write("merchant_status_history", [
        historyId,
        merchantId,
        deliveryId,
        payload.merchant.reviewStatus,
        payload.merchant.reviewMessage,
        isDeleted,
        payload.merchant.companyName,
        payload.merchant.branchName,
        receivedAt,
      ]);
      if (payload.merchant.reviewStatus === "O" && openedAt === null) openedAt = at;
      if (payload.merchant.reviewStatus !== last?.merchant.reviewStatus) statusSince = at;
      last = payload;
      lastAt = at;
      // Reviews take days; a reply to a document request, longer.
      at = Math.min(at + random.int(1, payload.merchant.reviewStatus === "S" ? 21 : 7) * DAY_MS, now.getTime());
    }
    const final = last!.merchant;
    await writer.write("merchants", [
      merchantId,
      merchant.memberId,
      merchant.merchantId,
      merchant.payssamMemberId,
      merchant.companyName,
      merchant.branchName,
      merchant.businessNumber,
      final.reviewStatus,
      final.reviewMessage,
      final.isDeleted === "Y",
      new Date(appliedAt),
      new Date(lastAt),
      new Date(statusSince),
    ]);
    if (openedAt !== null && final.isDeleted !== "Y") live.push({ merchant, openedAt });
    if (index % 1000 === 0) bar?.update(index + 1);
  }
  bar?.update(options.merchants);
  bar?.stop();
  const merchantDeliveries = deliveryId - Number(start.deliveries);

  // Approvals, oldest first, so that ids rise with time as they do in a real table. Generating
  // them is most of the seed's work, so on PostgreSQL it is split over worker threads, one
  // consecutive stretch of time each; this thread only passes their rows on to COPY.
  bar?.start(options.approvals, 0, { phase: "approvals" });
  const instants = approvalInstants(random, options.approvals, now, years);
  // Some billers are far busier than others: weight falls off with a random rank.
  const billers = live.length > 0 ? live : [{ merchant: generateMerchant(random), openedAt: historyStart }];
  const ranks = billers.map(() => random.next() * billers.length);
  const threads = handle.driver === "postgres" && options.approvals >= 50_000 ? Math.max(1, availableParallelism()) : 1;
  const perSlice = Math.ceil(options.approvals / threads);
  const progress = new Array<number>(threads).fill(0);
  const slices: ApprovalSlice[] = Array.from({ length: threads }, (_, index) => {
    const first = index * perSlice;
    const rows = Math.max(0, Math.min(perSlice, options.approvals - first));
    return {
      seed: `${options.seed ?? "bulk"}:${start.approvals}:slice-${index}`,
      apiKey,
      now: now.getTime(),
      instants: instants.slice(first, first + rows),
      afterApprovalId: approvalId + first,
      // At most five deliveries per approval row: the first, three retries, one refused.
      afterDeliveryId: deliveryId + first * 5,
      billers,
      ranks,
      checkRows: index === 0,
    };
  });
  const onProgress = (index: number, rows: number) => {
    progress[index] = rows;
    bar?.update(progress.reduce((sum, value) => sum + value, 0));
  };
  const results =
    threads === 1
      ? [
          await writeApprovalSlice(
            slices[0],
            (table, values) => writer.write(table, values),
            (rows) => onProgress(0, rows),
          ),
        ]
      : await Promise.all(
          slices.map((slice, index) =>
            runSliceWorker(
              slice,
              (table, text) => writer.writeText(table, text),
              (rows) => onProgress(index, rows),
            ),
          ),
        );
  await writer.finish();
  bar?.update(options.approvals);
  bar?.stop();
  const written = results.reduce((sum, result) => sum + result.approvals, 0);
  const refused = results.reduce((sum, result) => sum + result.refused, 0);
  const approvalDeliveries = results.reduce((sum, result) => sum + result.deliveries, 0);
  approvalId += written;
  deliveryId = Math.max(deliveryId, ...results.map((result) => result.lastDeliveryId));

  // Sequences past the explicit ids, and fresh statistics so the planner knows the new sizes.
  await db.execute(
    sql`SELECT setval(pg_get_serial_sequence('merchants', 'id'), ${merchantId}::bigint, ${merchantId > 0})`,
  );
  await db.execute(
    sql`SELECT setval(pg_get_serial_sequence('callback_deliveries', 'id'), ${deliveryId}::bigint, ${deliveryId > 0})`,
  );
  await db.execute(
    sql`SELECT setval(pg_get_serial_sequence('approvals', 'id'), ${approvalId}::bigint, ${approvalId > 0})`,
  );
  await db.execute(
    sql`SELECT setval(pg_get_serial_sequence('merchant_status_history', 'id'), ${historyId}::bigint, ${historyId > 0})`,
  );
  // VACUUM also sets the visibility map, which the index-only scans of the dashboard's counts and
  // sums rely on; the log tables only need statistics (vacuuming 1 GB of them takes long).
  await db.execute(sql`VACUUM (ANALYZE) merchants, approvals`);
  await db.execute(sql`ANALYZE merchant_status_history, callback_deliveries`);

  return {
    approvals: written,
    merchants: options.merchants,
    deliveries: merchantDeliveries + approvalDeliveries,
    statusChanges,
    refusedDeliveries: refused,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

export const bulkUsage = `Bulk mode (scale tests): written straight into the tables with COPY, not through the receiver
  npm run db:seed -- --approvals 1000000 --merchants 100000 [--seed S] [--years 2]
  Defaults: ${bulkDefaults.postgres.approvals} approvals and ${bulkDefaults.postgres.merchants} merchants on PostgreSQL, ${bulkDefaults.pglite.approvals} and ${bulkDefaults.pglite.merchants} on the embedded database.`;

/** Whether a db:seed command line asks for bulk mode. */
export function isBulkSeed(argv: readonly string[]): boolean {
  return argv.some((arg) => /^--(approvals|merchants)(=|$)/.test(arg));
}

const count = (value: string | undefined, flag: string) => {
  if (value === undefined) return undefined;
  const parsed = Number(value.replaceAll(/[,_]/g, ""));
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${flag} must be a whole number, got "${value}".`);
  return parsed;
};

/** `npm run db:seed -- --approvals N --merchants M`: exit code. */
export async function runBulkSeed(argv: string[]): Promise<number> {
  let options: BulkSeedOptions;
  const { DATABASE_URL, PGLITE_DIR } = env();
  const defaults = DATABASE_URL ? bulkDefaults.postgres : bulkDefaults.pglite;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        approvals: { type: "string" },
        merchants: { type: "string" },
        seed: { type: "string" },
        years: { type: "string" },
      },
    });
    options = {
      approvals: count(values.approvals, "--approvals") ?? defaults.approvals,
      merchants: count(values.merchants, "--merchants") ?? defaults.merchants,
      seed: values.seed,
      years: count(values.years, "--years"),
      progress: true,
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${bulkUsage}`);
    return 2;
  }
  if (options.approvals > 0 && options.merchants === 0) {
    console.error("Approvals are billed by live merchants: --merchants must be at least 1.");
    return 2;
  }
  const target = DATABASE_URL ? `PostgreSQL at ${new URL(DATABASE_URL).host}` : `the embedded database ${PGLITE_DIR}`;
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(
      DATABASE_URL ? { url: DATABASE_URL, migrate: true, poolMax: 5 } : { pgliteDir: PGLITE_DIR, migrate: true },
    );
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(
        `The app is running on ${target} (PID ${error.ownerPid}), and PGlite cannot be shared: stop it first.`,
      );
      return 1;
    }
    throw error;
  }
  try {
    console.log(`Bulk seeding ${target}: ${options.approvals} approvals, ${options.merchants} merchants`);
    const summary = await seedBulk(handle, options);
    console.log(
      `Seeded ${summary.merchants} merchants (${summary.statusChanges} status changes), ${summary.approvals} approvals, ` +
        `${summary.deliveries} callback deliveries (${summary.refusedDeliveries} refused) in ${summary.seconds} s`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

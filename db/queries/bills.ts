import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Database, getDb, rowsOf } from "@/db";
import {
  type Approval,
  approvals,
  type BillSource,
  bills,
  type ReconciliationStatus,
  reconciliations,
} from "@/db/schema";
import { type BillFieldError, type BillInput, comparedBillKeys, differsMessage } from "@/lib/bills/bill";
import { addDays, kstDayStart } from "@/lib/kst";
import { cursorFor, type KeysetRequest, keysetBatches, keysetCondition, keysetOrder, keysetPage } from "./keyset";

// The partner's bills (청구서): registering them (the API, the upload, the demo), the 청구서 list,
// and a merchant's approvals, which only a bill can tie to its merchant.

export interface BillRefusal {
  billId: string;
  /** The bill's position in the list given. */
  index: number;
  errors: BillFieldError[];
}

export interface BillRegistration {
  accepted: number;
  unchanged: number;
  refused: BillRefusal[];
}

interface StoredBill {
  bill_id: string;
  member_id: string;
  merchant_id: string;
  price: string | number;
  issued_at: string | Date;
  expire_date: string | null;
  order_ref: string | null;
  product_name: string | null;
}

const asInstant = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** The fields of `bill` that differ from the stored one; a field the new bill leaves out is not compared. */
function differingKeys(bill: BillInput, stored: BillInput): (typeof comparedBillKeys)[number][] {
  return comparedBillKeys.filter((key) => {
    const given = bill[key];
    if (given === null) return false;
    const kept = stored[key];
    if (given instanceof Date) return !(kept instanceof Date) || kept.getTime() !== given.getTime();
    return given !== kept;
  });
}

function fromStored(row: StoredBill): BillInput {
  return {
    billId: row.bill_id,
    memberId: row.member_id,
    merchantId: row.merchant_id,
    price: Number(row.price),
    issuedAt: asInstant(row.issued_at),
    expireDate: row.expire_date === null ? null : String(row.expire_date).slice(0, 10),
    orderRef: row.order_ref,
    productName: row.product_name,
  };
}

function verdict(bill: BillInput, index: number, stored: BillInput): BillRefusal | null {
  const keys = differingKeys(bill, stored);
  if (keys.length === 0) return null;
  return { billId: bill.billId, index, errors: keys.map((key) => ({ path: key, message: differsMessage(key) })) };
}

/**
 * Stores new bills and gives each its reconciliation row (read from now on). Idempotent on billId:
 * the same content again is unchanged; different content for a known billId is refused with the
 * fields that differ, and the stored bill is kept. One statement per call (up to ~1,000 bills), so
 * inside a transaction (the upload's all-or-nothing commit) the caller decides what is kept.
 */
export async function registerBills(db: Database, input: BillInput[], source: BillSource): Promise<BillRegistration> {
  const result: BillRegistration = { accepted: 0, unchanged: 0, refused: [] };
  // The same billId twice in one request: the first is the one registered, the others compared to it.
  const first = new Map<string, { bill: BillInput; index: number }>();
  const repeats: { bill: BillInput; index: number }[] = [];
  input.forEach((bill, index) => {
    if (first.has(bill.billId)) repeats.push({ bill, index });
    else first.set(bill.billId, { bill, index });
  });
  const unique = [...first.values()].map((entry) => entry.bill);
  if (unique.length === 0) return result;
  const rows = JSON.stringify(
    unique.map((bill) => ({
      bill_id: bill.billId,
      member_id: bill.memberId,
      merchant_id: bill.merchantId,
      price: bill.price,
      issued_at: bill.issuedAt?.toISOString() ?? null,
      expire_date: bill.expireDate,
      order_ref: bill.orderRef,
      product_name: bill.productName,
    })),
  );
  const stored = rowsOf<StoredBill & { inserted: boolean }>(
    await db.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS given(
          bill_id varchar(20), member_id varchar(60), merchant_id varchar(60), price bigint,
          issued_at timestamptz, expire_date date, order_ref text, product_name text)
      ),
      inserted AS (
        INSERT INTO bills (bill_id, member_id, merchant_id, price, issued_at, expire_date, order_ref, product_name, source)
        SELECT bill_id, member_id, merchant_id, price, coalesce(issued_at, now()), expire_date, order_ref, product_name,
          ${source}::bill_source
        FROM input
        ON CONFLICT ON CONSTRAINT bills_bill_id_key DO NOTHING
        RETURNING bill_id, member_id, merchant_id, price, issued_at, expire_date, order_ref, product_name
      ),
      -- A new bill is read from now on. A billId a callback named before the bill was registered
      -- (미등록) now has its bill: read it again on the next pass.
      reconciliation AS (
        INSERT INTO reconciliations (bill_id, status, member_id, merchant_id, amount, issued_at, next_read_at)
        SELECT bill_id, 'unpaid', member_id, merchant_id, price, issued_at, now() FROM inserted
        ON CONFLICT ON CONSTRAINT reconciliations_bill_id_key DO UPDATE SET
          member_id = excluded.member_id, merchant_id = excluded.merchant_id, amount = excluded.amount,
          issued_at = excluded.issued_at, next_read_at = now(), updated_at = now()
        WHERE reconciliations.status = 'unregistered'
      )
      SELECT bill_id, member_id, merchant_id, price, issued_at, expire_date::text, order_ref, product_name, true AS inserted
      FROM inserted
      UNION ALL
      SELECT bills.bill_id, bills.member_id, bills.merchant_id, bills.price, bills.issued_at, bills.expire_date::text,
        bills.order_ref, bills.product_name, false
      FROM bills JOIN input ON input.bill_id = bills.bill_id
    `),
  );
  const byBillId = new Map<string, StoredBill & { inserted: boolean }>();
  for (const row of stored) if (!byBillId.has(row.bill_id) || row.inserted) byBillId.set(row.bill_id, row);
  // Registered by a concurrent request after this statement's snapshot: read it now.
  const missing = unique.filter((bill) => !byBillId.has(bill.billId)).map((bill) => bill.billId);
  if (missing.length > 0) {
    const late = await db
      .select()
      .from(bills)
      .where(sql`${bills.billId} = any(${sql.param(missing)}::varchar[])`);
    for (const bill of late) {
      byBillId.set(bill.billId, {
        bill_id: bill.billId,
        member_id: bill.memberId,
        merchant_id: bill.merchantId,
        price: bill.price,
        issued_at: bill.issuedAt,
        expire_date: bill.expireDate,
        order_ref: bill.orderRef,
        product_name: bill.productName,
        inserted: false,
      });
    }
  }
  for (const { bill, index } of first.values()) {
    const row = byBillId.get(bill.billId);
    if (!row) throw new Error(`bill ${bill.billId} was neither stored nor found`);
    if (row.inserted) {
      result.accepted++;
      continue;
    }
    const refusal = verdict(bill, index, fromStored(row));
    if (refusal) result.refused.push(refusal);
    else result.unchanged++;
  }
  for (const { bill, index } of repeats) {
    const refusal = verdict(bill, index, (first.get(bill.billId) as { bill: BillInput }).bill);
    if (refusal) result.refused.push(refusal);
    else result.unchanged++;
  }
  result.refused.sort((a, b) => a.index - b.index);
  return result;
}

// ---- The 청구서 list ------------------------------------------------------------------------

export interface BillFilters {
  /** A billId prefix. */
  billId?: string;
  memberId?: string;
  merchantId?: string;
  /** KST calendar days (yyyy-MM-dd) of issuedAt, both included. */
  from?: string;
  to?: string;
  source?: BillSource;
  /** The bill's reconciliation status (the 청구서 page's filter). */
  status?: ReconciliationStatus;
  after?: string;
  before?: string;
  size: number;
}

function prefixRange(column: typeof bills.billId, prefix: string): SQL[] {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return [sql`${column} ~>=~ ${prefix}`, sql`${column} ~<~ ${upper}`];
}

function billsWhere(filters: BillFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.billId) conditions.push(...prefixRange(bills.billId, filters.billId));
  if (filters.memberId) conditions.push(eq(bills.memberId, filters.memberId));
  if (filters.merchantId) conditions.push(eq(bills.merchantId, filters.merchantId));
  const from = filters.from ? kstDayStart(filters.from) : null;
  if (from) conditions.push(sql`${bills.issuedAt} >= ${from.toISOString()}::timestamptz`);
  const to = filters.to ? kstDayStart(filters.to) : null;
  if (to) conditions.push(sql`${bills.issuedAt} < ${addDays(to, 1).toISOString()}::timestamptz`);
  if (filters.source) conditions.push(eq(bills.source, filters.source));
  if (filters.status) conditions.push(eq(reconciliations.status, filters.status));
  return and(...conditions);
}

const billKeyset = (filters: BillFilters, size: number): KeysetRequest => ({
  sortColumn: bills.issuedAt,
  cast: "timestamptz",
  descending: true,
  after: cursorFor(filters.after, "timestamptz"),
  before: cursorFor(filters.before, "timestamptz"),
  size,
});

async function fetchBillsPage(filters: BillFilters, request: KeysetRequest) {
  const db = await getDb();
  const fetched = await db
    .select({
      id: bills.id,
      billId: bills.billId,
      memberId: bills.memberId,
      merchantId: bills.merchantId,
      price: bills.price,
      issuedAt: bills.issuedAt,
      expireDate: bills.expireDate,
      orderRef: bills.orderRef,
      productName: bills.productName,
      source: bills.source,
      status: reconciliations.status,
      cursorValue: sql<string>`${bills.issuedAt}::text`.mapWith(String),
    })
    .from(bills)
    .leftJoin(reconciliations, eq(reconciliations.billId, bills.billId))
    .where(and(billsWhere(filters), keysetCondition(request, bills.id)))
    .orderBy(...keysetOrder(request, bills.id))
    .limit(request.size + 1);
  return keysetPage(request, fetched);
}

export type BillListRow = Awaited<ReturnType<typeof fetchBillsPage>>["rows"][number];

export function getBillsPage(filters: BillFilters) {
  return fetchBillsPage(filters, billKeyset(filters, filters.size));
}

/** Every bill matching the filters, newest first, a batch at a time (an export). */
export function billBatches(filters: BillFilters, batchSize = 1000) {
  return keysetBatches((after) =>
    fetchBillsPage(filters, billKeyset({ ...filters, after, before: undefined }, batchSize)),
  );
}

export async function getBill(billId: string) {
  const db = await getDb();
  const [bill] = await db.select().from(bills).where(eq(bills.billId, billId)).limit(1);
  return bill;
}

// ---- A merchant's approvals ----------------------------------------------------------------

export interface MerchantKey {
  memberId: string;
  merchantId: string;
}

/**
 * Approvals paid to this merchant: those whose billId one of its bills names. The condition for
 * /approvals' merchant filter and the merchant page alike.
 */
export function merchantApprovalsCondition(merchant: MerchantKey): SQL {
  return sql`${approvals.billId} in (select ${bills.billId} from ${bills}
    where ${bills.memberId} = ${merchant.memberId} and ${bills.merchantId} = ${merchant.merchantId})`;
}

export interface MerchantApprovalFilters extends MerchantKey {
  after?: string;
  before?: string;
  size: number;
}

const merchantApprovalColumns = {
  id: approvals.id,
  billId: approvals.billId,
  apprState: approvals.apprState,
  apprDt: approvals.apprDt,
  apprPrice: approvals.apprPrice,
  apprPayType: approvals.apprPayType,
  apprIssuer: approvals.apprIssuer,
  apprNum: approvals.apprNum,
  recoveredAt: approvals.recoveredAt,
};

export type MerchantApprovalRow = Pick<Approval, keyof typeof merchantApprovalColumns>;

/** A merchant's approvals, newest first (apprDt), keyset-paged like /approvals. */
export async function getMerchantApprovalsPage(filters: MerchantApprovalFilters) {
  const db = await getDb();
  const request: KeysetRequest = {
    sortColumn: approvals.apprDt,
    cast: "timestamptz",
    descending: true,
    after: cursorFor(filters.after, "timestamptz"),
    before: cursorFor(filters.before, "timestamptz"),
    size: filters.size,
  };
  const fetched = await db
    .select({ ...merchantApprovalColumns, cursorValue: sql<string>`${approvals.apprDt}::text`.mapWith(String) })
    .from(approvals)
    .where(and(merchantApprovalsCondition(filters), keysetCondition(request, approvals.id)))
    .orderBy(...keysetOrder(request, approvals.id))
    .limit(request.size + 1);
  return keysetPage(request, fetched);
}

export interface MerchantTotals {
  bills: number;
  /** Whole won billed. */
  billed: number;
  /** Per approval state: count and whole won. */
  byState: { apprState: Approval["apprState"]; count: number; sum: number }[];
}

export async function getMerchantTotals(merchant: MerchantKey): Promise<MerchantTotals> {
  const db = await getDb();
  const [billed] = await db
    .select({
      bills: sql<number>`count(*)::int`.mapWith(Number),
      billed: sql<string>`coalesce(sum(${bills.price}), 0)::text`,
    })
    .from(bills)
    .where(and(eq(bills.memberId, merchant.memberId), eq(bills.merchantId, merchant.merchantId)));
  const byState = await db
    .select({
      apprState: approvals.apprState,
      count: sql<number>`count(*)::int`.mapWith(Number),
      sum: sql<string>`coalesce(sum(${approvals.apprPrice}), 0)::text`,
    })
    .from(approvals)
    .where(merchantApprovalsCondition(merchant))
    .groupBy(approvals.apprState);
  return {
    bills: billed.bills,
    billed: Number(billed.billed),
    byState: byState.map((row) => ({ apprState: row.apprState, count: row.count, sum: Number(row.sum) })),
  };
}

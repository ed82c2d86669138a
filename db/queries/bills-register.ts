import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { type BillSource, bills } from "@/db/schema";
import { type BillFieldError, type BillInput, comparedBillKeys, differsMessage } from "@/lib/bills/bill";

// Registering the partner's bills: the one write behind POST /api/bills, the 청구서 upload, the demo
// and the seed. Takes its database handle (or a transaction) like record-callback.ts, and is not
// server-only, so the seed scripts can use it too.

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
